package cartan.rank;

import cartan.Require;
import cartan.orbit.HarmonicNumbers;
import cartan.special.RiemannZeta;
/**
 * Energy-quantile rank windows of the trace-normalised power-law orbit p_k = k^{−s}/H_d(s), k = 1..d
 * (s = 2β is the eigenvalue exponent of singular values σ_k ∝ k^{−β}):
 *
 * <pre>
 *   r_τ(s, d) = min{k : H_k(s) ≥ τ H_d(s)},   H_k(s) = Σ_{j≤k} j^{−s},   0 &lt; τ ≤ 1.
 * </pre>
 *
 * <p>Finite-width tail bounds (x^{−s} is decreasing): for 1 ≤ k ≤ d,
 * <pre>  ∫_{k+1}^{d+1} x^{−s} dx ≤ T_k := Σ_{j=k+1}^d j^{−s} ≤ ∫_k^d x^{−s} dx. </pre>
 * Since r_τ = min{k : T_k ≤ (1−τ) H_d}, they bracket r_τ ({@link #bounds}).
 *
 * <p>Asymptotic regimes as d → ∞ ({@link #asymptotic}): s &lt; 1 extensive, r_τ ≈ τ^{1/(1−s)} d;
 * s = 1, r_τ ≈ d^τ; s &gt; 1 intensive, r_τ → [(1−τ)(s−1)ζ(s)]^{−1/(s−1)}. The finite-width
 * Euler–Maclaurin form ({@link #eulerMaclaurin}) solves ζ(s) + x^{1−s}/(1−s) = τ H_d(s) (s = 1:
 * log x + γ = τ H_d(1)); r_τ is within 1 of it.
 *
 * <p>Approximate power laws ({@link #approximateBounds}): if the sorted weights are w_k = k^{−s}e^{η_k} with
 * |η_k| ≤ η, the energy fraction of the top k ranks E_k obeys
 * <pre>  H_k/(H_k + e^{2η}T_k) ≤ E_k ≤ H_k/(H_k + e^{−2η}T_k), </pre>
 * which brackets r_τ; the lower end is attained (η_j = +η for j ≤ r, −η beyond).
 *
 * <p>The rank-window transition ({@link #transitionScaling}): near s = 1 put u = (1 − s) log d. With
 * H_k(s) ≈ (k^{1−s} − 1)/(1 − s) + γ, log r_τ / log d → Φ_τ(u) = log(1 + τ(e^u − 1))/u (Φ_τ(0) = τ) as
 * d → ∞ at fixed u: the window between the extensive (Φ → 1) and intensive (Φ → 0) regimes has width
 * O(1/log d) in s.
 *
 * <p>This is the quantile rank of the orbit as a function of (s, d, τ); the quantile rank of one measured
 * spectrum is {@code Spectrum.energyQuantileRank(τ)}, and the ranks a power-law chart is fitted over are a
 * {@code spectrum.RankRange}. Plots of the transition: {@code cartan.plot.QuantileRankPlots}.
 */
public final class QuantileRank {

    /** Euler's constant γ. */
    public static final double EULER_GAMMA = 0.57721566490153286061;

    private QuantileRank() {
    }

    /** H_d(s) = Σ_{k=1}^d k^{−s}. */
    public static double harmonic(int d, double s) {
        checkSd(s, d);
        return HarmonicNumbers.of(d, s);
    }

    /** The exact r_τ(s, d). */
    public static int exact(double s, int d, double tau) {
        checkSd(s, d);
        checkTau(tau);
        double[] c = HarmonicNumbers.partialSums(d, s);
        double target = tau * c[d - 1];
        for (int k = 0; k < d; k++) {
            if (c[k] >= target) {
                return k + 1;
            }
        }
        return d;
    }

    /** The tail T_k = Σ_{j=k+1}^d j^{−s} for 0 ≤ k ≤ d (summed smallest first). */
    public static double tail(double s, int d, int k) {
        checkSd(s, d);
        checkK(k, d, 0);
        return HarmonicNumbers.tail(k, d, s);
    }

