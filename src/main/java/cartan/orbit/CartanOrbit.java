package cartan.orbit;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The trace-normalised power-law (Cartan) orbit of width d: the one-parameter family of spectra
 *
 * <pre>
 *   p_s(k) = k^{−s} / H_d(s),   k = 1..d,   H_d(s) = Σ_{k=1}^d k^{−s}   (generalised harmonic number)
 * </pre>
 *
 * with s = 2β the eigenvalue exponent of singular values σ_k ∝ k^{−β}. As a matrix the orbit point is
 * P_s = d·diag(p_s), trace d, so s = 0 is the identity.
 *
 * <p>The orbit is a Gibbs (exponential) family on ranks with sufficient statistic T(k) = log k and
 * log-partition ψ(s) = log H_d(s):
 * <ul>
 *   <li>p_s(k) = exp(−s log k − ψ(s));</li>
 *   <li>−ψ'(s) = E_s[log k] ({@link #meanLogRank});</li>
 *   <li>ψ''(s) = Var_s(log k) = I(s), the Fisher information ({@link #fisherInformation});</li>
 *   <li>−ψ'''(s) = E_s[(log k − E log k)³] ({@link #thirdCentralMoment});</li>
 *   <li>KL(p_a ‖ p_b) = ψ(b) − ψ(a) − (b − a)ψ'(a) = ∫_a^b (b − u) I(u) du ({@link #klDivergence});</li>
 *   <li>Bhattacharyya coefficient Σ√(p_a p_b) = exp(ψ((a+b)/2) − ½ψ(a) − ½ψ(b));</li>
 *   <li>d_BW²(P_a, P_b) = 2d[1 − exp(ψ((a+b)/2) − ½ψ(a) − ½ψ(b))] = d·Hel²(p_a, p_b)
 *       ({@link #buresWassersteinSquared});</li>
 *   <li>the Bures–Wasserstein line element is ds² = (d/4)·I(s)·ds², so the BW arc length is
 *       ∫_a^b √(d·I(u)/4) du ({@link #arcLength});</li>
 *   <li>the Bures action (energy) of the straight orbit segment s(t) = a + t(b − a), t ∈ [0, 1], is
 *       ∫_0^1 (d/4) I(s(t)) (b − a)² dt = (d/4)(b − a)(ψ'(b) − ψ'(a)) = (d/4)·[KL(p_a‖p_b) + KL(p_b‖p_a)]
 *       ({@link #buresAction}); by Cauchy–Schwarz d_BW² ≤ (arc length)² ≤ action;</li>
 *   <li>the Hellinger distance to a fixed point p_s grows strictly with |t − s| on each side, since
 *       d/dt log BC(s, t) = ½[ψ'((s+t)/2) − ψ'(t)] has the sign of s − t (ψ' increasing), so the exponents
 *       within Hellinger distance h of s form an interval ({@link #hellingerRadius}).</li>
 * </ul>
 *
 * <p>Sums use log-sum-exp (shifted by the largest term), so ψ is accurate for large s and large d.
 * Instances are immutable; every method is O(d).
 */
public final class CartanOrbit {

    private final int d;
    private final double[] logK;

    private CartanOrbit(int d) {
        this.d = d;
        this.logK = new double[d];
        for (int k = 1; k <= d; k++) {
            logK[k - 1] = Math.log(k);
        }
    }

    /**
     * The orbit of width d ≥ 1.
     *
     * @throws IllegalArgumentException if d &lt; 1
     */
    public static CartanOrbit ofWidth(int d) {
        Require.atLeast("d", d, 1);
        return new CartanOrbit(d);
    }

    /** The width d (number of ranks). */
    public int width() {
        return d;
    }

    /** ψ(s) = log H_d(s) = log Σ_k k^{−s}. */
    public double logPartition(double s) {
        Require.finite("s", s);
        return HarmonicNumbers.logHarmonic(logK, s);
    }

    /** The generalised harmonic number H_d(s) = Σ_{k=1}^d k^{−s} = exp ψ(s). */
    public double harmonicNumber(double s) {
        return Math.exp(logPartition(s));
    }

    /** The orbit weights p_s(k), k = 1..d (a probability vector, descending for s &gt; 0). */
    public double[] weights(double s) {
        double psi = logPartition(s);
        double[] p = new double[d];
        for (int i = 0; i < d; i++) {
            p[i] = Math.exp(-s * logK[i] - psi);
        }
        return p;
    }

    /** The trace-d eigenvalues λ̃_k = d·p_s(k) of the orbit point P_s. */
    public double[] eigenvalues(double s) {
        double[] p = weights(s);
        for (int i = 0; i < d; i++) {
            p[i] *= d;
        }
        return p;
    }

    /** The orbit point as a matrix, P_s = d·diag(p_s) (trace d). */
    public DMatrixRMaj point(double s) {
        double[] lambda = eigenvalues(s);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            m.set(i, i, lambda[i]);
        }
        return m;
    }

    /**
     * The orbit point in a frame R: R·P_s·Rᵀ = Σ_k d·p_s(k)·r_k r_kᵀ (r_k the columns of R), the point P_s
     * in general position when R is orthogonal.
     *
     * @throws IllegalArgumentException if R is not d × d or has non-finite entries
     */
    public DMatrixRMaj point(double s, DMatrixRMaj frame) {
        Require.finite("frame", frame);
        if (frame.numRows != d || frame.numCols != d) {
            throw new IllegalArgumentException("frame: must be " + d + "x" + d + ", got " + frame.numRows + "x"
                    + frame.numCols);
        }
        double[] lambda = eigenvalues(s);
        DMatrixRMaj scaled = frame.copy();
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                scaled.data[r * d + c] *= lambda[c];
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(scaled, frame, out);
        return out;
    }

    /** E_s[log k] = −ψ'(s), by the moment formula. */
    public double meanLogRank(double s) {
        return moments(s)[0];
    }

    /** The Fisher information I(s) = ψ''(s) = Var_s(log k), by the moment formula. */
    public double fisherInformation(double s) {
        return moments(s)[1];
    }

    /** E_s[(log k − E log k)³] = −ψ'''(s), by the moment formula. */
    public double thirdCentralMoment(double s) {
        return moments(s)[2];
    }

    /** {E_s[log k], Var_s(log k), E_s[(log k − E log k)³]} from the weights (two passes, centred). */
    private double[] moments(double s) {
        double[] p = weights(s);
        double mean = 0;
        for (int i = 0; i < d; i++) {
            mean += p[i] * logK[i];
        }
        double m2 = 0;
        double m3 = 0;
        for (int i = 0; i < d; i++) {
            double c = logK[i] - mean;
            m2 += p[i] * c * c;
            m3 += p[i] * c * c * c;
        }
        return new double[] {mean, m2, m3};
    }

    /**
     * KL(p_a ‖ p_b) = ψ(b) − ψ(a) − (b − a)ψ'(a), the Bregman divergence of ψ (closed form; ψ'(a) by
     * the moment formula).
     */
    public double klDivergence(double a, double b) {
        Require.finite("a", a);
        Require.finite("b", b);
        double kl = logPartition(b) - logPartition(a) + (b - a) * meanLogRank(a);
        return Math.max(kl, 0); // exact value is ≥ 0; clip rounding below zero
    }

    /** The Bhattacharyya coefficient Σ_k √(p_a(k) p_b(k)) = exp(ψ((a+b)/2) − ½ψ(a) − ½ψ(b)). */
    public double bhattacharyya(double a, double b) {
        Require.finite("a", a);
        Require.finite("b", b);
        return Math.exp(logPartition(0.5 * (a + b)) - 0.5 * logPartition(a) - 0.5 * logPartition(b));
    }

    /** Hel²(p_a, p_b) = Σ_k (√p_a(k) − √p_b(k))² = 2[1 − BC(a, b)] (closed form). */
    public double hellingerSquared(double a, double b) {
        Require.finite("a", a);
        Require.finite("b", b);
        // 1 − exp(x) = −expm1(x) keeps accuracy for nearby a, b
        double x = logPartition(0.5 * (a + b)) - 0.5 * logPartition(a) - 0.5 * logPartition(b);
        return Math.max(-2 * Math.expm1(x), 0);
    }

    /** d_BW²(P_a, P_b) = 2d[1 − exp(ψ((a+b)/2) − ½ψ(a) − ½ψ(b))] = d·Hel²(p_a, p_b) (closed form). */
    public double buresWassersteinSquared(double a, double b) {
        return d * hellingerSquared(a, b);
    }

    /**
     * The Bures action of the straight orbit segment from a to b, (d/4)(b − a)(E_a[log k] − E_b[log k]),
     * which equals ∫_0^1 (d/4) I(a + t(b−a)) (b − a)² dt and (d/4) times the symmetrised KL divergence
     * (Jeffreys divergence) KL(p_a‖p_b) + KL(p_b‖p_a). It bounds d_BW²(P_a, P_b) from above.
     */
    public double buresAction(double a, double b) {
        Require.finite("a", a);
        Require.finite("b", b);
        return Math.max(d / 4.0 * (b - a) * (meanLogRank(a) - meanLogRank(b)), 0);
    }

    /**
     * The Hellinger radius around s: the largest |t − s| with Hel(p_s, p_t) ≤ h, where Hel² = Σ(√p_s − √p_t)²
     * (the convention of {@link #hellingerSquared}). Hel(p_s, p_t) increases strictly with |t − s| on each
     * side, towards √(2(1 − √p_s(1))) as t → +∞ and √(2(1 − √p_s(d))) as t → −∞; when h reaches a side's
     * limit that side is unbounded and the radius is +∞. Found by bisection on each side to a relative
     * 1e-13 of the radius; since the closed-form Hel² cancels to rounding (~1e-16) for nearby exponents, radii
     * below about 1e-7 are resolved only to that absolute accuracy.
     *
     * @throws IllegalArgumentException if s is not finite, h is negative or not finite, or d = 1
     */
    public double hellingerRadius(double s, double h) {
        Require.finite("s", s);
        Require.finite("h", h);
        if (h < 0) {
            throw new IllegalArgumentException("h: must be non-negative, got " + h);
        }
        if (d < 2) {
            throw new IllegalArgumentException("d: the orbit of width 1 is a single point, no radius");
        }
        return Math.max(sideRadius(s, h, 1), sideRadius(s, h, -1));
    }

    private double sideRadius(double s, double h, int direction) {
        double[] p = weights(s);
        double end = direction > 0 ? p[0] : p[d - 1];
        double limit = Math.sqrt(Math.max(2 * (1 - Math.sqrt(end)), 0));
        if (h >= limit) {
            return Double.POSITIVE_INFINITY;
        }
        double target = h * h;
        double hi = 1;
        while (hellingerSquared(s, s + direction * hi) <= target) {
            hi *= 2;
            if (hi > 1e6) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double lo = 0;
        while (hi - lo > 1e-13 * hi) {
            double mid = 0.5 * (lo + hi);
            if (hellingerSquared(s, s + direction * mid) <= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The Bures–Wasserstein line element density √(d·I(s)/4): ds_BW = √(d I(s)/4)·|ds|. */
    public double buresSpeed(double s) {
        return Math.sqrt(d * fisherInformation(s) / 4);
    }

    /**
     * The Bures–Wasserstein arc length ∫_a^b √(d·I(u)/4) du along the orbit (composite Simpson with
     * {@code intervals} sub-intervals, made even). The Fisher integrand is smooth (analytic in u), so
     * Simpson's error is O(h⁴).
     */
    public double arcLength(double a, double b, int intervals) {
        Require.finite("a", a);
        Require.finite("b", b);
        Require.atLeast("intervals", intervals, 2);
        return Simpson.integrate(this::buresSpeed, a, b, intervals);
    }

    /** The arc length with 2000 Simpson intervals. */
    public double arcLength(double a, double b) {
        return arcLength(a, b, 2000);
    }

    /**
     * The Fisher–KL action ∫_a^b (b − u)·I(u) du, which equals KL(p_a ‖ p_b) exactly (Taylor's
     * theorem with integral remainder applied to ψ). Computed by composite Simpson, independently of
     * the closed form {@link #klDivergence}.
     */
    public double klAsFisherIntegral(double a, double b, int intervals) {
        Require.finite("a", a);
        Require.finite("b", b);
        Require.atLeast("intervals", intervals, 2);
        return Simpson.integrate(u -> (b - u) * fisherInformation(u), a, b, intervals);
    }
}
