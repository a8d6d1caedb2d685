package cartan.curvature;

import cartan.Require;
import cartan.fit.Ols;
import cartan.nn.LayerSignals;
import cartan.nn.Pass;

import java.util.Arrays;

/**
 * Everything the curvature-exponent paper (arXiv 2606.02596, §3.1) measures on one weight matrix on
 * one batch: the gradient G = δᵀA/R, its top-k singular triplets, the exact directional curvatures
 * h_k = vec(u_kv_kᵀ)ᵀ H vec(u_kv_kᵀ) (one exact HVP each), the Kronecker-model curvatures
 * h_k^Kron = Φ_kΛ_k, the curvature ratio χ_k = h_k/h_k^Kron, the exponents α, γ, s
 * ({@link CurvatureExponents}) and PR_h = (Σh)²/Σh².
 *
 * <p>k = min(window, numerical rank of G, positive eigenvalues of C_δ and C_A), so that every ratio
 * is defined; the paper's window is 20.
 *
 * @param k         number of directions
 * @param sigma     σ_1 ≥ … ≥ σ_k
 * @param h         exact h_k, same order
 * @param hKron     h_k^Kron = (u_kᵀC_δu_k)(v_kᵀC_Av_k)
 * @param phi       Φ_k = ρ_k^(δ)ρ_k^(A)
 * @param lambda    Λ_k = [Λ_δ]_kk[Λ_A]_kk
 * @param exponents α (fit of log h on log σ over h &gt; 0), γ, s
 */
public record LayerCurvature(int k, double[] sigma, double[] h, double[] hKron, double[] phi, double[] lambda,
                             CurvatureExponents exponents) {

    /**
     * Measures layer {@code layer} of a pass over at most {@code window} directions.
     *
     * @throws IllegalArgumentException if fewer than 3 directions are available or fewer than 3 h_k are positive
     */
    public static LayerCurvature measure(Pass pass, int layer, int window) {
        Require.notNull("pass", pass);
        Require.atLeast("window", window, 3);
        LayerSignals s = pass.signals(layer);
        int k = Math.min(window, GradientAlignment.numericalRank(s));
        double[] ld = GradientAlignment.topCovarianceEigenvalues(s.delta(), k);
        double[] la = GradientAlignment.topCovarianceEigenvalues(s.a(), k);
        int positive = 0;
        while (positive < k && ld[positive] > 0 && la[positive] > 0) {
            positive++;
        }
        k = positive;
        if (k < 3) {
            throw new IllegalArgumentException("layer: " + layer + " has only " + k + " usable gradient directions, need 3");
        }
        GradientAlignment ga = GradientAlignment.of(s, k);
        double[] h = ga.exactCurvature(pass, layer);
        CurvatureExponents e = CurvatureExponents.fit(ga.sigma(), h, k);
        return new LayerCurvature(k, ga.sigma(), h, ga.hKron(), ga.phi(), ga.lambda(), e);
    }

    /** χ_k = h_k / h_k^Kron. */
    public double[] chi() {
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            c[i] = h[i] / hKron[i];
        }
        return c;
    }

    /** The median of χ_k. */
    public double chiMedian() {
        double[] c = chi();
        Arrays.sort(c);
        return k % 2 == 1 ? c[k / 2] : 0.5 * (c[k / 2 - 1] + c[k / 2]);
    }

    /**
     * dlogχ/dlogσ: the OLS slope of log χ_k on log σ_k over the k with h_k &gt; 0 — by OLS linearity
     * exactly α − α_Kron on those directions.
     */
    public double chiSlope() {
        int n = 0;
        for (double v : h) {
            n += v > 0 ? 1 : 0;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int j = 0;
        for (int i = 0; i < k; i++) {
            if (h[i] > 0) {
                x[j] = Math.log(sigma[i]);
                y[j] = Math.log(h[i] / hKron[i]);
                j++;
            }
        }
        return Ols.fit(x, y).slope();
    }

    /** α_Kron: the OLS slope of log h^Kron on log σ. */
    public double alphaKron() {
        return CurvatureExponents.alphaFit(sigma, hKron).slope();
    }

    /** PR_h = (Σh)²/Σh² over the k directions (positive h only). */
    public double participationRatio() {
        return ParticipationRatio.of(Arrays.stream(h).filter(v -> v > 0).toArray());
    }

    /** Number of directions with h_k &gt; 0 (the α fit uses only these). */
    public int positiveCount() {
        return (int) Arrays.stream(h).filter(v -> v > 0).count();
    }
}