    /** ∫_{k+1}^{d+1} x^{−s} dx ≤ T_k, for 1 ≤ k ≤ d. */
    public static double tailLowerBound(double s, int d, int k) {
        checkSd(s, d);
        checkK(k, d, 1);
        return integral(s, k + 1, d + 1);
    }

    /** T_k ≤ ∫_k^d x^{−s} dx, for 1 ≤ k ≤ d. */
    public static double tailUpperBound(double s, int d, int k) {
        checkSd(s, d);
        checkK(k, d, 1);
        return integral(s, k, d);
    }

    /**
     * Bounds on r_τ from the integral bounds: r_τ ≥ min{k : ∫_{k+1}^{d+1} ≤ (1−τ)H_d} (below it the
     * tail is certainly too heavy) and r_τ ≤ min{k : ∫_k^d ≤ (1−τ)H_d} (there the tail is certainly
     * light enough). H_d(s) is summed exactly.
     */
    public static RankBounds bounds(double s, int d, double tau) {
        checkSd(s, d);
        checkTau(tau);
        double budget = (1 - tau) * harmonic(d, s);
        int lower = d;
        for (int k = 1; k <= d; k++) {
            if (integral(s, k + 1, d + 1) <= budget) {
                lower = k;
                break;
            }
        }
        int upper = d;
        for (int k = 1; k <= d; k++) {
            if (integral(s, k, d) <= budget) {
                upper = k;
                break;
            }
        }
        return new RankBounds(lower, upper);
    }

    /**
     * The leading asymptotic r_τ as d → ∞ in the regime of s: τ^{1/(1−s)} d (s &lt; 1), d^τ (s = 1),
     * [(1−τ)(s−1)ζ(s)]^{−1/(s−1)} (s &gt; 1; independent of d).
     */
    public static double asymptotic(double s, int d, double tau) {
        checkSd(s, d);
        checkTau(tau);
        if (tau == 1) {
            throw new IllegalArgumentException("tau: must be below 1 for the asymptotic formulas (r_1 = d exactly)");
        }
        switch (Regime.of(s)) {
            case EXTENSIVE:
                return Math.pow(tau, 1 / (1 - s)) * d;
            case CRITICAL:
                return Math.pow(d, tau);
            default:
                return intensiveLimit(s, tau);
        }
    }

    /** The width-independent limit [(1−τ)(s−1)ζ(s)]^{−1/(s−1)} for s &gt; 1. */
    public static double intensiveLimit(double s, double tau) {
        Require.finite("s", s);
        if (!(s > 1)) {
            throw new IllegalArgumentException("s: the intensive limit needs s > 1, got " + s);
        }
        checkTau(tau);
        if (tau == 1) {
            throw new IllegalArgumentException("tau: must be below 1 for the intensive limit");
        }
        return Math.pow((1 - tau) * (s - 1) * RiemannZeta.zeta(s), -1 / (s - 1));
    }

    /**
     * The finite-width Euler–Maclaurin estimate x with ζ(s) + x^{1−s}/(1−s) = τ H_d(s) (s ≠ 1), or
     * x = exp(τ H_d(1) − γ) (s = 1). It uses H_k(s) = ζ(s) + k^{1−s}/(1−s) + ½k^{−s} + O(k^{−s−1}).
     *
     * @throws IllegalArgumentException if s is not positive, τ ∉ (0, 1), or no x ≥ 1/2 solves it
     */
    public static double eulerMaclaurin(double s, int d, double tau) {
        Require.positive("s", s);
        checkSd(s, d);
        checkTau(tau);
        if (tau == 1) {
            throw new IllegalArgumentException("tau: must be below 1 for the Euler–Maclaurin estimate");
        }
        double h = harmonic(d, s);
        if (s == 1) {
            return Math.exp(tau * h - EULER_GAMMA);
        }
        double base = (1 - s) * (tau * h - RiemannZeta.zeta(s));
        if (!(base > 0)) {
            throw new IllegalArgumentException("tau: = " + tau + " is too small for the Euler–Maclaurin estimate at s = "
                    + s + ", d = " + d);
        }
        return Math.pow(base, 1 / (1 - s));
    }

