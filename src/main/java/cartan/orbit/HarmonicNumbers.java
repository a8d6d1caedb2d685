package cartan.orbit;

import cartan.Require;

/**
 * The generalised harmonic numbers of the power-law orbit and their log-moment, in one place:
 *
 * <pre>
 *   H_d(s) = Σ_{k=1}^d k^{−s},    T_k(s) = Σ_{j=k+1}^d j^{−s} = H_d(s) − H_k(s),
 *   E_s[log k] = Σ_k log k · k^{−s} / H_d(s)   (the mean log-rank of p_s(k) = k^{−s}/H_d(s)).
 * </pre>
 *
 * Plain sums run from the smallest term up (k = d down to 1), which keeps the relative rounding of a
 * long sum of decreasing terms small; {@link #logHarmonic} factors out the largest term and sums the
 * rest through {@code log1p}, so ψ(s) = log H_d(s) keeps full relative accuracy when it is tiny or s is
 * large. {@link CartanOrbit}, {@code rank.QuantileRank} and {@code spectrum.TopRadialChart} use these.
 */
public final class HarmonicNumbers {

    private HarmonicNumbers() {
    }

    /** H_d(s) = Σ_{k=1}^d k^{−s}, summed smallest term first. */
    public static double of(int d, double s) {
        check(d, s);
        return tail(0, d, s);
    }

    /** T_k(s) = Σ_{j=k+1}^d j^{−s} for 0 ≤ k ≤ d (T_0 = H_d), summed smallest term first. */
    public static double tail(int k, int d, double s) {
        check(d, s);
        if (k < 0 || k > d) {
            throw new IllegalArgumentException("k: must lie in [0, " + d + "], got " + k);
        }
        double t = 0;
        for (int j = d; j > k; j--) {
            t += Math.exp(-s * Math.log(j));
        }
        return t;
    }

    /** The partial sums H_1(s), …, H_d(s) (entry k − 1 is H_k), accumulated from k = 1. */
    public static double[] partialSums(int d, double s) {
        check(d, s);
        double[] c = new double[d];
        double acc = 0;
        for (int k = 1; k <= d; k++) {
            acc += Math.exp(-s * Math.log(k));
            c[k - 1] = acc;
        }
        return c;
    }

    /** E_s[log k] = Σ_k log k · k^{−s} / H_d(s), one pass from k = 1. */
    public static double meanLog(int d, double s) {
        check(d, s);
        double z = 0;
        double m = 0;
        for (int k = 1; k <= d; k++) {
            double lk = Math.log(k);
            double w = Math.exp(-s * lk);
            z += w;
            m += lk * w;
        }
        return m / z;
    }

    /** ψ(s) = log H_d(s), by log-sum-exp (largest term factored out, the rest through log1p). */
    public static double logHarmonic(int d, double s) {
        check(d, s);
        double[] logK = new double[d];
        for (int k = 1; k <= d; k++) {
            logK[k - 1] = Math.log(k);
        }
        return logHarmonic(logK, s);
    }

    /** {@link #logHarmonic(int, double)} with log k, k = 1..d, precomputed. */
    static double logHarmonic(double[] logK, double s) {
        int d = logK.length;
        // the largest term is k = 1 for s ≥ 0 and k = d for s < 0
        int top = s >= 0 ? 0 : d - 1;
        double shift = -s * logK[top];
        double rest = 0;
        for (int i = 0; i < d; i++) {
            if (i != top) {
                rest += Math.exp(-s * logK[i] - shift);
            }
        }
        return shift + Math.log1p(rest);
    }

    private static void check(int d, double s) {
        Require.atLeast("d", d, 1);
        Require.finite("s", s);
    }
}
