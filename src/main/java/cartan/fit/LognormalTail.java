package cartan.fit;

import cartan.Require;
import org.hipparchus.special.Erf;

/**
 * The lognormal conditioned on x ≥ x_min:
 * <pre>
 *   p(x) = φ((ln x − μ)/σ) / (x σ) / Q,   Q = ½ erfc((ln x_min − μ)/(σ√2)),
 * </pre>
 * with φ the standard normal density. The MLE maximises over (μ, ln σ) ({@link MaximumLikelihood}) from
 * the mean and standard deviation of ln x; the likelihood depends on the data only through n, Σ ln x and
 * Σ (ln x)², so each evaluation is O(1). μ may be negative (as in {@code powerlaw}'s {@code lognormal},
 * not {@code lognormal_positive}). ln Q uses an asymptotic series where erfc underflows, so deep tails
 * stay finite.
 *
 * @param mu    location of ln x
 * @param sigma scale of ln x, > 0
 * @param xMin  lower end of the support, > 0
 */
public record LognormalTail(double mu, double sigma, double xMin) implements TailDistribution {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    public LognormalTail {
        Require.finite("mu", mu);
        Require.positive("sigma", sigma);
        Require.positive("xMin", xMin);
    }

    @Override
    public String name() {
        return "lognormal";
    }

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public double logDensity(double x) {
        Tails.notNaN(x);
        double z = (Math.log(x) - mu) / sigma;
        return -Math.log(x) - Math.log(sigma) - LOG_SQRT_2PI - 0.5 * z * z - logQ(mu, sigma, xMin);
    }

    static double logQ(double mu, double sigma, double xMin) {
        return Math.log(0.5) + logErfc((Math.log(xMin) - mu) / (sigma * Math.sqrt(2)));
    }

    /** ln erfc(z), accurate where erfc(z) underflows (z ≳ 26). */
    static double logErfc(double z) {
        if (z < 20) {
            return Math.log(Erf.erfc(z));
        }
        double z2 = z * z;
        double series = 1 - 1 / (2 * z2) + 3 / (4 * z2 * z2) - 15 / (8 * z2 * z2 * z2);
        return -z2 - Math.log(z * Math.sqrt(Math.PI)) + Math.log(series);
    }

    /** The maximum-likelihood lognormal tail. */
    public static LognormalTail mle(double[] tail, double xMin) {
        return mle(Tails.check(tail, xMin), xMin);
    }

    /** The maximum-likelihood lognormal tail of data given as distinct values with counts. */
    public static LognormalTail mle(PowerLawData tail, double xMin) {
        Tails.check(tail, xMin);
        int n = tail.size();
        double m = tail.sum(Math::log) / n;
        double v = tail.sum(x -> (Math.log(x) - m) * (Math.log(x) - m)) / n;
        double s0 = Math.sqrt(Math.max(v, 1e-12));
        double lx = Math.log(xMin);
        // Σ (ln x − μ)² = n v + n (m − μ)²
        double[] best = MaximumLikelihood.minimize(p -> {
            double sigma = Math.exp(p[1]);
            double ss = n * v + n * (m - p[0]) * (m - p[0]);
            return 0.5 * ss / (sigma * sigma) + n * (p[1] + logQ(p[0], sigma, xMin));
        }, new double[][]{{m, Math.log(s0)}}, new double[]{Math.max(s0, Math.abs(m - lx)) + 0.1, 0.5});
        return new LognormalTail(best[0], Math.exp(best[1]), xMin);
    }
}