    /**
     * Bounds on the energy-quantile rank of an approximate power law, sorted weights w_k = k^{−s}e^{η_k}
     * with |η_k| ≤ η: lower = min{k : H_k ≥ τ(H_k + e^{−2η}T_k)} and upper = min{k : H_k ≥ τ(H_k + e^{2η}T_k)},
     * with the exact sums H_k, T_k = H_d − H_k. At η = 0 both equal {@link #exact}. The lower end is attained
     * by w_j = e^{η}j^{−s} (j ≤ lower), e^{−η}j^{−s} (j &gt; lower).
     *
     * @throws IllegalArgumentException if s &lt; 0, d &lt; 1, τ ∉ (0, 1] or η is negative or not finite
     */
    public static RankBounds approximateBounds(double s, int d, double tau, double eta) {
        checkSd(s, d);
        checkTau(tau);
        Require.nonNegative("eta", eta);
        double[] c = HarmonicNumbers.partialSums(d, s);
        double up = Math.exp(2 * eta);
        double down = Math.exp(-2 * eta);
        int lower = d;
        int upper = d;
        double tk = 0; // T_k = Σ_{j>k} j^{−s}, accumulated from the smallest term
        for (int k = d; k >= 1; k--) {
            double hk = c[k - 1];
            if (k < d) {
                tk += Math.exp(-s * Math.log(k + 1));
            }
            if (hk >= tau * (hk + down * tk)) {
                lower = k;
            }
            if (hk >= tau * (hk + up * tk)) {
                upper = k;
            }
        }
        return new RankBounds(lower, upper);
    }

    /**
     * The transition profile Φ_τ(u) = log(1 + τ(e^u − 1))/u, Φ_τ(0) = τ: the limit of log r_τ / log d as
     * d → ∞ with u = (1 − s) log d fixed. Φ_τ decreases from 1 (u → +∞, extensive) to 0 (u → −∞, intensive).
     *
     * @throws IllegalArgumentException if u is not finite or τ ∉ (0, 1]
     */
    public static double transitionScaling(double u, double tau) {
        Require.finite("u", u);
        checkTau(tau);
        if (Math.abs(u) < 1e-8) {
            // series: Φ = τ + τ(1 − τ)u/2 + O(u²)
            return tau + tau * (1 - tau) * u / 2;
        }
        if (u > 0) {
            // log(1 + τ(e^u − 1)) = u + log(τ + (1 − τ)e^{−u}), no overflow for large u
            return 1 + Math.log(tau + (1 - tau) * Math.exp(-u)) / u;
        }
        return Math.log1p(tau * Math.expm1(u)) / u;
    }

    /** ∫_a^b x^{−s} dx = a^{1−s}·expm1((1−s) log(b/a))/(1−s), continuous through s = 1. */
    static double integral(double s, double a, double b) {
        double l = Math.log(b / a);
        if (s == 1) {
            return l;
        }
        return Math.exp((1 - s) * Math.log(a)) * Math.expm1((1 - s) * l) / (1 - s);
    }

    private static void checkSd(double s, int d) {
        Require.nonNegative("s", s);
        Require.atLeast("d", d, 1);
    }

    static void checkTau(double tau) {
        Require.finite("tau", tau);
        if (!(tau > 0 && tau <= 1)) {
            throw new IllegalArgumentException("tau: must lie in (0, 1], got " + tau);
        }
    }

    private static void checkK(int k, int d, int min) {
        if (k < min || k > d) {
            throw new IllegalArgumentException("k: must lie in [" + min + ", " + d + "], got " + k);
        }
    }
}
