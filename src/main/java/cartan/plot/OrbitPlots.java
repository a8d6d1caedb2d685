package cartan.plot;

import cartan.Require;
import cartan.orbit.BuresChords;
import cartan.orbit.CartanOrbit;
import org.knowm.xchart.XYChart;

/**
 * Plots of the trace-normalised Cartan orbit (notebook 01): its weights p_s(k) on log–log axes
 * ({@link #weights}), the Fisher information I(s) = Var_s(log k) for several widths ({@link #fisher}), and the
 * chord, arc and √action from the identity ({@link #chords}).
 */
public final class OrbitPlots {

    private OrbitPlots() {
    }

    /** p_s(k) against the rank k, one line per exponent s. */
    public static XYChart weights(CartanOrbit orbit, double... exponents) {
        Require.notNull("orbit", orbit);
        Require.finite("exponents", exponents);
        int d = orbit.width();
        double[] ranks = new double[d];
        for (int k = 0; k < d; k++) {
            ranks[k] = k + 1;
        }
        XYChart c = Charts.logLog("Orbit weights p_s(k), d = " + d, "rank k", "p_s(k)");
        for (double s : exponents) {
            Charts.line(c, "s = " + s, ranks, orbit.weights(s));
        }
        return c;
    }

    /** I(s) on the grid, one line per width. */
    public static XYChart fisher(int[] widths, double[] grid) {
        Require.notNull("widths", widths);
        Require.finite("grid", grid);
        if (widths.length == 0) {
            throw new IllegalArgumentException("widths: need at least one");
        }
        XYChart c = Charts.xy("Fisher information I(s) = Var_s(log k)", "s", "I(s)");
        for (int d : widths) {
            CartanOrbit orbit = CartanOrbit.ofWidth(Require.atLeast("widths", d, 1));
            double[] y = new double[grid.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = orbit.fisherInformation(grid[i]);
            }
            Charts.line(c, "d = " + d, grid, y);
        }
        return c;
    }

    /** √action and arc as lines, the chord as markers, against the end point s. */
    public static XYChart chords(BuresChords distances, int width) {
        Require.notNull("distances", distances);
        XYChart c = Charts.xy("Bures–Wasserstein chord, arc and √action from the identity, d = " + width, "s",
                "distance from P_0");
        Charts.line(c, "√ Bures action", distances.ends(), distances.actions());
        Charts.line(c, "arc length", distances.ends(), distances.arcs());
        Charts.scatter(c, "chord d_BW(P_0, P_s)", distances.ends(), distances.chords());
        return c;
    }
}
