package cartan.curvature;

import cartan.Require;

/**
 * The Riemann zeta function ζ(s) = Σ_{k≥1} k^{−s} for real s &gt; 1, by Euler–Maclaurin summation:
 * <pre>
 *   ζ(s) = Σ_{k=1}^{N−1} k^{−s} + N^{1−s}/(s−1) + N^{−s}/2
 *          + Σ_{j=1}^{p} B_{2j}/(2j)! · s(s+1)…(s+2j−2) · N^{−s−2j+1} + R_p
 * </pre>
 * with N = 12 and p = 8. For real s the remainder is bounded by the first omitted term,
 * |R_p| ≤ |B_{2p+2}/(2p+2)! · s(s+1)…(s+2p) · N^{−s−2p−1}| (the general bound carries a factor
 * |s+2p+1|/(Re s+2p+1), which is 1 for real s; Edwards, <i>Riemann's Zeta Function</i>, §6.4).
 * {@link #errorBound} returns that term; it is below 1e-17 for s ≥ 1.01 at these N, p, so the
 * result is correct to rounding (relative ~1e-15).
 */
public final class Zeta {

    private static final int N = 12;
    /** B_2, B_4, …, B_18. */
    private static final double[] B2J = {1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6,
            -3617.0 / 510, 43867.0 / 798};
    private static final int P = 8;

    private Zeta() {
    }

    /** ζ(s) for real s &gt; 1. */
    public static double riemann(double s) {
        check(s);
        double sum = 0;
        for (int k = N - 1; k >= 1; k--) {
            sum += Math.pow(k, -s);
        }
        sum += Math.pow(N, 1 - s) / (s - 1) + 0.5 * Math.pow(N, -s);
        for (int j = 1; j <= P; j++) {
            sum += term(s, j);
        }
        return sum;
    }

    /** Bound on |R_p|: the magnitude of the first omitted Euler–Maclaurin term. */
    public static double errorBound(double s) {
        check(s);
        return Math.abs(term(s, P + 1));
    }

    private static void check(double s) {
        Require.finite("s", s);
        if (!(s > 1)) {
            throw new IllegalArgumentException("s: the series converges only for s > 1, got " + s);
        }
    }

    /** B_{2j}/(2j)! · s(s+1)…(s+2j−2) · N^{−s−2j+1}. */
    private static double term(double s, int j) {
        double rising = 1;
        for (int i = 0; i <= 2 * j - 2; i++) {
            rising *= s + i;
        }
        double fact = 1;
        for (int i = 2; i <= 2 * j; i++) {
            fact *= i;
        }
        return B2J[j - 1] / fact * rising * Math.pow(N, -s - 2 * j + 1);
    }
}
