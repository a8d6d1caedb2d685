package cartan.experiment;

import cartan.Require;
import tech.tablesaw.api.Table;

import java.util.Arrays;

/**
 * The paired difference of one optimiser against a baseline in the optimiser comparison of paper 3
 * ({@code optimizer-runs}, {@code optimizer-summary}): each method at its own tuned learning rate (the rate the
 * summary lists for it on the data set), runs paired by seed, d_i = acc_method,i − acc_baseline,i.
 * {@link #mean()} is d̄ and {@link #standardError()} is s_d/√n with the sample standard deviation s_d.
 *
 * @param differences d_i in the order of the seeds
 */
public record PairedDifference(double[] differences) {

    public PairedDifference {
        differences = Require.finite("differences", differences).clone();
        Require.atLeast("differences", differences.length, 2);
    }

    @Override
    public double[] differences() {
        return differences.clone();
    }

    /** d̄. */
    public double mean() {
        return Arrays.stream(differences).average().getAsDouble();
    }

    /** s_d/√n. */
    public double standardError() {
        double m = mean();
        return Math.sqrt(Arrays.stream(differences).map(v -> (v - m) * (v - m)).sum() / (differences.length - 1)
                / differences.length);
    }

    /**
     * {@code method} against {@code baseline} on data set {@code dataset}: each at the learning rate of its summary
     * row, the {@code test_accuracy} of the runs sorted by {@code seed}.
     *
     * @throws IllegalArgumentException if a method has no summary row or the two have different numbers of runs
     */
    public static PairedDifference of(Table runs, Table summary, String dataset, String method, String baseline) {
        Require.notNull("runs", runs);
        Require.notNull("summary", summary);
        double[] m = accuracies(runs, summary, dataset, method);
        double[] a = accuracies(runs, summary, dataset, baseline);
        if (m.length != a.length) {
            throw new IllegalArgumentException("runs: " + method + " has " + m.length + " runs, " + baseline + " has "
                    + a.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = m[i] - a[i];
        }
        return new PairedDifference(d);
    }

    private static double[] accuracies(Table runs, Table summary, String dataset, String method) {
        Table s = summary.where(summary.stringColumn("dataset").isEqualTo(dataset)
                .and(summary.stringColumn("method").isEqualTo(method)));
        if (s.rowCount() != 1) {
            throw new IllegalArgumentException("summary: expected one row for " + method + " on " + dataset + ", found "
                    + s.rowCount());
        }
        double lr = s.doubleColumn("learning_rate").get(0);
        return runs.where(runs.stringColumn("dataset").isEqualTo(dataset).and(runs.stringColumn("method").isEqualTo(method))
                .and(runs.doubleColumn("learning_rate").isEqualTo(lr))).sortAscendingOn("seed")
                .doubleColumn("test_accuracy").asDoubleArray();
    }
}
