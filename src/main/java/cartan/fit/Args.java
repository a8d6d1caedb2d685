package cartan.fit;

/** Null checks in the style of {@link cartan.Require}: the message starts with the argument name. */
final class Args {

    private Args() {
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": must not be null");
        }
        return value;
    }

    /** The check behind {@link TailFitter#scanPrepared}: O(n), cheap next to the scan itself. */
    static double[] checkPrepared(double[] sorted) {
        cartan.Require.positive("sorted", sorted);
        cartan.Require.atLeast("sorted.length", sorted.length, 2);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] < sorted[i - 1]) {
                throw new IllegalArgumentException("sorted: must be ascending (as prepare returns it), entry " + i
                        + " = " + sorted[i] + " < " + sorted[i - 1]);
            }
        }
        return sorted;
    }
}
