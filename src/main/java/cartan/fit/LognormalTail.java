package cartan.fit;

import cartan.Require;
import org.hipparchus.special.Erf;

/**
 * The lognormal conditioned on x ≥ x_min:
 * <pre>
 *   p(x) = φ((ln x − μ)/σ) / (x σ) / Q,   Q = ½ erfc((ln x_min − μ)/(σ√2)),
 * </pre>
 * with φ the standard normal density. The MLE maximises over (μ, ln σ) with a Nelder–Mead simplex
 * started at the mean and standard deviation of ln x; μ may be negative (as in {@code powerlaw}'s
 * {@code lognormal}, not {@code lognormal_positive}). ln Q uses an asymptotic series where erfc
 * underflows, so deep tails stay finite.
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
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("x: must not be NaN");
        }
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
        Tails.check(tail, xMin);
        int n = tail.length;
        double[] logs = new double[n];
        double m = 0;
        for (int i = 0; i < n; i++) {
            logs[i] = Math.log(tail[i]);
            m += logs[i] / n;
        }
        double v = 0;
        for (double l : logs) {
            v += (l - m) * (l - m) / n;
        }
        double s0 = Math.sqrt(Math.max(v, 1e-12));
        double lx = Math.log(xMin);
        double[] best = NelderMead.minimize(p -> {
            double mu = p[0];
            double sigma = Math.exp(p[1]);
            double q = logQ(mu, sigma, xMin);
            double s = 0;
            for (double l : logs) {
                double z = (l - mu) / sigma;
                s += 0.5 * z * z;
            }
            double nll = s + n * (Math.log(sigma) + q);
            return Double.isFinite(nll) ? nll : Double.POSITIVE_INFINITY;
        }, new double[]{m, Math.log(s0)}, new double[]{Math.max(s0, Math.abs(m - lx)) + 0.1, 0.5}, 4000, 1e-13);
        return new LognormalTail(best[0], Math.exp(best[1]), xMin);
    }
}
