package cartan.profile;

import cartan.Require;
import cartan.linalg.PartialProducts;
import cartan.orbit.HarmonicNumbers;
import cartan.spectrum.RankRange;
import cartan.spectrum.Spectrum;
import cartan.spectrum.TopRadialChart;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The rows and rigidity columns of a chain profile (see {@link ExponentProfile}): the partial products
 * J_ℓ = A_ℓ ⋯ A_1 by QR accumulation ({@link PartialProducts}), one {@link LayerSpectrum} per depth, and
 * the slack, normalisation change, drift and drift bounds of P1.5.
 *
 * <p>Two accountings of the top-radial coordinate along depth. With the Frobenius normalisation
 * F(X) = ½ log(‖X‖_F²/d), r = log σ_1 − F, the exact identity is Δr_ℓ = a_ℓ − ξ_ℓ − ν_ℓ and the drift bound
 * uses the chart slope m = r' at the larger exponent (mean value theorem). With the geometric-mean
 * normalisation G(X) = (1/d) log|det X| = mean_k log σ_k, which is additive (G(AJ) = G(A) + G(J)), the
 * normalisation change vanishes: r_g = log σ_1 − G satisfies Δr_g = a^g_ℓ − ξ_ℓ exactly, with the
 * geometric-mean interface amplitude a^g_ℓ = log σ_1(A_ℓ) − G(A_ℓ) ≥ a_ℓ (AM–GM). When the chart is fitted
 * over all d ranks the OLS identities give r_g(J) = λ_d·β̂(J) + e_1(J), with λ_d = mean_k log k = log(d!)/d
 * and e_1 the signed OLS residual at rank 1, hence the linear accounting
 *
 * <pre>
 *   λ_d·(β̂_ℓ − β̂_{ℓ−1}) = a^g_ℓ − ξ_ℓ − (e_1(J_ℓ) − e_1(J_{ℓ−1}))     (exact),
 *   (|a^g_ℓ − ξ_ℓ| − |Δe_1|)₊ / λ_d  ≤  |β̂_ℓ − β̂_{ℓ−1}|  ≤  (a^g_ℓ + ξ_ℓ + |Δe_1|) / λ_d .
 * </pre>
 *
 * @param rows      one row per depth ℓ = 1..L
 * @param depths    ℓ for each row
 * @param columns   the rigidity columns, in {@link ExponentProfile#CHAIN_COLUMNS} order (without depth)
 * @param dimension d
 */
record ChainRigidity(List<LayerSpectrum> rows, int[] depths, List<Column<?>> columns, int dimension) {

    static ChainRigidity of(List<DMatrixRMaj> factors, IntFunction<RankRange> window) {
        PartialProducts pp = PartialProducts.of(factors);
        int d = pp.dimension();
        Require.atLeast("factors: dimension d", d, 3);
        int depth = pp.depth();
        List<LayerSpectrum> rows = new ArrayList<>();
        double[] logSigma1 = new double[depth];
        double[] logCond = new double[depth];
        for (int l = 1; l <= depth; l++) {
            double[] ls = pp.logSingularValues(l);
            double[] s = new double[d];
            for (int k = 0; k < d; k++) {
                s[k] = Math.exp(ls[k] - ls[0]);
            }
            rows.add(LayerSpectrum.ofSpectrum(l - 1, "J_" + l, Spectrum.ofSingularValues(s), window));
            logSigma1[l - 1] = ls[0];
            logCond[l - 1] = ls[0] - ls[d - 1];
        }
        double[] beta = new double[depth];
        double[] betaTop = new double[depth];
        double[] eps = new double[depth];
        double[] r = new double[depth];
        for (int l = 0; l < depth; l++) {
            LayerSpectrum row = rows.get(l);
            if (row.chart() == null) {
                throw new IllegalArgumentException("factors: no Cartan chart of J_" + (l + 1) + " (" + row.notes() + ")");
            }
            beta[l] = row.chart().beta();
            betaTop[l] = row.betaTopRadial();
            eps[l] = row.chart().signedResidual();
            r[l] = row.topRadial();
        }
        int[] depthCol = new int[depth];
        double[] a = new double[depth];
        double[] xi = new double[depth];
        double[] nu = new double[depth];
        double[] dr = new double[depth];
        double[] deps = new double[depth];
        double[] drift = new double[depth];
        double[] bound = new double[depth];
        double[] driftTop = new double[depth];
        double[] boundTop = new double[depth];
        double halfLogD = 0.5 * Math.log(d);
        boolean allRanks = window.apply(d).equals(RankRange.all(d));
        double lambda = HarmonicNumbers.meanLog(d, 0);
        double[] ag = new double[depth];
        double[] e1 = new double[depth];
        double[] gmBound = new double[depth];
        double[] gmConverse = new double[depth];
        double prevE1 = 0;
        double prevLogSigma1 = 0;
        double prevF = 0;
        double prevBeta = 0;
        double prevBetaTop = 0;
        double prevEps = 0;
        double prevR = 0;
        for (int l = 0; l < depth; l++) {
            Spectrum factor = Spectrum.of(factors.get(l));
            double meanLog = 0;
            for (double v : factor.singularValues()) {
                meanLog += Math.log(v);
            }
            ag[l] = Math.log(factor.singularValue(1)) - meanLog / d;
            double fA = 0.5 * Math.log(factor.frobeniusSquared()) - halfLogD;
            double fJ = pp.logFrobeniusNorm(l + 1) - halfLogD;
            depthCol[l] = l + 1;
            a[l] = factor.topRadial();
            xi[l] = Math.log(factor.singularValue(1)) + prevLogSigma1 - logSigma1[l];
            nu[l] = fJ - prevF - fA;
            dr[l] = r[l] - prevR;
            deps[l] = eps[l] - prevEps;
            drift[l] = Math.abs(beta[l] - prevBeta);
            bound[l] = (a[l] + Math.abs(xi[l]) + Math.abs(nu[l]) + Math.abs(deps[l]))
                    / TopRadialChart.slope(d, Math.max(beta[l], prevBeta));
            driftTop[l] = Math.abs(betaTop[l] - prevBetaTop);
            boundTop[l] = (a[l] + Math.abs(xi[l]) + Math.abs(nu[l]))
                    / TopRadialChart.slope(d, Math.max(betaTop[l], prevBetaTop));
            if (allRanks) {
                e1[l] = r[l] - rows.get(l).chart().intercept();
                double de1 = Math.abs(e1[l] - prevE1);
                gmBound[l] = (ag[l] + xi[l] + de1) / lambda;
                gmConverse[l] = Math.max(Math.abs(ag[l] - xi[l]) - de1, 0) / lambda;
                prevE1 = e1[l];
            } else {
                e1[l] = Double.NaN;
                gmBound[l] = Double.NaN;
                gmConverse[l] = Double.NaN;
            }
            prevLogSigma1 = logSigma1[l];
            prevF = fJ;
            prevBeta = beta[l];
            prevBetaTop = betaTop[l];
            prevEps = eps[l];
            prevR = r[l];
        }
        List<Column<?>> extra = List.of(DoubleColumn.create("log_condition", logCond),
                DoubleColumn.create("interface_amplitude", a), DoubleColumn.create("slack", xi),
                DoubleColumn.create("normalisation_change", nu), DoubleColumn.create("radial_increment", dr),
                DoubleColumn.create("residual_variation", deps), DoubleColumn.create("drift", drift),
                DoubleColumn.create("drift_bound", bound), DoubleColumn.create("drift_top_radial", driftTop),
                DoubleColumn.create("drift_top_radial_bound", boundTop), DoubleColumn.create("gm_amplitude", ag),
                DoubleColumn.create("top_residual", e1), DoubleColumn.create("gm_drift_bound", gmBound),
                DoubleColumn.create("gm_converse_bound", gmConverse));
        return new ChainRigidity(rows, depthCol, extra, d);
    }
}
