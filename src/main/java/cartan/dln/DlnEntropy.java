package cartan.dln;

import cartan.Require;
import cartan.linalg.SingularValues;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.special.Gamma;

/**
 * The Boltzmann entropy of the deep linear network (Menon–Yu, Theorem 4): the log-volume of the
 * balanced fibre O_X = {balanced W : φ(W) = X} in the metric induced by the Frobenius metric on M_d^N.
 * For X with singular values σ_1, …, σ_d &gt; 0,
 * <pre>
 *   vol(O_X) = c_d^{N−1} √( van(Σ²) / van(Σ^{2/N}) ),
 *   S(X) = (N−1) log c_d + ½ Σ_{i&lt;j} log[ (σ_i² − σ_j²) / (σ_i^{2/N} − σ_j^{2/N}) ],
 * </pre>
 * with van(x) = ∏_{i&lt;j} |x_i − x_j|.
 *
 * <p><b>Volume constant.</b> c_d = vol O(d) in the metric induced from the Frobenius norm on R^{d×d}
 * (tangent vectors QA, A skew, have length ‖A‖_F):
 * c_d = 2^{d(d−1)/4} ∏_{k=1}^d 2π^{k/2}/Γ(k/2); c_1 = 2 (two points), c_2 = 4√2 π. Other normalisations
 * (SO(d), a bi-invariant metric of another scale) change S only by an additive constant, so the
 * X-dependent part {@link #relative} is the quantity to compare.
 *
 * <p><b>Numerics.</b> Each sector term is evaluated as
 * log ρ_ij = (2 − 2/N) log σ_min + log expm1(2t) − log expm1(2t/N), t = log σ_max − log σ_min,
 * so nearly equal singular values lose no digits. <b>Collisions:</b> as σ_i → σ_j = σ the ratio tends
 * to N σ^{2−2/N}; at an exact collision that limit is returned. It is not a convention: the Gram
 * determinant of the orbit equals that limit at the collision (the fibre is still the orbit).
 */
public final class DlnEntropy {

    private DlnEntropy() {
    }

    /**
     * log ρ(a, b) with ρ = (a² − b²)/(a^{2/N} − b^{2/N}) = Σ_{p=1}^N a^{2(N−p)/N} b^{2(p−1)/N}, and its
     * limit log(N a^{2−2/N}) at a = b.
     */
    public static double sectorLogRatio(double a, double b, int depth) {
        Require.positive("a (singular value)", a);
        Require.positive("b (singular value)", b);
        Require.atLeast("N (depth)", depth, 1);
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        double t = Math.log(hi) - Math.log(lo);
        double logLo = Math.log(lo);
        if (t == 0) {
            return Math.log(depth) + (2.0 - 2.0 / depth) * logLo;
        }
        return (2.0 - 2.0 / depth) * logLo + logExpm1(2 * t) - logExpm1(2 * t / depth);
    }

    /** S(X) − (N−1) log c_d = ½ Σ_{i&lt;j} log ρ(σ_i, σ_j), for positive singular values σ (any order). */
    public static double relative(double[] sigma, int depth) {
        Require.positive("sigma", sigma);
        Require.atLeast("N (depth)", depth, 1);
        double s = 0;
        for (int i = 0; i < sigma.length; i++) {
            for (int j = i + 1; j < sigma.length; j++) {
                s += sectorLogRatio(sigma[i], sigma[j], depth);
            }
        }
        return 0.5 * s;
    }

    /** S(X) − (N−1) log c_d for a nonsingular square X. */
    public static double relative(DMatrixRMaj x, int depth) {
        return relative(nonsingularSigma(x), depth);
    }

    /** S(X) = (N−1) log c_d + {@link #relative}. */
    public static double entropy(double[] sigma, int depth) {
        Require.finite("sigma", sigma);
        return (depth - 1) * logVolumeOrthogonalGroup(sigma.length) + relative(sigma, depth);
    }

    /** S(X) for a nonsingular square X. */
    public static double entropy(DMatrixRMaj x, int depth) {
        return entropy(nonsingularSigma(x), depth);
    }

    /** log c_d = (d(d−1)/4) log 2 + Σ_{k=1}^d [log 2 + (k/2) log π − log Γ(k/2)]. */
    public static double logVolumeOrthogonalGroup(int d) {
        Require.atLeast("d", d, 1);
        double s = d * (d - 1) / 4.0 * Math.log(2);
        for (int k = 1; k <= d; k++) {
            s += Math.log(2) + 0.5 * k * Math.log(Math.PI) - Gamma.logGamma(0.5 * k);
        }
        return s;
    }

    /**
     * The large-depth asymptote of {@link #relative}: ½ (d(d−1)/2) log N + ½ Σ_{i&lt;j} log L(σ_i², σ_j²),
     * with the logarithmic mean L(x, y) = (x − y)/(log x − log y) (L(x, x) = x). The error is
     * O(1/N): N(x^{1/N} − y^{1/N}) = (log x − log y)(1 + (log x + log y)/(2N) + O(N^{−2})).
     */
    public static double largeDepthAsymptote(double[] sigma, int depth) {
        Require.positive("sigma", sigma);
        Require.atLeast("N (depth)", depth, 1);
        int d = sigma.length;
        double s = 0.5 * (d * (d - 1) / 2.0) * Math.log(depth);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                s += 0.5 * logLogMean(sigma[i] * sigma[i], sigma[j] * sigma[j]);
            }
        }
        return s;
    }

    /** log of the logarithmic mean (x − y)/(log x − log y), computed as log y + log(expm1(u)/u), u = log(x/y). */
    static double logLogMean(double x, double y) {
        double hi = Math.max(x, y);
        double lo = Math.min(x, y);
        double u = Math.log(hi) - Math.log(lo);
        if (u == 0) {
            return Math.log(lo);
        }
        return Math.log(lo) + logExpm1(u) - Math.log(u);
    }

    /** log(e^x − 1) for x &gt; 0, without overflow for large x. */
    static double logExpm1(double x) {
        return x > 40 ? x + Math.log1p(-Math.exp(-x)) : Math.log(Math.expm1(x));
    }

    static double[] nonsingularSigma(DMatrixRMaj x) {
        Require.square("X", x);
        double[] s = SingularValues.of(x);
        double tol = s.length * Math.ulp(1.0) * s[0];
        if (!(s[s.length - 1] > tol)) {
            throw new IllegalArgumentException("X: must be nonsingular (the fibre volume needs full rank), smallest "
                    + "singular value " + s[s.length - 1] + " vs largest " + s[0]);
        }
        return s;
    }
}
