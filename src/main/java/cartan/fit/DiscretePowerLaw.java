package cartan.fit;

import cartan.Require;
import cartan.special.HurwitzZeta;
import org.hipparchus.analysis.solvers.BrentSolver;

/**
 * The discrete power law on the integers x ≥ x_min (Clauset, Shalizi, Newman 2009, eq. 2.4):
 * <pre>
 *   p(x) = x^(−α) / ζ(α, x_min),   P(X ≥ x) = ζ(α, x)/ζ(α, x_min),
 * </pre>
 * with ζ(s, q) the Hurwitz zeta function ({@link HurwitzZeta}). For a known x_min the maximum-likelihood
 * exponent solves the score equation (CSN eq. B.13)
 * <pre>
 *   ζ′(α, x_min)/ζ(α, x_min) = −(1/n) Σᵢ ln xᵢ,
 * </pre>
 * whose left side increases in α (its derivative is Var ln X &gt; 0), so the root is unique; {@link #mle}
 * finds it with Brent's method. Its asymptotic standard error is 1/√(n Var_α ln X), Var_α ln X =
 * ζ″/ζ − (ζ′/ζ)² (the Fisher information per point). CSN's closed-form approximation
 * α ≈ 1 + n/Σ ln(xᵢ/(x_min − ½)) ({@link #approximateMle}) is biased for small x_min.
 *
 * @param alpha exponent, &gt; 1
 * @param xMin  smallest support point, a positive integer
 */
public record DiscretePowerLaw(double alpha, double xMin) implements PowerLawModel {

    public DiscretePowerLaw {
        Require.finite("alpha", alpha);
        if (!(alpha > 1)) {
            throw new IllegalArgumentException("alpha: must exceed 1 for a normalisable power law, got " + alpha);
        }
        Require.positive("xMin", xMin);
        if (xMin != Math.rint(xMin) || xMin > 1e15) {
            throw new IllegalArgumentException("xMin: must be a positive integer, got " + xMin);
        }
    }

    @Override
    public String name() {
        return "power law";
    }

    @Override
    public int parameterCount() {
        return 1;
    }

    @Override
    public boolean discrete() {
        return true;
    }

    /** ln ζ(α, x_min). */
    public double logNormalizer() {
        double lq = Math.log(xMin);
        return Math.log(HurwitzZeta.scaled(alpha, xMin, lq)) - alpha * lq;
    }

    /** ζ(α, x)/ζ(α, x_min), finite where each factor underflows. */
    private double ratio(double x) {
        double lq = Math.log(xMin);
        return HurwitzZeta.scaled(alpha, x, lq) / HurwitzZeta.scaled(alpha, xMin, lq);
    }

    /** ln p(x); −∞ off the support (below x_min or not an integer). */
    @Override
    public double logDensity(double x) {
        if (Tails.offIntegerSupport(x, xMin)) {
            return Double.NEGATIVE_INFINITY;
        }
        return -alpha * Math.log(x) - logNormalizer();
    }

    /** Σ cᵢ ln p(vᵢ), with ζ evaluated once. */
    @Override
    public double logLikelihood(PowerLawData tail) {
        double z = logNormalizer();
        return tail.sum(x -> x < xMin || x != Math.rint(x) ? Double.NEGATIVE_INFINITY : -alpha * Math.log(x) - z);
    }

