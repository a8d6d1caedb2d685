package cartan.fit;

/**
 * A continuous distribution on [x_min, ∞) fitted to the tail of a sample, as compared by
 * {@link LikelihoodRatioTest}. Implementations are immutable records.
 */
public interface TailDistribution {

    /** Short name: "power law", "lognormal", "exponential", "truncated power law". */
    String name();

    /** Lower end of the support. */
    double xMin();

    /** Number of fitted parameters (x_min not counted). */
    int parameterCount();

    /** ln p(x) for x ≥ x_min. */
    double logDensity(double x);

    /** Σ ln p(xᵢ) over the given tail values (all ≥ x_min). */
    default double logLikelihood(double[] tail) {
        double s = 0;
        for (double x : tail) {
            s += logDensity(x);
        }
        return s;
    }
}
