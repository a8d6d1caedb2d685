package cartan.plot;

import cartan.Require;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heat maps of a function z(x_i, y_j) on a grid, in the house style of {@link Charts}: axis labels with
 * one decimal, the colour scale from min z to max z (rounded outwards to 0.01), the legend outside.
 */
public final class HeatMaps {

    private HeatMaps() {
    }

    /**
     * A heat map of z[i][j] at (x[i], y[j]).
     *
     * @throws IllegalArgumentException if the grid is empty, z does not have the grid's shape, or a value is not finite
     */
    public static HeatMapChart of(String title, String xTitle, String yTitle, double[] x, double[] y, double[][] z) {
        Require.finite("x", x);
        Require.finite("y", y);
        Require.notNull("z", z);
        if (x.length == 0 || y.length == 0) {
            throw new IllegalArgumentException("x: the grid must not be empty");
        }
        if (z.length != x.length) {
            throw new IllegalArgumentException("z: must have one row per x (" + x.length + "), got " + z.length);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            Require.finite("z[" + i + "]", z[i]);
            if (z[i].length != y.length) {
                throw new IllegalArgumentException("z[" + i + "]: must have one value per y (" + y.length + "), got " + z[i].length);
            }
            for (int j = 0; j < y.length; j++) {
                cells.add(new Number[]{i, j, z[i][j]});
                min = Math.min(min, z[i][j]);
                max = Math.max(max, z[i][j]);
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT + 140).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);    // Charts.style sets an inside legend, which heat maps refuse
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.getStyler().setShowValue(false);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setMin(Math.floor(100 * min) / 100);
        chart.getStyler().setMax(Math.max(Math.ceil(100 * max) / 100, Math.floor(100 * min) / 100 + 0.01));
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.addSeries("z", labels(x), labels(y), cells);
        return chart;
    }

    private static List<String> labels(double[] v) {
        List<String> out = new ArrayList<>();
        for (double a : v) {
            out.add(String.format(Locale.ROOT, "%.1f", a));
        }
        return out;
    }
}
