package cartan.rank;

/**
 * Two-sided bounds lower ≤ r_τ ≤ upper on an energy-quantile rank, from the integral tail bounds.
 *
 * @param lower a rank that r_τ cannot be below
 * @param upper a rank that r_τ cannot exceed
 */
public record RankBounds(int lower, int upper) {

    /** Whether {@code rank} lies in [lower, upper]. */
    public boolean contains(int rank) {
        return lower <= rank && rank <= upper;
    }
}
