package cartan.plot;

import cartan.Require;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * A profile metric over a training run (notebook 22, {@code bin/cartan sweep}): from a sweep table with the
 * columns {@code step}, {@code layer} and the metric, one line per layer of the metric against the optimisation
 * step (rows sorted by step).
 */
public final class SweepPlots {

    private SweepPlots() {
    }

    /** One line per distinct layer of {@code column} against {@code step}, in the layers' first-appearance order. */
    public static XYChart byLayer(Table sweep, String column, String title) {
        Require.notNull("sweep", sweep);
        Require.notNull("column", column);
        Require.notNull("title", title);
        for (String c : new String[] {"step", "layer", column}) {
            if (!sweep.columnNames().contains(c)) {
                throw new IllegalArgumentException("sweep: has no column \"" + c + "\"; columns are " + sweep.columnNames());
            }
        }
        if (sweep.rowCount() == 0) {
            throw new IllegalArgumentException("sweep: has no rows");
        }
        XYChart chart = Charts.xy(title, "optimisation step", column.replace('_', ' '));
        for (String layer : sweep.stringColumn("layer").unique().asList()) {
            Table t = sweep.where(sweep.stringColumn("layer").isEqualTo(layer)).sortAscendingOn("step");
            Charts.line(chart, layer, t.numberColumn("step").asDoubleArray(), t.numberColumn(column).asDoubleArray());
        }
        return chart;
    }
}
