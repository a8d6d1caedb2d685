package cartan.fit;

import cartan.Require;

/** The input check of {@link TailFitter#scanPrepared}; other argument checks use {@link cartan.Require}. */
final class Args {

    private Args() {
    }

    /** The check behind {@link TailFitter#scanPrepared}: O(n), cheap next to the scan itself. */
    static double[] checkPrepared(double[] sorted) {
        Require.positive("sorted", sorted);
        Require.atLeast("sorted.length", sorted.length, 2);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] < sorted[i - 1]) {
                throw new IllegalArgumentException("sorted: must be ascending (as prepare returns it), entry " + i
                        + " = " + sorted[i] + " < " + sorted[i - 1]);
            }
        }
        return sorted;
    }
}
