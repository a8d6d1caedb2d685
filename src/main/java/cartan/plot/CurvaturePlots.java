package cartan.plot;

import cartan.Require;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.util.Arrays;

/**
 * Charts of the curvature-exponent analyses (arXiv 2606.02596): measured s against the prediction αγ of
 * spectral transfer (Proposition 6) with the paper's ±10% band, the transfer error against its linearity
 * bound, and curvatures on log axes (only h_k &gt; 0 can be drawn there). They take the analysis' numbers.
 */
public final class CurvaturePlots {

    private CurvaturePlots() {
    }

    /**
     * An empty chart of measured s against predicted αγ on [lo, hi] with the lines s = αγ, s = 1.1 αγ and
     * s = 0.9 αγ (the paper's Fig. 2 band), legend inside the lower right; add one scatter per group.
     *
     * @throws IllegalArgumentException if lo, hi are not finite with 0 &lt; lo &lt; hi
     */
    public static XYChart transfer(String title, String xTitle, String yTitle, double lo, double hi, boolean logLog) {
        Require.positive("lo", lo);
        Require.finite("hi", hi);
        if (!(hi > lo)) {
            throw new IllegalArgumentException("hi: must exceed lo = " + lo + ", got " + hi);
        }
        XYChart c = logLog ? Charts.logLog(title, xTitle, yTitle) : Charts.xy(title, xTitle, yTitle);
        Charts.line(c, "s = αγ", new double[] {lo, hi}, new double[] {lo, hi});
        Charts.line(c, "+10%", new double[] {lo, hi}, new double[] {1.1 * lo, 1.1 * hi});
        Charts.line(c, "−10%", new double[] {lo, hi}, new double[] {0.9 * lo, 0.9 * hi});
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return c;
    }

    /**
     * {@link #transfer(String, String, String, double, double, boolean)} on [0.8 m, 1.2 M], m and M the smallest
     * and largest of the predicted and measured values, with their scatter added as series {@code name}.
     *
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a value ≤ 0 or not finite
     */
    public static XYChart transfer(String title, String xTitle, String yTitle, boolean logLog, String name,
                                   double[] predicted, double[] measured) {
        Require.positive("predicted", predicted);
        Require.positive("measured", measured);
        if (predicted.length == 0 || predicted.length != measured.length) {
            throw new IllegalArgumentException("measured: need one value per prediction (" + predicted.length
                    + "), got " + measured.length);
        }
        double lo = 0.8 * Math.min(Arrays.stream(predicted).min().getAsDouble(), Arrays.stream(measured).min().getAsDouble());
        double hi = 1.2 * Math.max(Arrays.stream(predicted).max().getAsDouble(), Arrays.stream(measured).max().getAsDouble());
        XYChart c = transfer(title, xTitle, yTitle, lo, hi, logLog);
        if (name != null) {
            Charts.scatter(c, name, predicted, measured);
        }
        return c;
    }

    /**
     * An empty log–log chart of the transfer error |αγ − s|/s against the linearity bound
     * A = √((1 − R²_α)(1 − R²_γ)/(R²_γ R²_s)) with the line error = A on [lo, hi]; add one scatter per group.
     */
    public static XYChart errorAgainstLinearityBound(double lo, double hi) {
        Require.positive("lo", lo);
        if (!(hi > lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("hi: must be finite and exceed lo = " + lo + ", got " + hi);
        }
        XYChart c = Charts.logLog("Transfer error against the linearity bound A", "A = sqrt((1−R²α)(1−R²γ)/(R²γ R²s))",
                "|αγ − s|/s");
        Charts.line(c, "error = A", new double[] {lo, hi}, new double[] {lo, hi});
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return c;
    }

    /**
     * Adds the points (x_i, y_i) with y_i &gt; 0 as a scatter series (a log axis cannot show the others, e.g.
     * negative directional curvatures h_k).
     *
     * @throws IllegalArgumentException if the arrays differ in length or no y is positive
     */
    public static XYSeries scatterPositive(XYChart chart, String name, double[] x, double[] y) {
        Require.notNull("chart", chart);
        Require.notNull("x", x);
        Require.notNull("y", y);
        if (x.length != y.length) {
            throw new IllegalArgumentException("y: need one value per x (" + x.length + "), got " + y.length);
        }
        int[] keep = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] > 0).toArray();
        if (keep.length == 0) {
            throw new IllegalArgumentException("y: no positive value to draw on a log axis");
        }
        return Charts.scatter(chart, name, Arrays.stream(keep).mapToDouble(i -> x[i]).toArray(),
                Arrays.stream(keep).mapToDouble(i -> y[i]).toArray());
    }

    /**
     * A strip chart: the values of each group at x = its index (0, 1, …, in the map's order), with a horizontal
     * reference line at {@code reference} (e.g. α = 2) across the groups.
     *
     * @throws IllegalArgumentException if there is no group or a group is empty
     */
    public static XYChart byGroup(String title, String xTitle, String yTitle, java.util.Map<String, double[]> groups,
                                  String referenceName, double reference) {
        Require.notNull("groups", groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("groups: need at least one group");
        }
        XYChart c = Charts.xy(title, xTitle, yTitle);
        int i = 0;
        for (var e : groups.entrySet()) {
            double[] x = new double[e.getValue().length];
            Arrays.fill(x, i++);
            Charts.scatter(c, e.getKey(), x, e.getValue());
        }
        Charts.line(c, referenceName, new double[] {-0.5, i - 0.5}, new double[] {reference, reference});
        return c;
    }
}
