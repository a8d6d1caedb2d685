package cartan.fit;

import cartan.Require;

/**
 * The exponential tail p(x) = λ e^(−λ(x − x_min)) on [x_min, ∞); MLE λ̂ = 1/(x̄ − x_min).
 *
 * @param lambda rate, > 0
 * @param xMin   lower end of the support, > 0
 */
public record ExponentialTail(double lambda, double xMin) implements TailDistribution {

    public ExponentialTail {
        Require.positive("lambda", lambda);
        Require.positive("xMin", xMin);
    }

    @Override
    public String name() {
        return "exponential";
    }

    @Override
    public int parameterCount() {
        return 1;
    }

    @Override
    public double logDensity(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("x: must not be NaN");
        }
        return Math.log(lambda) - lambda * (x - xMin);
    }

    /** The maximum-likelihood exponential on the tail values (all ≥ xMin, not all equal to it). */
    public static ExponentialTail mle(double[] tail, double xMin) {
        Tails.check(tail, xMin);
        double mean = 0;
        for (double x : tail) {
            mean += (x - xMin) / tail.length;
        }
        return new ExponentialTail(1 / mean, xMin);
    }
}
