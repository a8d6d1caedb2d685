package cartan.curvature;

import cartan.Require;
import cartan.linalg.RandomMatrices;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How small |αγ − s|/s is by construction. The research notes caution that when both log–log fits
 * are nearly linear, s ≈ αγ follows almost automatically (OLS is linear in the response). This null
 * model makes that quantitative for one layer: keep its measured σ_1 ≥ … ≥ σ_k, draw
 * h_k = σ_k^α e^{ε_k} with ε_k ~ N(0, r²), r² the residual variance of the layer's own fit of log h on
 * log σ, and refit α, γ, s with the paper's conventions ({@link CurvatureExponents}); the distribution
 * of |αγ − s|/s over draws is what a pure power law h ∝ σ^α with that much scatter gives.
 */
public final class TransferNull {

    private TransferNull() {
    }

    /**
     * The median over {@code draws} of the relative transfer error under the null.
     *
     * @param sigma       σ_1 ≥ … ≥ σ_k (positive)
     * @param alpha       the exponent of the null law
     * @param residualSd  r, the standard deviation of ε
     */
    public static double medianError(double[] sigma, double alpha, double residualSd, int draws, long seed) {
        Require.positive("sigma", sigma);
        Require.finite("alpha", alpha);
        Require.nonNegative("residualSd", residualSd);
        Require.atLeast("draws", draws, 1);
        SplittableRandom r = new SplittableRandom(seed);
        double[] err = new double[draws];
        double[] h = new double[sigma.length];
        for (int d = 0; d < draws; d++) {
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.pow(sigma[i], alpha) * Math.exp(residualSd * RandomMatrices.standardNormal(r));
            }
            err[d] = CurvatureExponents.fit(sigma, h, sigma.length).relativeError();
        }
        Arrays.sort(err);
        return draws % 2 == 1 ? err[draws / 2] : 0.5 * (err[draws / 2 - 1] + err[draws / 2]);
    }

    /** The residual standard deviation √(RSS/(n − 2)) of a fit of log h on log σ. */
    public static double residualSd(CurvatureExponents e) {
        var f = e.alphaFit();
        return Math.sqrt(f.residualSumOfSquares() / Math.max(1, f.n() - 2));
    }
}
