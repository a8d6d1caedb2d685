package cartan.plot;

import cartan.Require;
import cartan.spectrum.TopRadialChart;
import org.knowm.xchart.XYChart;

/**
 * Plots of the top-radial chart (notebook 02, P1.4): r(β)/(½ log d) for several widths ({@link #normalised}) and
 * the exponent gaps of consecutive pairs relative to their margin and converse bounds ({@link #bounds}).
 */
public final class TopRadialPlots {

    private TopRadialPlots() {
    }

    /** r(β)/(½ log d) on the grid of β, one line per width d ≥ 2. */
    public static XYChart normalised(int[] widths, double[] grid) {
        Require.notNull("widths", widths);
        Require.finite("grid", grid);
        if (widths.length == 0) {
            throw new IllegalArgumentException("widths: need at least one");
        }
        XYChart c = Charts.xy("Top-radial chart r(β) / (½ log d)", "β", "r(β) / (½ log d)");
        for (int w : widths) {
            Require.atLeast("widths", w, 2);
            double[] y = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                y[i] = TopRadialChart.radial(w, grid[i]) / (0.5 * Math.log(w));
            }
            Charts.line(c, "d = " + w, grid, y);
        }
        return c;
    }

    /** gap/margin bound and gap/converse bound against the pair's index. */
    public static XYChart bounds(double[] toMargin, double[] toConverse) {
        Require.finite("toMargin", toMargin);
        Require.finite("toConverse", toConverse);
        if (toConverse.length != toMargin.length) {
            throw new IllegalArgumentException("toConverse: need " + toMargin.length + " values, got " + toConverse.length);
        }
        double[] idx = new double[toMargin.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        XYChart c = Charts.xy("Exponent gap relative to the margin and converse bounds", "pair", "gap / bound");
        Charts.scatter(c, "gap / margin bound (≤ 1)", idx, toMargin);
        Charts.scatter(c, "gap / converse bound (≥ 1)", idx, toConverse);
        return c;
    }
}
