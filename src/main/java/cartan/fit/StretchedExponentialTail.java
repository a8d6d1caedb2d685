package cartan.fit;

import cartan.Require;

import java.util.function.DoubleUnaryOperator;

/**
 * The stretched exponential (Weibull) tail on [x_min, ∞) (CSN 2009, Table 2.1):
 * <pre>
 *   p(x) = β λ x^(β−1) e^(−λ (x^β − x_min^β)),   β &gt; 0, λ &gt; 0.
 * </pre>
 * For a fixed β the MLE of λ is closed form, λ̂(β) = n / Σ (xᵢ^β − x_min^β), so the fit is a search over
 * β alone of the profile log-likelihood n ln β + n ln λ̂(β) + (β − 1) Σ ln xᵢ − n (Brent, on ln β).
 *
 * @param beta   stretching exponent, &gt; 0 (β = 1 is the exponential)
 * @param lambda rate, &gt; 0
 * @param xMin   lower end of the support, &gt; 0
 */
public record StretchedExponentialTail(double beta, double lambda, double xMin) implements TailDistribution {

    public StretchedExponentialTail {
        Require.positive("beta", beta);
        Require.positive("lambda", lambda);
        Require.positive("xMin", xMin);
    }

    @Override
    public String name() {
        return "stretched exponential";
    }

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public double logDensity(double x) {
        Tails.notNaN(x);
        return Math.log(beta * lambda) + (beta - 1) * Math.log(x) - lambda * (Math.pow(x, beta) - Math.pow(xMin, beta));
    }

    /** The maximum-likelihood stretched exponential on the tail values. */
    public static StretchedExponentialTail mle(double[] tail, double xMin) {
        return mle(Tails.check(tail, xMin), xMin);
    }

    /** The maximum-likelihood stretched exponential on a tail given as distinct values with counts. */
    public static StretchedExponentialTail mle(PowerLawData tail, double xMin) {
        Tails.check(tail, xMin);
        int n = tail.size();
        double sumLog = tail.sum(Math::log);
        // x^β − x_min^β = x_min^β ((x/x_min)^β − 1): scale-free and free of overflow for moderate β
        DoubleUnaryOperator excess = b -> tail.sum(x -> Math.expm1(b * Math.log(x / xMin)));
        DoubleUnaryOperator nll = lb -> {
            double b = Math.exp(lb);
            double s = excess.applyAsDouble(b);       // Σ ((x/x_min)^β − 1); λ x_min^β = n / s
            double logLambda = Math.log(n / s) - b * Math.log(xMin);
            return -(n * lb + n * logLambda + (b - 1) * sumLog - n);
        };
        double lb = MaximumLikelihood.minimize(nll::applyAsDouble, Math.log(1e-4), Math.log(20));
        double b = Math.exp(lb);
        double lambda = Math.exp(Math.log(n / excess.applyAsDouble(b)) - b * Math.log(xMin));
        return new StretchedExponentialTail(b, lambda, xMin);
    }
}
