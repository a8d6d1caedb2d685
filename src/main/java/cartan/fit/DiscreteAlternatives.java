package cartan.fit;

import cartan.Require;
import org.hipparchus.special.Gamma;

/**
 * The discrete alternatives to the discrete power law on the integers x ≥ x_min, as CSN (2009, §5 and
 * Appendix) compare them, each fitted by maximum likelihood on the same tail:
 * <ul>
 *   <li>{@link Exponential} (geometric): p(x) = (1 − e^(−λ)) e^(−λ(x − x_min)); λ̂ = ln(1 + 1/mean(x − x_min));</li>
 *   <li>{@link Lognormal} discretised: p(x) = [Φ(b) − Φ(a)] / [1 − Φ(a₀)], a = (ln(x − ½) − μ)/σ,
 *   b = (ln(x + ½) − μ)/σ, a₀ the a of x_min (each integer owns [x − ½, x + ½), as in poweRlaw's
 *   {@code dislnorm});</li>
 *   <li>{@link Poisson}: p(x) = e^(−μ) μ^x / x! / P(X ≥ x_min), P(X ≥ k) = P(k, μ) the regularised lower
 *   incomplete gamma function;</li>
 *   <li>{@link TruncatedPowerLaw}: p(x) = x^(−α) e^(−λx) / Z, Z = Σ_{k ≥ x_min} k^(−α) e^(−λk), summed
 *   directly for 100 terms past max(x_min, 100) − 100 and by Euler–Maclaurin beyond (the integral is
 *   {@link TruncatedPowerLawTail}'s, plus f/2 − f′/12 + f‴/720 at the cut; the first omitted term,
 *   f⁽⁵⁾/30240, is below 1e-12 of Z).</li>
 * </ul>
 * Each MLE runs on {@link MaximumLikelihood}; the log-likelihoods depend on the data through the
 * distinct values and their counts.
 */
public final class DiscreteAlternatives {

    private DiscreteAlternatives() {
    }

    /** The geometric distribution on x ≥ x_min, CSN's discrete exponential. */
    public record Exponential(double lambda, double xMin) implements TailDistribution {

        public Exponential {
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
            if (Tails.offIntegerSupport(x, xMin)) {
                return Double.NEGATIVE_INFINITY;
            }
            return Math.log(-Math.expm1(-lambda)) - lambda * (x - xMin);
        }

        public static Exponential mle(PowerLawData tail, double xMin) {
            Tails.checkIntegers(tail, xMin);
            double mean = tail.sum(x -> x - xMin) / tail.size();
            return new Exponential(Math.log1p(1 / mean), xMin);
        }
    }

    /** The lognormal discretised onto the integers. */
    public record Lognormal(double mu, double sigma, double xMin) implements TailDistribution {

        public Lognormal {
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
            if (Tails.offIntegerSupport(x, xMin)) {
                return Double.NEGATIVE_INFINITY;
            }
            return logMass(x, mu, sigma) - logUpper(z(xMin - 0.5, mu, sigma));
        }

        private static double z(double x, double mu, double sigma) {
            return (Math.log(x) - mu) / sigma;
        }

        /** ln(Φ(b) − Φ(a)) for the bin [x − ½, x + ½). */
        static double logMass(double x, double mu, double sigma) {
            double a = x - 0.5 > 0 ? z(x - 0.5, mu, sigma) : Double.NEGATIVE_INFINITY;
            double b = z(x + 0.5, mu, sigma);
            if (a > 0) {                       // both in the upper tail: difference of upper tails
                double la = logUpper(a);
                return la + Math.log(-Math.expm1(logUpper(b) - la));
            }
            double lb = logUpper(-b);          // ln Φ(b)
            return lb + Math.log(-Math.expm1(logUpper(-a) - lb));
        }

        /** ln(1 − Φ(z)) = ln(½ erfc(z/√2)). */
        static double logUpper(double z) {
            if (z == Double.NEGATIVE_INFINITY) {
                return 0;
            }
            return Math.log(0.5) + LognormalTail.logErfc(z / Math.sqrt(2));
        }

        public static Lognormal mle(PowerLawData tail, double xMin) {
            Tails.checkIntegers(tail, xMin);
            int n = tail.size();
            double m = tail.sum(Math::log) / n;
            double s0 = Math.sqrt(Math.max(tail.sum(x -> (Math.log(x) - m) * (Math.log(x) - m)) / n, 1e-12));
            double[] p = MaximumLikelihood.minimize(q -> {
                double sigma = Math.exp(q[1]);
                return -tail.sum(x -> logMass(x, q[0], sigma)) + n * logUpper(z(xMin - 0.5, q[0], sigma));
            }, new double[][]{{m, Math.log(s0)}}, new double[]{Math.max(s0, Math.abs(m - Math.log(xMin))) + 0.1, 0.5});
            return new Lognormal(p[0], Math.exp(p[1]), xMin);
        }
    }

