package cartan.curvature;

import cartan.Require;
import cartan.fit.Ols;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Three models of a rank profile x_1 ≥ … ≥ x_n (the gradient's singular values σ_k), fitted by least
 * squares on log x_k, compared by BIC = n ln(RSS/n) + p ln n, as in the paper's model-selection table
 * (its {@code results_model_fit_comparison.json} uses exactly these definitions):
 * <ul>
 *   <li>power law: ln x = c − γ ln k (p = 2);</li>
 *   <li>exponential: ln x = c − β k (p = 2);</li>
 *   <li>log-normal: ln x = c + a ln k + b (ln k)² (p = 3; a log-normal rank profile).</li>
 * </ul>
 *
 * @param powerLawBic    BIC of the power law
 * @param exponentialBic BIC of the exponential
 * @param logNormalBic   BIC of the log-normal
 * @param n              number of points
 */
public record RankProfileModels(double powerLawBic, double exponentialBic, double logNormalBic, int n) {

    /** Fits the three models to positive values (rank order as given). */
    public static RankProfileModels fit(double[] values) {
        Require.positive("values", values);
        int n = values.length;
        if (n < 4) {
            throw new IllegalArgumentException("values: need at least 4 points for three models, got " + n);
        }
        double[] y = Ols.log("values", values);
        double[] logK = new double[n];
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            logK[i] = Math.log(i + 1);
            k[i] = i + 1;
        }
        double rssPl = Ols.fit(logK, y).residualSumOfSquares();
        double rssExp = Ols.fit(k, y).residualSumOfSquares();
        DMatrixRMaj design = new DMatrixRMaj(n, 3);
        for (int i = 0; i < n; i++) {
            design.set(i, 0, 1);
            design.set(i, 1, logK[i]);
            design.set(i, 2, logK[i] * logK[i]);
        }
        LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        if (!qr.setA(design.copy())) {
            throw new IllegalStateException("the quadratic design matrix is singular");
        }
        DMatrixRMaj coef = new DMatrixRMaj(3, 1);
        qr.solve(DMatrixRMaj.wrap(n, 1, y.clone()), coef);
        double rssLn = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - coef.get(0) - coef.get(1) * logK[i] - coef.get(2) * logK[i] * logK[i];
            rssLn += r * r;
        }
        return new RankProfileModels(bic(rssPl, n, 2), bic(rssExp, n, 2), bic(rssLn, n, 3), n);
    }

    /** n ln(RSS/n) + p ln n (RSS floored at 1e-300 so an exact fit stays finite). */
    static double bic(double rss, int n, int p) {
        return n * Math.log(Math.max(rss, 1e-300) / n) + p * Math.log(n);
    }

    /** The model with the lowest BIC: {@code power_law}, {@code exponential} or {@code lognormal}. */
    public String best() {
        if (logNormalBic < powerLawBic && logNormalBic < exponentialBic) {
            return "lognormal";
        }
        return exponentialBic < powerLawBic ? "exponential" : "power_law";
    }
}
