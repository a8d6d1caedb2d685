package cartan.lyapunov;

import cartan.Require;
import cartan.special.Polygamma;
import org.hipparchus.special.Gamma;

/**
 * Closed-form Lyapunov spectra of masked Gaussian products M = D W, W with i.i.d. N(0, σ_w²/d)
 * entries and D a 0/1 diagonal independent of W.
 *
 * <p>Derivation (QR recursion): by orthogonal invariance M Q has the law of D W for any orthonormal
 * frame Q, and (R_ℓ)_kk² = (σ_w²/d) χ²_{K−k+1}, the squared distance of the k-th masked Gaussian
 * column from the span of the previous ones inside the K-dimensional active subspace. Since
 * E log χ²_ν = log 2 + ψ(ν/2) and Var log χ²_ν = ψ'(ν/2):
 * <ul>
 *   <li>fixed m active units: λ_k = ½ log(2σ_w²/d) + ½ ψ((m−k+1)/2), k ≤ m (λ_k = −∞ for k &gt; m);
 *   m = d is Newman's real Ginibre spectrum;</li>
 *   <li>Bernoulli(p) mask conditioned on K ≥ k: λ_k = ½ log(2σ_w²/d) + ½ E[ψ((K−k+1)/2) | K ≥ k];</li>
 *   <li>per-step variance of log (R)_kk: ψ'((m−k+1)/2)/4, so the QR estimate has variance
 *   ψ'((m−k+1)/2)/(4L) at every depth L;</li>
 *   <li>gap Δ_k = λ_k − λ_{k+1} = ½[ψ((m−k+1)/2) − ψ((m−k)/2)] ≈ 1/(2(m−k)), and the depth for a
 *   separation ratio σ_k/σ_{k+1} = R is L ≈ log R / Δ_k.</li>
 * </ul>
 */
public final class MaskedGaussianExponents {

    private MaskedGaussianExponents() {
    }

    /** λ_k of the real Ginibre product with variance σ_w²/d (Newman 1986), 1 ≤ k ≤ d. */
    public static double ginibre(int d, double sigmaW2, int k) {
        return fixedMask(d, d, sigmaW2, k);
    }

    /** λ_k = ½ log(2σ_w²/d) + ½ ψ((m−k+1)/2) for masks with exactly m active units, 1 ≤ k ≤ m ≤ d. */
    public static double fixedMask(int d, int m, double sigmaW2, int k) {
        checkMask(d, m, k);
        Require.positive("sigmaW2", sigmaW2);
        return 0.5 * Math.log(2 * sigmaW2 / d) + 0.5 * Polygamma.digamma((m - k + 1) / 2.0);
    }

    /** The top k exponents λ_1..λ_k for a fixed mask of m units. */
    public static double[] fixedMaskSpectrum(int d, int m, double sigmaW2, int k) {
        double[] out = new double[k];
        for (int j = 1; j <= k; j++) {
            out[j - 1] = fixedMask(d, m, sigmaW2, j);
        }
        return out;
    }

    /**
     * λ_k = ½ log(2σ_w²/d) + ½ E[ψ((K−k+1)/2) | K ≥ k], K ~ Bin(d, p): the Bernoulli(p)-masked product
     * conditioned on at least k active units per layer.
     */
    public static double bernoulli(int d, double p, double sigmaW2, int k) {
        Require.atLeast("d", d, 1);
        Require.atLeast("k", k, 1);
        if (k > d) {
            throw new IllegalArgumentException("k: must be at most d = " + d + ", got " + k);
        }
        Require.finite("p", p);
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p: must lie in (0, 1], got " + p);
        }
        Require.positive("sigmaW2", sigmaW2);
        double num = 0;
        double den = 0;
        for (int kk = k; kk <= d; kk++) {
            double w = binomialPmf(d, kk, p);
            num += w * Polygamma.digamma((kk - k + 1) / 2.0);
            den += w;
        }
        return 0.5 * Math.log(2 * sigmaW2 / d) + 0.5 * num / den;
    }

    /** The top k Bernoulli exponents. */
    public static double[] bernoulliSpectrum(int d, double p, double sigmaW2, int k) {
        double[] out = new double[k];
        for (int j = 1; j <= k; j++) {
            out[j - 1] = bernoulli(d, p, sigmaW2, j);
        }
        return out;
    }

    /** Var of one QR increment log (R)_kk for a fixed mask: ψ'((m−k+1)/2)/4. */
    public static double stepVariance(int d, int m, int k) {
        checkMask(d, m, k);
        return 0.25 * Polygamma.trigamma((m - k + 1) / 2.0);
    }

    /** Δ_k = λ_k − λ_{k+1} = ½[ψ((m−k+1)/2) − ψ((m−k)/2)], 1 ≤ k &lt; m ≤ d (independent of σ_w²). */
    public static double gap(int d, int m, int k) {
        checkMask(d, m, k);
        if (k >= m) {
            throw new IllegalArgumentException("k: the gap Δ_k needs k < m = " + m + ", got " + k);
        }
        return 0.5 * (Polygamma.digamma((m - k + 1) / 2.0) - Polygamma.digamma((m - k) / 2.0));
    }

    /** The depth L = log R / Δ_k at which the separation ratio σ_k/σ_{k+1} reaches R &gt; 1 (to leading order). */
    public static double depthForSeparation(int d, int m, int k, double ratio) {
        Require.finite("ratio", ratio);
        if (!(ratio > 1)) {
            throw new IllegalArgumentException("ratio: must exceed 1, got " + ratio);
        }
        return Math.log(ratio) / gap(d, m, k);
    }

    private static double binomialPmf(int n, int j, double p) {
        if (p == 1) {
            return j == n ? 1 : 0;
        }
        double logC = Gamma.logGamma(n + 1.0) - Gamma.logGamma(j + 1.0) - Gamma.logGamma(n - j + 1.0);
        return Math.exp(logC + j * Math.log(p) + (n - j) * Math.log1p(-p));
    }

    private static void checkMask(int d, int m, int k) {
        Require.atLeast("d", d, 1);
        Require.atLeast("m", m, 1);
        if (m > d) {
            throw new IllegalArgumentException("m: must be at most d = " + d + ", got " + m);
        }
        Require.atLeast("k", k, 1);
        if (k > m) {
            throw new IllegalArgumentException("k: must be at most the number of active units m = " + m + ", got " + k);
        }
    }
}
