package cartan.profile;

import cartan.Require;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two layer profiles side by side (e.g. a base model and its fine-tune, or two checkpoints): the layers present
 * in both, matched by name and shape, with each metric of A, of B and their difference B − A; the layers found
 * in only one of them are listed.
 *
 * <p>Columns of {@link #table()}: {@code layer, kind, rows, cols, depth, role}, then for each metric m of
 * {@link #metrics()}: {@code m_a}, {@code m_b}, {@code m_diff}. The inputs are profile tables
 * ({@link ExponentProfile#table()}) or the CSV files {@code bin/cartan profile --out} writes
 * ({@link #readCsv}).
 *
 * @param labelA        what A is (a model name or path)
 * @param labelB        what B is
 * @param metrics       the compared metrics, in order
 * @param table         the matched layers
 * @param onlyInA       layers of A not in B (by name), or of a different shape
 * @param onlyInB       layers of B not in A
 */
public record ProfileComparison(String labelA, String labelB, List<String> metrics, Table table, List<String> onlyInA,
                                List<String> onlyInB) {

    /** The metrics compared by default (those present in both tables are used). */
    public static final List<String> DEFAULT_METRICS = List.of("alpha", "alpha_weighted", "log_norm",
            "log_spectral_norm", "stable_rank", "entropy_rank", "beta_chart", "chart_residual", "mp_softrank",
            "num_spikes", "rand_distance", "num_traps");

    private static final Set<String> TEXT = Set.of("layer", "kind", "role", "tail_verdict", "notes");

    public ProfileComparison {
        Require.notNull("labelA", labelA);
        Require.notNull("labelB", labelB);
        metrics = List.copyOf(Require.notNull("metrics", metrics));
        Require.notNull("table", table);
        onlyInA = List.copyOf(Require.notNull("onlyInA", onlyInA));
        onlyInB = List.copyOf(Require.notNull("onlyInB", onlyInB));
    }

    /** Two profiles compared on {@link #DEFAULT_METRICS}. */
    public static ProfileComparison of(ExponentProfile a, ExponentProfile b, String labelA, String labelB) {
        Require.notNull("a", a);
        Require.notNull("b", b);
        return of(a.table(), b.table(), labelA, labelB, DEFAULT_METRICS);
    }

    /**
     * Two profile tables compared on those of {@code metrics} that are numeric columns of both.
     *
     * @throws IllegalArgumentException if a table has no {@code layer} column or no metric is shared
     */
    public static ProfileComparison of(Table a, Table b, String labelA, String labelB, List<String> metrics) {
        Require.notNull("a", a);
        Require.notNull("b", b);
        Require.notNull("metrics", metrics);
        for (Table t : List.of(a, b)) {
            if (!t.columnNames().contains("layer")) {
                throw new IllegalArgumentException((t == a ? "a" : "b") + ": has no \"layer\" column");
            }
        }
        List<String> used = new ArrayList<>();
        for (String m : metrics) {
            if (isNumeric(a, m) && isNumeric(b, m)) {
                used.add(m);
            }
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("metrics: none of " + metrics + " is a numeric column of both tables");
        }
        Map<String, Integer> rowsB = new LinkedHashMap<>();
        StringColumn layerB = b.stringColumn("layer");
        for (int i = 0; i < b.rowCount(); i++) {
            rowsB.putIfAbsent(layerB.get(i), i);
        }
        StringColumn layerA = a.stringColumn("layer");
        List<int[]> pairs = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        for (int i = 0; i < a.rowCount(); i++) {
            Integer j = rowsB.get(layerA.get(i));
            if (j == null || number(a, "rows", i) != number(b, "rows", j) || number(a, "cols", i) != number(b, "cols", j)) {
                onlyA.add(layerA.get(i));
            } else {
                pairs.add(new int[] {i, j});
            }
        }
        Set<String> matchedB = new java.util.HashSet<>();
        for (int[] p : pairs) {
            matchedB.add(layerB.get(p[1]));
        }
        List<String> onlyB = new ArrayList<>();
        for (String n : rowsB.keySet()) {
            if (!matchedB.contains(n)) {
                onlyB.add(n);
            }
        }
        Table t = Table.create("comparison");
        t.addColumns(StringColumn.create("layer", pairs.stream().map(p -> layerA.get(p[0])).toList()),
                StringColumn.create("kind", pairs.stream().map(p -> text(a, "kind", p[0])).toList()),
                doubles("rows", pairs.stream().mapToDouble(p -> number(a, "rows", p[0])).toArray()),
                doubles("cols", pairs.stream().mapToDouble(p -> number(a, "cols", p[0])).toArray()),
                doubles("depth", pairs.stream().mapToDouble(p -> number(a, "depth", p[0])).toArray()),
                StringColumn.create("role", pairs.stream().map(p -> text(a, "role", p[0])).toList()));
        for (String m : used) {
            double[] va = pairs.stream().mapToDouble(p -> number(a, m, p[0])).toArray();
            double[] vb = pairs.stream().mapToDouble(p -> number(b, m, p[1])).toArray();
            double[] d = new double[va.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = vb[i] - va[i];
            }
            t.addColumns(doubles(m + "_a", va), doubles(m + "_b", vb), doubles(m + "_diff", d));
        }
        return new ProfileComparison(labelA, labelB, used, t, onlyA, onlyB);
    }

    /**
     * A {@code profile.csv} of {@code bin/cartan profile --out} (or a directory holding one) read back as a table:
     * {@code layer, kind, role, tail_verdict, notes} as text, every other column as numbers.
     *
     * @throws IOException if it cannot be read or is not a profile table
     */
    public static Table readCsv(Path file) throws IOException {
        Require.notNull("file", file);
        Path f = Files.isDirectory(file) ? file.resolve("profile.csv") : file;
        Table t;
        try {
            t = Table.read().usingOptions(CsvReadOptions.builder(f.toFile()).maxCharsPerColumn(1 << 20)
                    .columnTypes(name -> TEXT.contains(name) ? ColumnType.STRING : ColumnType.DOUBLE).build());
        } catch (RuntimeException e) {
            throw new IOException(f + ": not a profile table (" + e.getMessage() + ")", e);
        }
        if (!t.columnNames().contains("layer")) {
            throw new IOException(f + ": not a profile table (no \"layer\" column)");
        }
        return t;
    }

    /** Mean of {@code m_diff} over the matched layers (NaN if none has a value). */
    public double meanDifference(String metric) {
        if (!metrics.contains(metric)) {
            throw new IllegalArgumentException("metric: \"" + metric + "\" is not compared; compared are " + metrics);
        }
        return ModelSummary.mean(table.doubleColumn(metric + "_diff").asDoubleArray());
    }

    /** The number of matched layers. */
    public int matched() {
        return table.rowCount();
    }

    private static boolean isNumeric(Table t, String c) {
        return t.columnNames().contains(c) && (t.column(c) instanceof DoubleColumn || t.column(c) instanceof IntColumn);
    }

    private static double number(Table t, String c, int row) {
        if (!t.columnNames().contains(c)) {
            return Double.NaN;
        }
        Column<?> col = t.column(c);
        if (col.isMissing(row)) {
            return Double.NaN;
        }
        if (col instanceof DoubleColumn d) {
            return d.getDouble(row);
        }
        if (col instanceof IntColumn i) {
            return i.getInt(row);
        }
        return Double.NaN;
    }

    private static String text(Table t, String c, int row) {
        return t.columnNames().contains(c) && t.column(c) instanceof StringColumn s ? s.get(row) : "";
    }

    private static DoubleColumn doubles(String name, double[] v) {
        return DoubleColumn.create(name, v);
    }
}
