package cartan.fit;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.SplittableRandom;

/**
 * Which rank profile fits a decreasing spectrum σ_1 ≥ … ≥ σ_n best, by the Bayesian information
 * criterion of three least-squares models of log σ_k (k = 1…n), as in arXiv 2606.02596 (App. "Gradient
 * rank profile and γ") and the authors' {@code results_model_fit_comparison.json}:
 * <ul>
 *   <li>power law: log σ_k = c − γ log k (p = 2 parameters);</li>
 *   <li>exponential: log σ_k = c − β k (p = 2);</li>
 *   <li>log-normal in rank: log σ_k = c + b log k + a (log k)² (p = 3);</li>
 * </ul>
 * with BIC = n log(RSS/n) + p log n (natural logarithms); the smallest BIC wins. A model that fits
 * exactly has RSS = 0 and BIC = −∞.
 *
 * @param bicPowerLaw    BIC of the power law
 * @param bicExponential BIC of the exponential
 * @param bicLogNormal   BIC of the log-normal profile
 * @param gamma          the power law's γ (minus its slope)
 * @param n              number of singular values
 */
public record RankProfileBic(double bicPowerLaw, double bicExponential, double bicLogNormal, double gamma, int n) {

    /** Names of the models as the authors' files spell them. */
    public static final String POWER_LAW = "power_law";
    public static final String EXPONENTIAL = "exponential";
    public static final String LOG_NORMAL = "lognormal";

    /**
     * The three fits.
     *
     * @param sigma positive, non-increasing, at least 4 values (the log-normal fit has 3 parameters)
     */
    public static RankProfileBic of(double[] sigma) {
        Require.positive("sigma", sigma);
        int n = sigma.length;
        if (n < 4) {
            throw new IllegalArgumentException("sigma: need at least 4 singular values for three rank models, got "
                    + n);
        }
        for (int i = 1; i < n; i++) {
            if (sigma[i] > sigma[i - 1]) {
                throw new IllegalArgumentException("sigma: must be non-increasing, but entry " + i + " = " + sigma[i]
                        + " exceeds entry " + (i - 1) + " = " + sigma[i - 1]);
            }
        }
        double[] y = Ols.log("sigma", sigma);
        return ofLog(y);
    }

    private static RankProfileBic ofLog(double[] y) {
        int n = y.length;
        double[] logK = new double[n];
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            logK[i] = Math.log(i + 1);
            k[i] = i + 1;
        }
        Ols pl = Ols.fit(logK, y);
        Ols ex = Ols.fit(k, y);
        double rssLn = quadraticRss(logK, y);
        return new RankProfileBic(bic(pl.residualSumOfSquares(), n, 2), bic(ex.residualSumOfSquares(), n, 2),
                bic(rssLn, n, 3), -pl.slope(), n);
    }

    /** The winning model: {@link #POWER_LAW}, {@link #EXPONENTIAL} or {@link #LOG_NORMAL} (ties in that order). */
    public String winner() {
        if (bicPowerLaw <= bicExponential && bicPowerLaw <= bicLogNormal) {
            return POWER_LAW;
        }
        return bicExponential <= bicLogNormal ? EXPONENTIAL : LOG_NORMAL;
    }

    /**
     * How often the log-normal profile wins when the spectrum <em>is</em> a power law: log σ_k is the fitted
     * line c − γ log k plus the power-law fit's own residuals permuted over the ranks (same size, no
     * curvature in rank), {@code draws} times, seeded. The rate at which BIC's extra-parameter penalty is
     * beaten by chance.
     */
    public static double logNormalRateUnderPowerLaw(double[] sigma, int draws, long seed) {
        of(sigma); // validates sigma
        Require.atLeast("draws", draws, 1);
        int n = sigma.length;
        double[] logK = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            logK[i] = Math.log(i + 1);
            y[i] = Math.log(sigma[i]);
        }
        Ols pl = Ols.fit(logK, y);
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            res[i] = y[i] - pl.intercept() - pl.slope() * logK[i];
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int wins = 0;
        double[] yp = new double[n];
        for (int d = 0; d < draws; d++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                double t = res[i];
                res[i] = res[j];
                res[j] = t;
            }
            for (int i = 0; i < n; i++) {
                yp[i] = pl.intercept() + pl.slope() * logK[i] + res[i];
            }
            wins += LOG_NORMAL.equals(ofLog(yp).winner()) ? 1 : 0;
        }
        return (double) wins / draws;
    }

    private static double bic(double rss, int n, int p) {
        return n * Math.log(rss / n) + p * Math.log(n);
    }

    /** Residual sum of squares of y on (1, u, u²), by a QR least-squares solve. */
    private static double quadraticRss(double[] u, double[] y) {
        int n = u.length;
        DMatrixRMaj a = new DMatrixRMaj(n, 3);
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            a.set(i, 0, 1);
            a.set(i, 1, u[i]);
            a.set(i, 2, u[i] * u[i]);
            b.set(i, 0, y[i]);
        }
        DMatrixRMaj x = new DMatrixRMaj(3, 1);
        if (!CommonOps_DDRM.solve(a, b, x)) {
            throw new IllegalArgumentException("sigma: the log-normal rank fit is singular");
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - x.get(0) - x.get(1) * u[i] - x.get(2) * u[i] * u[i];
            rss += r * r;
        }
        return rss;
    }
}
