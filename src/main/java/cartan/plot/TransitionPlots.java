package cartan.plot;

import cartan.Require;
import cartan.rank.QuantileRank;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The collapse of the rank-window transition (notebook 04, E1.6f): log r_τ/log d of the exact energy-quantile
 * rank at s = max(0, 1 − u/log d), against u = (1 − s) log d, as markers for several widths d, with the limit
 * profile Φ_τ(u) = log(1 + τ(e^u − 1))/u ({@link QuantileRank#transitionScaling}) as a line.
 */
public final class TransitionPlots {

    private TransitionPlots() {
    }

    /** The collapse chart for the widths d ≥ 2 on the grid of u. */
    public static XYChart collapse(double tau, int[] widths, double[] uGrid) {
        Require.inRange("tau", tau, 0, 1);
        Require.notNull("widths", widths);
        Require.finite("uGrid", uGrid);
        if (widths.length == 0) {
            throw new IllegalArgumentException("widths: need at least one");
        }
        XYChart c = Charts.xy("Rank-window transition: log r_" + tau + " / log d against u = (1 − s) log d", "u",
                "log r_" + tau + " / log d");
        for (int d : widths) {
            Require.atLeast("widths", d, 2);
            double[] y = new double[uGrid.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.log(QuantileRank.exact(Math.max(0, 1 - uGrid[i] / Math.log(d)), d, tau)) / Math.log(d);
            }
            Charts.scatter(c, "d = " + d, uGrid, y);
        }
        double[] phi = new double[uGrid.length];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = QuantileRank.transitionScaling(uGrid[i], tau);
        }
        Charts.line(c, "Φ_" + tau + "(u)", uGrid, phi);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return c;
    }
}
