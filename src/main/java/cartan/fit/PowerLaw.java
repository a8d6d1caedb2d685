package cartan.fit;

import cartan.Require;

import java.util.SplittableRandom;

/**
 * The continuous power law on [x_min, ∞) with density exponent α > 1:
 * <pre>
 *   p(x) = (α − 1)/x_min · (x/x_min)^(−α),   P(X > x) = (x/x_min)^(1−α),
 * </pre>
 * and its maximum-likelihood estimate for a known x_min (Clauset, Shalizi, Newman 2009, eq. 3.1):
 * <pre>
 *   α̂ = 1 + n / Σᵢ ln(xᵢ / x_min).
 * </pre>
 * With x_min known, Σ ln(xᵢ/x_min) ~ Gamma(n, rate α − 1), so E[α̂ − 1] = (α − 1)·n/(n − 1) and
 * {@link #unbiasedMle} α* = 1 + (n − 1)/Σ ln(xᵢ/x_min) is exactly unbiased.
 *
 * @param alpha density exponent, > 1
 * @param xMin  lower cut-off, > 0
 */
public record PowerLaw(double alpha, double xMin) implements PowerLawModel {

    public PowerLaw {
        Require.finite("alpha", alpha);
        if (!(alpha > 1)) {
            throw new IllegalArgumentException("alpha: must exceed 1 for a normalisable power law, got " + alpha);
        }
        Require.positive("xMin", xMin);
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
    public double logDensity(double x) {
        Tails.notNaN(x);
        return Math.log(alpha - 1) - Math.log(xMin) - alpha * Math.log(x / xMin);
    }

    /** P(X ≤ x) = 1 − (x/x_min)^(1−α) for x ≥ x_min, 0 below. */
    public double cdf(double x) {
        Tails.notNaN(x);
        return x <= xMin ? 0 : -Math.expm1((1 - alpha) * Math.log(x / xMin));
    }

    /** P(X > x). */
    public double ccdf(double x) {
        Tails.notNaN(x);
        return x <= xMin ? 1 : Math.exp((1 - alpha) * Math.log(x / xMin));
    }

    /** P(X ≥ x) = P(X &gt; x) for a continuous law. */
    @Override
    public double tailProbability(double x) {
        return ccdf(x);
    }

    /** x_min (1 − u)^(−1/(α−1)). */
    @Override
    public double quantile(double u) {
        if (!(u >= 0 && u < 1)) {
            throw new IllegalArgumentException("u: must lie in [0, 1), got " + u);
        }
        return xMin * Math.exp(-Math.log1p(-u) / (alpha - 1));
    }

    @Override
    public boolean discrete() {
        return false;
    }

    /** One draw by inversion: x_min·(1 − u)^(−1/(α−1)), u uniform on [0, 1). */
    @Override
    public double sample(SplittableRandom random) {
        return xMin * Math.exp(-Math.log1p(-random.nextDouble()) / (alpha - 1));
    }

    /** n independent draws. */
    public double[] sample(int n, SplittableRandom random) {
        Require.atLeast("n", n, 0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = sample(random);
        }
        return x;
    }

    /** The maximum-likelihood power law for tail values all ≥ x_min (at least one above it). */
    public static PowerLaw mle(double[] tail, double xMin) {
        Require.positive("tail", tail);
        return new PowerLaw(1 + tail.length / sumLogRatio(tail, xMin), xMin);
    }

    /** The maximum-likelihood power law on a tail given as distinct values with counts (all ≥ x_min). */
    public static PowerLaw mle(PowerLawData tail, double xMin) {
        Require.notNull("tail", tail);
        Require.positive("xMin", xMin);
        if (tail.valuesView()[0] < xMin) {
            throw new IllegalArgumentException("tail: value " + tail.valuesView()[0] + " lies below xMin = " + xMin);
        }
        double s = tail.sum(x -> Math.log(x / xMin));
        if (!(s > 0)) {
            throw new IllegalArgumentException("tail: all values equal xMin; the exponent is not identifiable");
        }
        return new PowerLaw(1 + tail.size() / s, xMin);
    }

    /** The unbiased estimate α* = 1 + (n − 1)/Σ ln(xᵢ/x_min); needs n ≥ 2. */
    public static PowerLaw unbiasedMle(double[] tail, double xMin) {
        Require.positive("tail", tail);
        Require.atLeast("tail.length", tail.length, 2);
        return new PowerLaw(1 + (tail.length - 1) / sumLogRatio(tail, xMin), xMin);
    }

    private static double sumLogRatio(double[] tail, double xMin) {
        Require.positive("tail", tail);
        Require.positive("xMin", xMin);
        double s = 0;
        for (int i = 0; i < tail.length; i++) {
            if (tail[i] < xMin) {
                throw new IllegalArgumentException("tail: entry " + i + " = " + tail[i] + " lies below xMin = " + xMin);
            }
            s += Math.log(tail[i] / xMin);
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("tail: all values equal xMin; the exponent is not identifiable");
        }
        return s;
    }
}
