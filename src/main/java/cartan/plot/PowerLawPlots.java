package cartan.plot;

import cartan.Require;
import cartan.fit.Ccdf;
import cartan.fit.PowerLawData;
import cartan.fit.PowerLawFit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;

/**
 * The charts of a power-law fit: the data's complementary CDF P(X ≥ x) with the fitted tail on log-log
 * axes (the figure of Clauset, Shalizi and Newman 2009 and of every {@code powerlaw} tutorial), in the
 * house style of {@link Charts}. The points come from {@link Ccdf}; this class only draws them.
 */
public final class PowerLawPlots {

    /** The data CCDF is thinned to at most this many points. */
    public static final int MAX_POINTS = 2000;

    private PowerLawPlots() {
    }

    /** The data's CCDF (markers) with the fitted power law from x_min (line) and a marker line at x_min. */
    public static XYChart ccdf(String title, PowerLawData data, PowerLawFit fit) {
        Require.notNull("data", data);
        Require.notNull("fit", fit);
        Ccdf empirical = Ccdf.of(data).thinned(MAX_POINTS);
        double[] x = empirical.x();
        double xMax = x[x.length - 1];
        XYChart chart = Charts.logLog(title == null ? "Complementary CDF" : title, "x", "P(X ≥ x)");
        Charts.scatter(chart, "data (N = " + data.size() + ")", x, empirical.p())
                .setMarkerColor(new Color(0, 114, 178, 140));
        if (xMax > fit.xMin()) {
            Ccdf line = Ccdf.fitted(fit, xMax, 200);
            Charts.line(chart, String.format(Locale.ROOT, "%spower law α = %.3f, x_min = %.3g",
                    fit.discrete() ? "discrete " : "", fit.alpha(), fit.xMin()), line.x(), line.p());
        }
        double[] p = empirical.p();
        Charts.line(chart, "x_min", new double[]{fit.xMin(), fit.xMin()}, new double[]{p[p.length - 1], 1})
                .setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        10f, new float[]{4f, 4f}, 0f));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        return chart;
    }
}
