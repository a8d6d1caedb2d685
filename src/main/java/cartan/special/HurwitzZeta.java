package cartan.special;

import cartan.Require;

/**
 * The Hurwitz zeta function ζ(s, q) = Σ_{k≥0} (q + k)^(−s) for real s &gt; 1, q &gt; 0, and its first two
 * derivatives in s — the normaliser of the discrete power law p(x) = x^(−α)/ζ(α, x_min) and the score and
 * Fisher information of its exponent. Euler–Maclaurin with the sum carried to a = q + N ≥ 20 and p = 7
 * Bernoulli corrections:
 * <pre>
 *   ζ(s, q) = Σ_{k=0}^{N−1} (q+k)^(−s) + a^(1−s)/(s−1) + ½ a^(−s)
 *             + Σ_{j=1}^{p} B_{2j}/(2j)! · s(s+1)⋯(s+2j−2) · a^(−s−2j+1)  + R_p,
 * </pre>
 * differentiated term by term (∂/∂s a^(−t) = −ln a · a^(−t)). Because x ↦ x^(−s) is completely monotone,
 * |R_p| is at most the first omitted term, below 1e-17 relative for s ≤ 10 at a ≥ 20 (as for
 * {@link RiemannZeta}, which is ζ(s, 1)); for large q, N = 0 and the cost is a dozen powers.
 * Checked against scipy.special.zeta and mpmath's derivatives (src/test/resources/cartan/special/zeta_reference.py).
 *
 * <p>The {@code scaled} forms multiply every term by c^s (ln c given): ratios such as ζ(s, q)/ζ(s, q₀) and
 * ζ′/ζ are unchanged, and they stay finite where q^(−s) itself underflows (large s and q, as in the far
 * tail of a discrete power-law fit).
 *
 * <p>Neither Hipparchus 4.0.2 nor Commons Numbers 1.2 has a Hurwitz zeta (Commons Numbers has none at
 * all; Hipparchus has Gamma, Beta and Erf), hence this class.
 */
public final class HurwitzZeta {

    private static final double A_MIN = 20;
    /** B_{2j}/(2j)! for j = 1 … 7. */
    private static final double[] COEFF = new double[7];

    static {
        double[] bernoulli = {1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6};
        double fact = 1;
        for (int j = 1; j <= 7; j++) {
            fact *= (2 * j - 1) * (2 * j);
            COEFF[j - 1] = bernoulli[j - 1] / fact;
        }
    }

    private HurwitzZeta() {
    }

    /** ζ(s, q). */
    public static double zeta(double s, double q) {
        check(s, q);
        return scaledValue(s, q, 0);
    }

    /**
     * {ζ(s, q), ∂ζ/∂s, ∂²ζ/∂s²}.
     *
     * @throws IllegalArgumentException if s ≤ 1 or q ≤ 0, or either is not finite
     */
    public static double[] withDerivatives(double s, double q) {
        check(s, q);
        return derivatives(s, q, 0);
    }

    /**
     * ζ(s, q)·c^s with ln c = {@code logScale}: every term (q+k)^(−s) becomes ((q+k)/c)^(−s).
     *
     * @throws IllegalArgumentException if s ≤ 1, q ≤ 0 or logScale is not finite
     */
    public static double scaled(double s, double q, double logScale) {
        check(s, q);
        Require.finite("logScale", logScale);
        return scaledValue(s, q, logScale);
    }

    /** {ζ, ζ′, ζ″}·c^s with ln c = {@code logScale}. */
    public static double[] scaledWithDerivatives(double s, double q, double logScale) {
        check(s, q);
        Require.finite("logScale", logScale);
        return derivatives(s, q, logScale);
    }

    private static double scaledValue(double s, double q, double logScale) {
        int n = (int) Math.max(0, Math.ceil(A_MIN - q));
        double sum = 0;
        for (int k = n - 1; k >= 0; k--) {
            sum += Math.exp(-s * (Math.log(q + k) - logScale));
        }
        double a = q + n;
        double la = Math.log(a);
        double pa = Math.exp(-s * (la - logScale));          // (a/c)^(−s)
        double tail = a * pa / (s - 1) + 0.5 * pa;
        double inv2 = 1 / (a * a);
        double g = pa / a;                     // a^(−s−1)
        double rising = s;                     // s(s+1)⋯(s+2j−2)
        for (int j = 1; j <= 7; j++) {
            tail += COEFF[j - 1] * rising * g;
            rising *= (s + 2 * j - 1) * (s + 2 * j);
            g *= inv2;
        }
        return sum + tail;
    }

    private static double[] derivatives(double s, double q, double logScale) {
        int n = (int) Math.max(0, Math.ceil(A_MIN - q));
        double z0 = 0;
        double z1 = 0;
        double z2 = 0;
        for (int k = n - 1; k >= 0; k--) {
            double l = Math.log(q + k);
            double t = Math.exp(-s * (l - logScale));
            z0 += t;
            z1 -= l * t;
            z2 += l * l * t;
        }
        double a = q + n;
        double la = Math.log(a);
        double pa = Math.exp(-s * (la - logScale));
        double sm1 = s - 1;
        double t0 = a * pa;                    // a^(1−s)
        z0 += t0 / sm1 + 0.5 * pa;
        z1 += t0 * (-la / sm1 - 1 / (sm1 * sm1)) - 0.5 * la * pa;
        z2 += t0 * (la * la / sm1 + 2 * la / (sm1 * sm1) + 2 / (sm1 * sm1 * sm1)) + 0.5 * la * la * pa;
        double inv2 = 1 / (a * a);
        double g = pa / a;
        for (int j = 1; j <= 7; j++) {
            // R(s) = Π_{i=0}^{2j−2} (s + i), R′ = R Σ 1/(s+i), R″ = R[(Σ 1/(s+i))² − Σ 1/(s+i)²]
            double r = 1;
            double h1 = 0;
            double h2 = 0;
            for (int i = 0; i <= 2 * j - 2; i++) {
                r *= s + i;
                h1 += 1 / (s + i);
                h2 += 1 / ((s + i) * (s + i));
            }
            double r1 = r * h1;
            double r2 = r * (h1 * h1 - h2);
            double c = COEFF[j - 1] * g;
            z0 += c * r;
            z1 += c * (r1 - la * r);
            z2 += c * (r2 - 2 * la * r1 + la * la * r);
            g *= inv2;
        }
        return new double[]{z0, z1, z2};
    }

    private static void check(double s, double q) {
        Require.finite("s", s);
        if (!(s > 1)) {
            throw new IllegalArgumentException("s: must exceed 1 (the series diverges at s ≤ 1), got " + s);
        }
        Require.positive("q", q);
    }
}
