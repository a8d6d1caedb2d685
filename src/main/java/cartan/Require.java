package cartan;

import org.ejml.data.DMatrixRMaj;

/**
 * Argument checks shared by every public entry point. Each failure is an
 * {@link IllegalArgumentException} whose message starts with the argument's name and says what is
 * wrong, so bad input never turns into a silent NaN further down.
 */
public final class Require {

    private Require() {
    }

    /** The reference must not be null. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": must not be null");
        }
        return value;
    }

    /** The value must be finite (not NaN, not infinite). */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": must be finite, got " + value);
        }
        return value;
    }

    /** The value must be finite and strictly positive (a logarithm or division follows). */
    public static double positive(String name, double value) {
        finite(name, value);
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + ": must be positive, got " + value);
        }
        return value;
    }

    /** The value must be finite and non-negative. */
    public static double nonNegative(String name, double value) {
        finite(name, value);
        if (value < 0) {
            throw new IllegalArgumentException(name + ": must be non-negative, got " + value);
        }
        return value;
    }

    /** The value must lie in the closed interval [lo, hi]. */
    public static double inRange(String name, double value, double lo, double hi) {
        finite(name, value);
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + ": must lie in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** The integer must be at least {@code min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** The array must be non-null, non-empty and have only finite entries. */
    public static double[] finite(String name, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(name + ": must not be null");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(name + ": must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + ": entry " + i + " is " + values[i] + ", must be finite");
            }
        }
        return values;
    }

    /** The array must be non-empty with finite, strictly positive entries. */
    public static double[] positive(String name, double[] values) {
        finite(name, values);
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0)) {
                throw new IllegalArgumentException(name + ": entry " + i + " is " + values[i] + ", must be positive");
            }
        }
        return values;
    }

    /** The matrix must be non-null, non-empty and have only finite entries. */
    public static DMatrixRMaj finite(String name, DMatrixRMaj m) {
        if (m == null) {
            throw new IllegalArgumentException(name + ": must not be null");
        }
        if (m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException(name + ": must not be empty, got " + m.numRows + "x" + m.numCols);
        }
        int n = m.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = m.data[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + ": entry (" + i / m.numCols + ", " + i % m.numCols + ") is "
                        + v + ", must be finite");
            }
        }
        return m;
    }

    /** The matrix must be finite and square. */
    public static DMatrixRMaj square(String name, DMatrixRMaj m) {
        finite(name, m);
        if (m.numRows != m.numCols) {
            throw new IllegalArgumentException(name + ": must be square, got " + m.numRows + "x" + m.numCols);
        }
        return m;
    }

    /** The matrix must be finite, square and symmetric to a relative tolerance of 1e-10. */
    public static DMatrixRMaj symmetric(String name, DMatrixRMaj m) {
        square(name, m);
        int n = m.numRows;
        double scale = 0;
        for (double v : m.data) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Math.abs(m.get(i, j) - m.get(j, i)) > 1e-10 * scale) {
                    throw new IllegalArgumentException(name + ": must be symmetric, but entry (" + i + ", " + j + ") = "
                            + m.get(i, j) + " and (" + j + ", " + i + ") = " + m.get(j, i));
                }
            }
        }
        return m;
    }

    /** Two matrices must have the same shape. */
    public static void sameShape(String nameA, DMatrixRMaj a, String nameB, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException(nameB + ": must have the shape of " + nameA + " (" + a.numRows + "x"
                    + a.numCols + "), got " + b.numRows + "x" + b.numCols);
        }
    }
}
