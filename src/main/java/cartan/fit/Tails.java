package cartan.fit;

import cartan.Require;

/** Argument checks and sufficient statistics shared by the tail fits. */
final class Tails {

    private Tails() {
    }

    /** A plain tail as data, after the checks every MLE needs. */
    static PowerLawData check(double[] tail, double xMin) {
        Require.positive("tail", tail);
        Require.positive("xMin", xMin);
        for (int i = 0; i < tail.length; i++) {
            if (tail[i] < xMin) {
                throw new IllegalArgumentException("tail: entry " + i + " = " + tail[i] + " lies below xMin = " + xMin);
            }
        }
        return check(PowerLawData.of(tail), xMin);
    }

    /** Every value ≥ xMin and at least one above it. */
    static PowerLawData check(PowerLawData tail, double xMin) {
        Require.notNull("tail", tail);
        Require.positive("xMin", xMin);
        double[] v = tail.valuesView();
        if (v[0] < xMin) {
            throw new IllegalArgumentException("tail: value " + v[0] + " lies below xMin = " + xMin);
        }
        if (!(v[v.length - 1] > xMin)) {
            throw new IllegalArgumentException("tail: all values equal xMin; nothing to fit");
        }
        return tail;
    }

    /** {@link #check} plus: every value is an integer (a discrete law's support), and so is xMin. */
    static PowerLawData checkIntegers(PowerLawData tail, double xMin) {
        check(tail, xMin);
        if (xMin != Math.rint(xMin)) {
            throw new IllegalArgumentException("xMin: a discrete law needs an integer xMin, got " + xMin);
        }
        for (double x : tail.valuesView()) {
            if (x != Math.rint(x)) {
                throw new IllegalArgumentException("tail: a discrete law needs integer values, got " + x);
            }
        }
        return tail;
    }

    /**
     * Whether x lies off the support {x_min, x_min + 1, …} of a discrete tail law (below x_min or not an
     * integer), after {@link #notNaN}: every discrete logDensity returns −∞ there.
     */
    static boolean offIntegerSupport(double x, double xMin) {
        notNaN(x);
        return x < xMin || x != Math.rint(x);
    }

    /** The check every logDensity makes: ±∞ are meaningful arguments, NaN is not. */
    static void notNaN(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("x: must not be NaN");
        }
    }
}