    /** P(X ≤ x) = 1 − ζ(α, ⌊x⌋ + 1)/ζ(α, x_min) for x ≥ x_min, 0 below. */
    @Override
    public double cdf(double x) {
        Tails.notNaN(x);
        if (x < xMin) {
            return 0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return 1 - ratio(Math.floor(x) + 1);
    }

    /** P(X ≥ x) = ζ(α, ⌈x⌉)/ζ(α, x_min) for x ≥ x_min, 1 below. */
    @Override
    public double tailProbability(double x) {
        Tails.notNaN(x);
        if (x <= xMin) {
            return 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return ratio(Math.ceil(x));
    }

    /** The smallest integer x ≥ x_min with P(X ≤ x) ≥ u. */
    @Override
    public double quantile(double u) {
        if (!(u >= 0 && u < 1)) {
            throw new IllegalArgumentException("u: must lie in [0, 1), got " + u);
        }
        return new Inverter(this).next(u);
    }

    /**
     * Inverts the CDF for an ascending sequence of u, each search starting where the last ended: the
     * probability P(X &gt; x) = ζ(α, x+1)/ζ(α, x_min) is compared with 1 − u, stepping up by doubling and
     * then bisecting, so a run of u's costs O(log) ζ evaluations per distinct result.
     */
    static final class Inverter {
        private final double alpha;
        private final double logScale;
        private final double z;
        private double x;
        private double above;   // P(X > x)

        Inverter(DiscretePowerLaw law) {
            alpha = law.alpha;
            logScale = Math.log(law.xMin);
            z = HurwitzZeta.scaled(alpha, law.xMin, logScale);
            x = law.xMin;
            above = greater(x);
        }

        private double greater(double at) {
            return HurwitzZeta.scaled(alpha, at + 1, logScale) / z;
        }

        /** The quantile of u (u not below the previous call's). */
        double next(double u) {
            double target = 1 - u;
            if (above <= target) {
                return x;
            }
            double lo = x;               // P(X > lo) > target
            double step = 1;
            double hi = x + step;
            double pHi = greater(hi);
            while (pHi > target) {
                lo = hi;
                step *= 2;
                hi = x + step;
                if (hi > 1e15) {
                    hi = 1e15;
                    pHi = greater(hi);
                    break;
                }
                pHi = greater(hi);
            }
            while (hi - lo > 1) {
                double mid = Math.floor(lo + (hi - lo) / 2);
                double pm = greater(mid);
                if (pm > target) {
                    lo = mid;
                } else {
                    hi = mid;
                    pHi = pm;
                }
            }
            x = hi;
            above = pHi;
            return x;
        }
    }

    /**
     * The maximum-likelihood exponent for a known x_min: the root of the score equation.
     *
     * @throws IllegalArgumentException if the tail has a value below {@code xMin} or not an integer, or
     *                                  all values equal x_min (α̂ = ∞)
     */
    public static DiscretePowerLaw mle(PowerLawData tail, double xMin) {
        Require.notNull("tail", tail);
        new DiscretePowerLaw(2, xMin);   // checks xMin
        double[] v = tail.valuesView();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < xMin || v[i] != Math.rint(v[i])) {
                throw new IllegalArgumentException("tail: value " + v[i] + " is not an integer ≥ xMin = " + xMin);
            }
        }
        int n = tail.size();
        double meanLog = tail.sum(Math::log) / n;
        if (!(meanLog > Math.log(xMin))) {
            throw new IllegalArgumentException("tail: all values equal xMin; the exponent is not identifiable");
        }
        return new DiscretePowerLaw(solve(meanLog, xMin, n, tail.sum(x -> Math.log(x / (xMin - 0.5)))), xMin);
    }

    /** CSN's approximation α ≈ 1 + n / Σ ln(xᵢ/(x_min − ½)) (CSN eq. 3.7), for comparison. */
    public static DiscretePowerLaw approximateMle(PowerLawData tail, double xMin) {
        Require.notNull("tail", tail);
        new DiscretePowerLaw(2, xMin);
        if (tail.valuesView()[0] < xMin) {
            throw new IllegalArgumentException("tail: value " + tail.valuesView()[0] + " lies below xMin = " + xMin);
        }
        return new DiscretePowerLaw(1 + tail.size() / tail.sum(x -> Math.log(x / (xMin - 0.5))), xMin);
    }

    /**
     * The root of ζ′/ζ(α, x_min) + meanLog = 0, for meanLog &gt; ln x_min. {@code sumLogHalf} = Σ ln(x/(x_min − ½))
     * seeds the bracket with CSN's approximation.
     */
    static double solve(double meanLog, double xMin, int n, double sumLogHalf) {
        double guess = 1 + n / sumLogHalf;
        double lo = Math.max(1 + 1e-12, guess - 0.5);
        double hi = Math.max(guess + 0.5, lo + 1);
        while (score(lo, xMin, meanLog) > 0 && lo > 1 + 1e-12) {
            lo = 1 + (lo - 1) / 16;
        }
        while (score(hi, xMin, meanLog) < 0) {
            hi = 1 + 2 * (hi - 1);
            if (hi > 1e6) {
                throw new IllegalArgumentException("tail: the exponent exceeds 1e6; nearly all values equal xMin");
            }
        }
        if (score(lo, xMin, meanLog) > 0) {
            return lo;   // meanLog so large that α̂ is within 1e-12 of 1
        }
        return new BrentSolver(1e-13, 1e-15, 1e-300).solve(200, a -> score(a, xMin, meanLog), lo, hi);
    }

    /** ζ′/ζ(α, q) + meanLog, increasing in α. */
    private static double score(double alpha, double q, double meanLog) {
        double[] z = HurwitzZeta.scaledWithDerivatives(alpha, q, Math.log(q));
        return z[1] / z[0] + meanLog;
    }

    /** Var_α ln X = ζ″/ζ − (ζ′/ζ)², the Fisher information of α per point. */
    public double logVariance() {
        double[] z = HurwitzZeta.scaledWithDerivatives(alpha, xMin, Math.log(xMin));
        double m = z[1] / z[0];
        return z[2] / z[0] - m * m;
    }
}
