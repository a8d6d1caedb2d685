package cartan.fit;

/**
 * A distribution on [x_min, ∞) fitted to the tail of a sample, as compared by {@link LikelihoodRatioTest}:
 * continuous (a density) or discrete on the integers ≥ x_min (a probability mass). Implementations are
 * immutable records.
 */
public interface TailDistribution {

    /** Short name: "power law", "lognormal", "exponential", "truncated power law", … */
    String name();

    /** Lower end of the support. */
    double xMin();

    /** Number of fitted parameters (x_min not counted). */
    int parameterCount();

    /** ln p(x) for x ≥ x_min: the log density, or for a discrete law the log probability of x. */
    double logDensity(double x);

    /** Σ ln p(xᵢ) over the given tail values (all ≥ x_min). */
    default double logLikelihood(double[] tail) {
        double s = 0;
        for (double x : tail) {
            s += logDensity(x);
        }
        return s;
    }

    /** Σ cᵢ ln p(vᵢ) over a tail given as distinct values with counts. */
    default double logLikelihood(PowerLawData tail) {
        return tail.sum(this::logDensity);
    }
}
