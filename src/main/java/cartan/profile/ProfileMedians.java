package cartan.profile;

import cartan.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.List;

/**
 * Layer profiles of several models side by side, one row per model (notebook 17): the number of layers, the
 * median of each named column over the layers (NaN entries left out; the mean of the two middle values for an
 * even count), and the share of layers with WeightWatcher's "well-trained" 2 ≤ α ≤ 6 (NaN α counts as outside).
 */
public final class ProfileMedians {

    private ProfileMedians() {
    }

    /** Columns {@code model, layers, median <c>} for each c, then {@code share 2<=alpha<=6}. */
    public static Table table(String title, List<String> names, List<ExponentProfile> profiles, String... columns) {
        Require.notNull("title", title);
        Require.notNull("names", names);
        Require.notNull("profiles", profiles);
        Require.notNull("columns", columns);
        if (names.size() != profiles.size() || names.isEmpty()) {
            throw new IllegalArgumentException("names: need one name per profile and at least one, got " + names.size()
                    + " names for " + profiles.size() + " profiles");
        }
        Table t = Table.create(title).addColumns(StringColumn.create("model", names),
                IntColumn.create("layers", profiles.stream().mapToInt(ExponentProfile::size).toArray()));
        for (String c : columns) {
            t.addColumns(DoubleColumn.create("median " + c, profiles.stream().mapToDouble(p -> median(p.column(c))).toArray()));
        }
        return t.addColumns(DoubleColumn.create("share 2<=alpha<=6",
                profiles.stream().mapToDouble(p -> share(p.column("alpha"), 2, 6)).toArray()));
    }

    /** The median of the finite values, NaN if there are none. */
    public static double median(double[] values) {
        Require.notNull("values", values);
        double[] s = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = s.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** The share of all values (NaN included in the count) that lie in [lo, hi]. */
    public static double share(double[] values, double lo, double hi) {
        Require.notNull("values", values);
        if (values.length == 0) {
            throw new IllegalArgumentException("values: must not be empty");
        }
        return Arrays.stream(values).filter(x -> x >= lo && x <= hi).count() / (double) values.length;
    }
}
