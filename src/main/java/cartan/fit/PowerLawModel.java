package cartan.fit;

import java.util.SplittableRandom;

/**
 * A power law on [x_min, ∞): the continuous one ({@link PowerLaw}, density ∝ x^(−α)) or the discrete one
 * on the integers ({@link DiscretePowerLaw}, probability ∝ x^(−α)). What the fitters, the bootstraps,
 * the likelihood-ratio tests and the CCDF plot need of either.
 */
public sealed interface PowerLawModel extends TailDistribution permits PowerLaw, DiscretePowerLaw {

    /** The exponent α. */
    double alpha();

    /** P(X ≤ x). */
    double cdf(double x);

    /** P(X ≥ x), the complementary CDF a CCDF plot shows (equal to P(X &gt; x) for the continuous law). */
    double tailProbability(double x);

    /** The smallest support point x with P(X ≤ x) ≥ u, for u in [0, 1). */
    double quantile(double u);

    /** One draw by inversion. */
    default double sample(SplittableRandom random) {
        return quantile(random.nextDouble());
    }

    /** Whether the support is the integers ≥ x_min. */
    boolean discrete();
}
