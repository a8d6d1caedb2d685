package cartan.spectrum;

import cartan.Require;
import cartan.orbit.HarmonicNumbers;

/**
 * The scalar top-radial chart of the trace-normalised power-law orbit σ_k ∝ k^{−β} in dimension n:
 *
 * <pre>
 *   r(β)  = ½ log(n / H_n(2β)),      H_n(s) = Σ_{k=1}^n k^{−s},
 *   r'(β) = m(β) = E_{p_{2β}}[log k] = Σ_k log k · k^{−2β} / H_n(2β)  &gt; 0   (n ≥ 2).
 * </pre>
 *
 * r is strictly increasing from r(0) = 0 to ½ log n (β → ∞), and m is strictly decreasing
 * (m' = −2 Var(log k)). The chart is inverted, β̂ = r^{−1}(r(A)), by bisection, which is monotone and
 * exact to the last bit of β. By the mean value theorem, for two points with β̂_a ≤ β̂_b,
 *
 * <pre>
 *   |r_b − r_a| / m(β̂_a)  ≤  |β̂_b − β̂_a|  ≤  |r_b − r_a| / m(β̂_b)    (converse bound ≤ drift ≤ margin)
 * </pre>
 */
public final class TopRadialChart {

    /** Beyond this β the orbit's top coordinate equals ½ log n to double precision for every n. */
    static final double BETA_MAX = 500;

    private TopRadialChart() {
    }

    /** r(β) = ½ log(n/H_n(2β)); computed as ½[log n − log1p(Σ_{k≥2} k^{−2β})] for accuracy at large β. */
    public static double radial(int n, double beta) {
        Require.atLeast("n", n, 1);
        Require.finite("beta", beta);
        return 0.5 * (Math.log(n) - Math.log1p(HarmonicNumbers.tail(1, n, 2 * beta)));
    }

    /** m(β) = r'(β) = E_{p_{2β}}[log k]. */
    public static double slope(int n, double beta) {
        Require.atLeast("n", n, 1);
        Require.finite("beta", beta);
        return HarmonicNumbers.meanLog(n, 2 * beta);
    }

    /**
     * β̂ = r^{−1}(r) on the orbit of dimension n.
     *
     * @throws IllegalArgumentException if r is outside [0, ½ log n) (r = ½ log n is a rank-one
     *                                  spectrum, whose exponent is infinite)
     */
    public static double invert(int n, double r) {
        Require.atLeast("n", n, 2);
        Require.finite("r", r);
        if (r < 0 || r > 0.5 * Math.log(n)) {
            throw new IllegalArgumentException("r: must lie in [0, ½ log n] = [0, " + 0.5 * Math.log(n) + "], got " + r);
        }
        if (r == 0) {
            return 0;
        }
        if (r == 0.5 * Math.log(n)) {
            throw new IllegalArgumentException("r: = " + r + " is the rank-one end ½ log n of the chart "
                    + "(p_1 = 1 to double precision), so the exponent β̂ is infinite or not resolved");
        }
        double hi = 1;
        while (radial(n, hi) < r) {
            hi *= 2;
            if (hi > BETA_MAX) {
                throw new IllegalArgumentException("r: = " + r + " is the rank-one end ½ log n of the chart "
                        + "(p_1 = 1 to double precision), so the exponent β̂ is infinite or not resolved");
            }
        }
        double lo = 0;
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (radial(n, mid) < r) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // both ends bracket the root to one ulp; return the one whose r is closer
        return Math.abs(radial(n, lo) - r) <= Math.abs(radial(n, hi) - r) ? lo : hi;
    }

    /** β̂_top(A) = r^{−1}(r(A)) for a spectrum with at least two singular values. */
    public static double fit(Spectrum spectrum) {
        Require.notNull("spectrum", spectrum);
        if (spectrum.size() < 2) {
            throw new IllegalArgumentException("spectrum: needs at least 2 singular values for a top-radial chart");
        }
        if (!(spectrum.singularValue(2) > 0)) {
            throw new IllegalArgumentException("spectrum: has p_1 = 1 (rank one), so r = ½ log n and β̂ is infinite");
        }
        return invert(spectrum.size(), spectrum.topRadial());
    }

    /**
     * Margin (upper) bound on |β̂_b − β̂_a| from the radial gap: |r_b − r_a| / m(max(β̂_a, β̂_b)).
     */
    public static double marginBound(int n, double ra, double rb) {
        double ba = invert(n, ra);
        double bb = invert(n, rb);
        return Math.abs(rb - ra) / slope(n, Math.max(ba, bb));
    }

    /** Converse (lower) bound on |β̂_b − β̂_a|: |r_b − r_a| / m(min(β̂_a, β̂_b)). */
    public static double converseBound(int n, double ra, double rb) {
        double ba = invert(n, ra);
        double bb = invert(n, rb);
        return Math.abs(rb - ra) / slope(n, Math.min(ba, bb));
    }
}
