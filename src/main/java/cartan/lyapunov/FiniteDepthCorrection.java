package cartan.lyapunov;

import cartan.Require;
import cartan.special.Polygamma;

/**
 * The finite-depth correction of Lyapunov exponents read off singular values, for products
 * J_L = M_L ⋯ M_1 of i.i.d. d × d factors whose law is right-orthogonally invariant (M O has the law of
 * M for every orthogonal O): real Ginibre factors and the masked Gaussian factors D W of
 * {@link MaskedGaussianExponents}. For k up to the rank of the factors,
 * <pre>
 *   E log σ_k(J_L) = L λ_k + c_k + o(1),     c_k = ½ [ψ((d−k+1)/2) − ψ(k/2)].
 * </pre>
 *
 * <p>Derivation (ours; the paper's correction term was not available). Run the QR iteration from
 * Q_0 = I and let S_j = Σ_ℓ log (R_ℓ)_jj; the increments are exactly i.i.d., so E S_j = L λ_j at every L.
 * The k-volume of J_L E_k (E_k the first k coordinate vectors) is e^{S_1 + … + S_k}; by Cauchy–Binet it
 * equals σ_1 ⋯ σ_k |det(V_kᵀ E_k)| (1 + O(σ_{k+1}/σ_k)) with V_k the top-k right singular vectors of J_L.
 * Right invariance makes V_k a uniformly random k-frame, and for such a frame
 * det(V_kᵀ E_k)² is Wilks' Λ(k; k, d − k) = ∏_{i=1}^k Beta((k−i+1)/2, (d−k)/2), whose mean logarithm is
 * Σ_{j=1}^k [ψ(j/2) − ψ((d−k+j)/2)]. Taking expectations,
 * <pre>
 *   C_k = c_1 + … + c_k = −½ E log det(V_kᵀ E_k)² = ½ Σ_{j=1}^k [ψ((d−j+1)/2) − ψ(j/2)],
 * </pre>
 * and c_k = C_k − C_{k−1}. Consequences: c_{d+1−k} = −c_k and Σ_{k=1}^d c_k = 0 (the log-det identity
 * Σ_k log σ_k(J_L) = Σ_ℓ log|det M_ℓ| leaves no room for a net correction), so the top singular values
 * are biased up and the bottom ones down; c_k depends on neither σ_w² nor the mask, only on the input
 * dimension d. The o(1) decays with the separation of the spectrum, like e^{−L Δ} for the smallest
 * relevant gap Δ.
 */
public final class FiniteDepthCorrection {

    private FiniteDepthCorrection() {
    }

    /** c_k = ½[ψ((d−k+1)/2) − ψ(k/2)], 1 ≤ k ≤ d. */
    public static double correction(int d, int k) {
        check(d, k);
        return 0.5 * (Polygamma.digamma((d - k + 1) / 2.0) - Polygamma.digamma(k / 2.0));
    }

    /** c_1, …, c_d. */
    public static double[] corrections(int d) {
        Require.atLeast("d", d, 1);
        double[] c = new double[d];
        for (int k = 1; k <= d; k++) {
            c[k - 1] = correction(d, k);
        }
        return c;
    }

    /** C_k = c_1 + … + c_k = −½ E log det(V_kᵀ E_k)², 1 ≤ k ≤ d (C_d = 0). */
    public static double cumulative(int d, int k) {
        return -0.5 * meanLogSquaredDeterminant(d, k);
    }

    /**
     * E log det(V_kᵀ E_k)² for a uniformly random orthonormal k-frame V_k in R^d (the top-left k × k
     * block of a Haar orthogonal matrix): Σ_{j=1}^k [ψ(j/2) − ψ((d−k+j)/2)], 1 ≤ k ≤ d.
     */
    public static double meanLogSquaredDeterminant(int d, int k) {
        check(d, k);
        double s = 0;
        for (int j = 1; j <= k; j++) {
            s += Polygamma.digamma(j / 2.0) - Polygamma.digamma((d - k + j) / 2.0);
        }
        return s;
    }

    private static void check(int d, int k) {
        Require.atLeast("d", d, 1);
        Require.atLeast("k", k, 1);
        if (k > d) {
            throw new IllegalArgumentException("k: must be at most d = " + d + ", got " + k);
        }
    }
}