    /** The Poisson distribution conditioned on x ≥ x_min. */
    public record Poisson(double mu, double xMin) implements TailDistribution {

        public Poisson {
            Require.positive("mu", mu);
            Require.positive("xMin", xMin);
        }

        @Override
        public String name() {
            return "poisson";
        }

        @Override
        public int parameterCount() {
            return 1;
        }

        @Override
        public double logDensity(double x) {
            if (Tails.offIntegerSupport(x, xMin)) {
                return Double.NEGATIVE_INFINITY;
            }
            return x * Math.log(mu) - mu - Gamma.logGamma(x + 1) - logAtLeast(xMin, mu);
        }

        /** ln P(X ≥ k) for X ~ Poisson(μ), k ≥ 1: a series where it is small, else Hipparchus' P(k, μ). */
        static double logAtLeast(double k, double mu) {
            if (k <= 0) {
                return 0;
            }
            if (mu < k + 1) {
                // P(X ≥ k) = e^(−μ) μ^k / k! · Σ_{j≥0} μ^j / ((k+1)⋯(k+j)), terms falling geometrically
                double sum = 1;
                double term = 1;
                for (int j = 1; j < 10_000; j++) {
                    term *= mu / (k + j);
                    sum += term;
                    if (term < 1e-17 * sum) {
                        break;
                    }
                }
                return -mu + k * Math.log(mu) - Gamma.logGamma(k + 1) + Math.log(sum);
            }
            return Math.log(Gamma.regularizedGammaP(k, mu));
        }

        public static Poisson mle(PowerLawData tail, double xMin) {
            Tails.checkIntegers(tail, xMin);
            int n = tail.size();
            double sumX = tail.sum(x -> x);
            double mean = sumX / n;
            double lm = MaximumLikelihood.minimize(l -> {
                double mu = Math.exp(l);
                return -(sumX * l - n * mu - n * logAtLeast(xMin, mu));
            }, Math.log(mean) - 30, Math.log(mean) + 1);
            return new Poisson(Math.exp(lm), xMin);
        }
    }

    /** The power law with exponential cut-off on the integers. */
    public record TruncatedPowerLaw(double alpha, double lambda, double xMin) implements TailDistribution {

        public TruncatedPowerLaw {
            Require.finite("alpha", alpha);
            Require.positive("lambda", lambda);
            Require.positive("xMin", xMin);
        }

        @Override
        public String name() {
            return "truncated power law";
        }

        @Override
        public int parameterCount() {
            return 2;
        }

        @Override
        public double logDensity(double x) {
            if (Tails.offIntegerSupport(x, xMin)) {
                return Double.NEGATIVE_INFINITY;
            }
            return -alpha * Math.log(x) - lambda * x - logNormalizer(alpha, lambda, xMin);
        }

        /** ln Σ_{k ≥ x_min} k^(−α) e^(−λk). */
        public static double logNormalizer(double alpha, double lambda, double xMin) {
            Require.finite("alpha", alpha);
            Require.positive("lambda", lambda);
            Require.positive("xMin", xMin);
            return logZ(alpha, lambda, xMin);
        }

        static double logZ(double alpha, double lambda, double xMin) {
            double cut = Math.max(xMin, 100) + 100;
            // terms relative to the first, f(k)/f(x_min) = exp(g(k) − g(x_min)), g = −α ln k − λk
            double g0 = -alpha * Math.log(xMin) - lambda * xMin;
            double sum = 0;
            for (double k = cut - 1; k >= xMin; k--) {
                sum += Math.exp(-alpha * Math.log(k) - lambda * k - g0);
            }
            double gk = -alpha * Math.log(cut) - lambda * cut - g0;
            double f = Math.exp(gk);
            double d1 = -alpha / cut - lambda;          // g′
            double d2 = alpha / (cut * cut);            // g″
            double d3 = -2 * alpha / (cut * cut * cut); // g‴
            double f1 = f * d1;
            double f3 = f * (d1 * d1 * d1 + 3 * d1 * d2 + d3);
            double integral = Math.exp(TruncatedPowerLawTail.logNormalizer(alpha, lambda, cut) - g0);
            return g0 + Math.log(sum + integral + f / 2 - f1 / 12 + f3 / 720);
        }

        public static TruncatedPowerLaw mle(PowerLawData tail, double xMin, double startAlpha) {
            Tails.checkIntegers(tail, xMin);
            Require.finite("startAlpha", startAlpha);
            int n = tail.size();
            double[] p = TruncatedPowerLawTail.fit2(n, tail.sum(Math::log), tail.sum(x -> x), startAlpha,
                    (a, lam) -> n * logZ(a, lam, xMin));
            return new TruncatedPowerLaw(p[0], Math.exp(p[1]), xMin);
        }
    }
}
