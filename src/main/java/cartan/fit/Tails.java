package cartan.fit;

import cartan.Require;

/** Argument checks shared by the tail fits. */
final class Tails {

    private Tails() {
    }

    static void check(double[] tail, double xMin) {
        Require.positive("tail", tail);
        Require.positive("xMin", xMin);
        boolean above = false;
        for (int i = 0; i < tail.length; i++) {
            if (tail[i] < xMin) {
                throw new IllegalArgumentException("tail: entry " + i + " = " + tail[i] + " lies below xMin = " + xMin);
            }
            above |= tail[i] > xMin;
        }
        if (!above) {
            throw new IllegalArgumentException("tail: all values equal xMin; nothing to fit");
        }
    }
}
