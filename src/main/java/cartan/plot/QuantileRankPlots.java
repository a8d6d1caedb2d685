package cartan.plot;

import cartan.Require;
import cartan.rank.QuantileRank;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;

/**
 * Plots of the energy-quantile rank r_τ(s, d) of the power-law orbit ({@link QuantileRank}): its transition
 * at s = 1 ({@link #transition}) and its growth with the width d ({@link #width}).
 */
public final class QuantileRankPlots {

    /** One colour per exponent in {@link #width}, shared by its markers and its asymptotic line (Okabe–Ito). */
    private static final Color[] SERIES_COLOURS = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0)};

    private QuantileRankPlots() {
    }

    /**
     * r_τ/d against s for several widths d (exact ranks), with the s = 1 transition marked by a vertical
     * line.
     */
    public static XYChart transition(double tau, int[] widths, double[] exponents) {
        checkTau(tau);
        requireWidths(widths);
        Require.finite("exponents", exponents);
        XYChart c = Charts.xy("Rank-window transition: r_" + tau + "/d against s", "eigenvalue exponent s = 2β",
                "r_τ / d");
        for (int d : widths) {
            double[] y = new double[exponents.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = QuantileRank.exact(exponents[i], d, tau) / (double) d;
            }
            Charts.line(c, "d = " + d, exponents, y);
        }
        XYSeries line = Charts.line(c, "s = 1", new double[]{1, 1}, new double[]{0, 1});
        line.setLineColor(Color.GRAY);
        return c;
    }

    /**
     * r_τ against d on log–log axes for several exponents s (exact ranks as markers, the leading
     * asymptotic form as lines).
     */
    public static XYChart width(double tau, double[] exponents, int[] widths) {
        checkTau(tau);
        requireWidths(widths);
        Require.finite("exponents", exponents);
        XYChart c = Charts.logLog("r_" + tau + " against width d (markers exact, lines asymptotic)", "width d",
                "r_τ");
        double[] x = new double[widths.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = widths[i];
        }
        int series = 0;
        for (double s : exponents) {
            double[] y = new double[widths.length];
            double[] a = new double[widths.length];
            for (int i = 0; i < widths.length; i++) {
                y[i] = QuantileRank.exact(s, widths[i], tau);
                a[i] = QuantileRank.asymptotic(s, widths[i], tau);
            }
            Color colour = SERIES_COLOURS[series++ % SERIES_COLOURS.length];
            Charts.scatter(c, "s = " + s, x, y).setMarkerColor(colour);
            XYSeries line = Charts.line(c, "s = " + s + " asymptotic", x, a);
            line.setLineColor(colour);
            line.setShowInLegend(false);
        }
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return c;
    }

    private static void checkTau(double tau) {
        Require.finite("tau", tau);
        if (!(tau > 0 && tau <= 1)) {
            throw new IllegalArgumentException("tau: must lie in (0, 1], got " + tau);
        }
    }

    private static void requireWidths(int[] widths) {
        if (widths == null || widths.length == 0) {
            throw new IllegalArgumentException("widths: must not be empty");
        }
        for (int w : widths) {
            Require.atLeast("widths", w, 1);
        }
    }
}
