package cartan.plot;

import cartan.Require;
import cartan.profile.ProfileComparison;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.List;

/**
 * Charts of a {@link ProfileComparison}: a metric of both profiles over the matched layers ({@link #sideBySide})
 * and its difference B − A ({@link #difference}). Layers without a value are left out.
 */
public final class ComparisonPlots {

    private ComparisonPlots() {
    }

    /** {@code metric} of A and of B against the matched layer's position (0-based, in A's order). */
    public static XYChart sideBySide(ProfileComparison c, String metric) {
        Require.notNull("c", c);
        check(c, metric);
        XYChart chart = Charts.xy(metric + ": " + c.labelA() + " vs " + c.labelB(), "matched layer", metric);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        add(chart, "A: " + shorten(c.labelA()), c.table().doubleColumn(metric + "_a").asDoubleArray());
        add(chart, "B: " + shorten(c.labelB()), c.table().doubleColumn(metric + "_b").asDoubleArray());
        return chart;
    }

    /** {@code metric}_B − {@code metric}_A against the matched layer's position. */
    public static XYChart difference(ProfileComparison c, String metric) {
        Require.notNull("c", c);
        check(c, metric);
        XYChart chart = Charts.xy(metric + " difference (B − A)", "matched layer", "Δ " + metric);
        chart.getStyler().setLegendVisible(false);
        add(chart, "B − A", c.table().doubleColumn(metric + "_diff").asDoubleArray());
        return chart;
    }

    private static void check(ProfileComparison c, String metric) {
        if (!c.metrics().contains(metric)) {
            throw new IllegalArgumentException("metric: \"" + metric + "\" is not compared; compared are " + c.metrics());
        }
        boolean any = false;
        for (double v : c.table().doubleColumn(metric + "_a").asDoubleArray()) {
            any |= Double.isFinite(v);
        }
        if (!any) {
            throw new IllegalArgumentException("metric: \"" + metric + "\" has no value in any matched layer");
        }
    }

    private static void add(XYChart chart, String name, double[] y) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                pts.add(new double[] {i, y[i]});
            }
        }
        if (pts.isEmpty()) {
            return;
        }
        double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] ys = pts.stream().mapToDouble(p -> p[1]).toArray();
        Charts.line(chart, name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
    }

    private static String shorten(String label) {
        return label.length() > 40 ? "…" + label.substring(label.length() - 39) : label;
    }
}
