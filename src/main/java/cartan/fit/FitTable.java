package cartan.fit;

import cartan.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * Power-law fits of the same data by different rules side by side (notebook 21): one row per fit with its
 * x_min, α, tail size n_tail and Kolmogorov–Smirnov distance D.
 */
public final class FitTable {

    private FitTable() {
    }

    /** Columns {@code labelColumn}, x_min, alpha, n_tail, KS D. */
    public static Table of(String title, String labelColumn, List<String> labels, List<PowerLawFit> fits) {
        Require.notNull("title", title);
        Require.notNull("labelColumn", labelColumn);
        Require.notNull("labels", labels);
        Require.notNull("fits", fits);
        if (labels.size() != fits.size()) {
            throw new IllegalArgumentException("labels: need one label per fit, got " + labels.size() + " for " + fits.size());
        }
        return Table.create(title).addColumns(StringColumn.create(labelColumn, labels),
                DoubleColumn.create("x_min", fits.stream().mapToDouble(PowerLawFit::xMin).toArray()),
                DoubleColumn.create("alpha", fits.stream().mapToDouble(PowerLawFit::alpha).toArray()),
                IntColumn.create("n_tail", fits.stream().mapToInt(PowerLawFit::tailSize).toArray()),
                DoubleColumn.create("KS D", fits.stream().mapToDouble(PowerLawFit::ksDistance).toArray()));
    }
}
