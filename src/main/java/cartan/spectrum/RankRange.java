package cartan.spectrum;

/**
 * A window of ranks k = first..last (1-based, inclusive) over which a power-law chart is fitted.
 *
 * @param first first rank (≥ 1)
 * @param last  last rank (≥ first + 2: an OLS fit with a standard error needs three points)
 */
public record RankRange(int first, int last) {

    /** Validates the window. */
    public RankRange {
        if (first < 1) {
            throw new IllegalArgumentException("window: first rank must be at least 1, got " + first);
        }
        if (last < first) {
            throw new IllegalArgumentException("window: is empty, last rank " + last + " < first rank " + first);
        }
        if (last - first + 1 < 3) {
            throw new IllegalArgumentException("window: needs at least 3 ranks for a slope with a standard error, got "
                    + first + ".." + last);
        }
    }

    /** The window first..last. */
    public static RankRange of(int first, int last) {
        return new RankRange(first, last);
    }

    /** All ranks 1..n. */
    public static RankRange all(int n) {
        return new RankRange(1, n);
    }

    /**
     * The ranks between the fractions lo and hi of n: first = max(1, ⌈lo·n⌉), last = ⌊hi·n⌋, for
     * 0 ≤ lo &lt; hi ≤ 1 (e.g. {@code fraction(n, 0, 0.5)} is the top half).
     */
    public static RankRange fraction(int n, double lo, double hi) {
        if (!(lo >= 0 && lo < hi && hi <= 1)) {
            throw new IllegalArgumentException("window: fractions must satisfy 0 <= lo < hi <= 1, got lo=" + lo
                    + ", hi=" + hi);
        }
        return new RankRange(Math.max(1, (int) Math.ceil(lo * n)), (int) Math.floor(hi * n));
    }

    /** Number of ranks in the window. */
    public int size() {
        return last - first + 1;
    }

    /** Checks that the window fits in a spectrum of n values. */
    RankRange within(int n) {
        if (last > n) {
            throw new IllegalArgumentException("window: last rank " + last + " exceeds the number of singular values " + n);
        }
        return this;
    }
}
