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
        Tails.notNaN(x);
        return Math.log(lambda) - lambda * (x - xMin);
    }

    /** The maximum-likelihood exponential on the tail values (all ≥ xMin, not all equal to it). */
    public static ExponentialTail mle(double[] tail, double xMin) {
        return mle(Tails.check(tail, xMin), xMin);
    }

    /** The maximum-likelihood exponential on a tail given as distinct values with counts. */
    public static ExponentialTail mle(PowerLawData tail, double xMin) {
        Tails.check(tail, xMin);
        return new ExponentialTail(tail.size() / tail.sum(x -> x - xMin), xMin);
    }
}
