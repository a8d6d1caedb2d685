package cartan.fit;

import cartan.Require;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A sample as its distinct positive values and how often each occurs — the form every fit of this
 * package works on, so that the cost of a fit or a bootstrap replicate grows with the number of
 * distinct values m rather than the number of points N (a histogram of 10⁸ word counts has a few
 * thousand distinct values).
 *
 * <p>Zeros and negative values cannot lie in a power-law tail; they are dropped and counted in
 * {@link #dropped()} rather than rejected (a degree sequence with isolated nodes, a count column with
 * zeros). NaN and ±∞ are rejected: they are not values of any distribution.
 *
 * @param values  the distinct positive values, ascending
 * @param counts  how often each occurs (≥ 1)
 * @param dropped how many zero or negative values the input held (not in {@code values})
 */
public record PowerLawData(double[] values, long[] counts, long dropped) {

    public PowerLawData {
        Require.positive("values", values);
        Require.notNull("counts", counts);
        if (counts.length != values.length) {
            throw new IllegalArgumentException("counts: must have one entry per value (" + values.length + "), got "
                    + counts.length);
        }
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0 && !(values[i] > values[i - 1])) {
                throw new IllegalArgumentException("values: must be distinct and ascending, entry " + i + " = "
                        + values[i] + " after " + values[i - 1]);
            }
            if (counts[i] < 1) {
                throw new IllegalArgumentException("counts: entry " + i + " is " + counts[i] + ", must be at least 1");
            }
            total += counts[i];
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("counts: the total exceeds 2^31 - 1 points");
            }
        }
        if (dropped < 0) {
            throw new IllegalArgumentException("dropped: must be non-negative, got " + dropped);
        }
        values = values.clone();
        counts = counts.clone();
    }

    /**
     * The sample {@code x}: zeros and negatives dropped (counted), the rest tallied.
     *
     * @throws IllegalArgumentException if {@code x} is null or empty, holds NaN or ±∞, or has no positive value
     */
    public static PowerLawData of(double[] x) {
        Require.finite("data", x);
        double[] s = x.clone();
        Arrays.sort(s);
        int from = 0;
        while (from < s.length && s[from] <= 0) {
            from++;
        }
        if (from == s.length) {
            throw new IllegalArgumentException("data: no positive value among " + s.length);
        }
        int m = 0;
        for (int i = from; i < s.length; i++) {
            if (i == from || s[i] != s[i - 1]) {
                m++;
            }
        }
        double[] v = new double[m];
        long[] c = new long[m];
        int k = -1;
        for (int i = from; i < s.length; i++) {
            if (i == from || s[i] != s[i - 1]) {
                v[++k] = s[i];
            }
            c[k]++;
        }
        return new PowerLawData(v, c, from);
    }

    /**
     * A histogram: value {@code values[i]} occurs {@code counts[i]} times. Values may come in any order
     * and repeat (their counts add up); entries with count 0 are ignored; zero or negative values are
     * dropped with their counts.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a value is NaN or ±∞, a count is
     *                                  negative, or no positive value has a positive count
     */
    public static PowerLawData ofCounts(double[] values, long[] counts) {
        Require.finite("values", values);
        Require.notNull("counts", counts);
        if (counts.length != values.length) {
            throw new IllegalArgumentException("counts: must have one entry per value (" + values.length + "), got "
                    + counts.length);
        }
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("counts: entry " + i + " is " + counts[i] + ", must be non-negative");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] v = new double[values.length];
        long[] c = new long[values.length];
        int m = 0;
        long dropped = 0;
        for (int i : order) {
            if (counts[i] == 0) {
                continue;
            }
            if (values[i] <= 0) {
                dropped += counts[i];
            } else if (m > 0 && v[m - 1] == values[i]) {
                c[m - 1] += counts[i];
            } else {
                v[m] = values[i];
                c[m++] = counts[i];
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("values: no positive value with a positive count");
        }
        return new PowerLawData(Arrays.copyOf(v, m), Arrays.copyOf(c, m), dropped);
    }

    /**
     * One column of a text file: CSV, tab- or whitespace-separated, '#' comment lines and blank lines
     * skipped, an optional header line. {@code column} is a header name or a 0-based index. Hostile
     * files are safe: lines are capped at 64 KiB, values at what the heap can hold, and every failure is
     * an {@link IOException} (unreadable) or {@link IllegalArgumentException} (malformed, NaN, ±∞)
     * naming the line.
     */
    public static PowerLawData readColumn(Path file, String column) throws IOException {
        return ColumnReader.read(file, column, null);
    }

    /**
     * A histogram from two columns of a text file: the values and how often each occurs (non-negative
     * integers), as {@link #readColumn} reads them.
     */
    public static PowerLawData readCounts(Path file, String valueColumn, String countColumn) throws IOException {
        return ColumnReader.read(file, valueColumn, Require.notNull("countColumn", countColumn));
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** N, the number of positive points (counts summed). */
    public int size() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return (int) n;
    }

    /** m, the number of distinct values. */
    public int distinct() {
        return values.length;
    }

    /** Whether every value is an integer (the discrete power law applies). */
    public boolean integral() {
        for (double v : values) {
            if (v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }

    /** The points at or above {@code xMin} (dropped stays the input's count of non-positive values). */
    public PowerLawData tail(double xMin) {
        Require.finite("xMin", xMin);
        int i = firstAtLeast(xMin);
        if (i == values.length) {
            throw new IllegalArgumentException("xMin: " + xMin + " lies above the largest value " + values[values.length - 1]);
        }
        return new PowerLawData(Arrays.copyOfRange(values, i, values.length),
                Arrays.copyOfRange(counts, i, counts.length), dropped);
    }

    /** The sample as a sorted array of N points (for small samples and reference code). */
    public double[] expand() {
        double[] x = new double[size()];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            for (long c = 0; c < counts[i]; c++) {
                x[k++] = values[i];
            }
        }
        return x;
    }

    /** Σ cᵢ f(vᵢ) for a function of the value, summed with Neumaier compensation. */
    double sum(DoubleUnaryOperator f) {
        double sum = 0;
        double comp = 0;
        for (int i = 0; i < values.length; i++) {
            double t = counts[i] * f.applyAsDouble(values[i]);
            double u = sum + t;
            comp += Math.abs(sum) >= Math.abs(t) ? (sum - u) + t : (t - u) + sum;
            sum = u;
        }
        return sum + comp;
    }

    /** Index of the first value ≥ x (values.length if none). */
    int firstAtLeast(double x) {
        int i = Arrays.binarySearch(values, x);
        return i >= 0 ? i : -i - 1;
    }

    /** Internal views without copies, for the fitters. */
    double[] valuesView() {
        return values;
    }

    long[] countsView() {
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerLawData d && dropped == d.dropped && Arrays.equals(values, d.values)
                && Arrays.equals(counts, d.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts) + Long.hashCode(dropped);
    }

    @Override
    public String toString() {
        return "PowerLawData[N=" + size() + ", distinct=" + values.length + ", dropped=" + dropped + "]";
    }
}
