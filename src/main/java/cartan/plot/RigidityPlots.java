package cartan.plot;

import cartan.Require;
import cartan.profile.ExponentProfile;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;

/**
 * Plots of the rigidity bounds along a chain (notebook 03, P1.5): the drift against the depth budget
 * ({@link #budget}) and the drift of one chain between its slack-aware bounds ({@link #driftBounds}).
 */
public final class RigidityPlots {

    private RigidityPlots() {
    }

    /**
     * Per chain, the largest drift in units of the exact-chart budget log M/(L log d) ({@code exact}) and the
     * same after subtracting the factor's residual term ({@code corrected}), against the depth L on a log axis,
     * with the budget 1 as a line from the smallest to the largest depth.
     */
    public static XYChart budget(double[] depths, double[] exact, double[] corrected) {
        Require.positive("depths", depths);
        Require.finite("exact", exact);
        Require.finite("corrected", corrected);
        if (exact.length != depths.length || corrected.length != depths.length) {
            throw new IllegalArgumentException("exact: need one value per depth (" + depths.length + "), got "
                    + exact.length + " and " + corrected.length);
        }
        XYChart c = Charts.logX("Largest drift in units of log M/(L log d), zero-slack chains", "depth L",
                "max drift · L log d / log M");
        Charts.scatter(c, "drift (bent factors)", depths, exact);
        Charts.scatter(c, "drift − residual term (e_d − e_1)/log d", depths, corrected);
        double lo = java.util.Arrays.stream(depths).min().getAsDouble();
        double hi = java.util.Arrays.stream(depths).max().getAsDouble();
        Charts.line(c, "exact-chart budget", new double[] {lo, hi}, new double[] {1, 1});
        return c;
    }

    /**
     * The drift |Δβ̂_ℓ| of a chain profile against depth, with its slack-aware upper and converse bounds (the
     * profile's {@code gm_drift_bound}, {@code gm_converse_bound}), the slack-free rival
     * (a^g_ℓ + |Δe_{1,ℓ}|)/λ_d from the columns {@code gm_amplitude} and {@code top_residual}, and the layers
     * whose drift exceeds that rival by more than a relative 1e-9 marked.
     *
     * @param lambda λ_d = log(d!)/d, the margin of the geometric-mean chart
     */
    public static XYChart driftBounds(ExponentProfile chain, double lambda) {
        Require.notNull("chain", chain);
        Require.positive("lambda", lambda);
        if (!chain.isChain()) {
            throw new IllegalArgumentException("chain: is a layer profile, not a chain profile");
        }
        int n = chain.size();
        double[] depth = new double[n];
        double[] noSlack = new double[n];
        double[] ag = chain.column("gm_amplitude");
        double[] e1 = chain.column("top_residual");
        double[] drift = chain.column("drift");
        List<double[]> above = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            depth[l] = l + 1;
            noSlack[l] = (ag[l] + Math.abs(e1[l] - (l == 0 ? 0 : e1[l - 1]))) / lambda;
            if (drift[l] > noSlack[l] * (1 + 1e-9)) {
                above.add(new double[] {l + 1, drift[l]});
            }
        }
        XYChart c = Charts.xy("Backtracking chain: drift and its bounds", "depth ℓ", "exponent drift");
        Charts.scatter(c, "drift |Δβ̂|", depth, drift);
        Charts.line(c, "slack-aware bound", depth, chain.column("gm_drift_bound"));
        Charts.line(c, "converse bound", depth, chain.column("gm_converse_bound"));
        Charts.line(c, "slack-free bound (rival)", depth, noSlack);
        if (!above.isEmpty()) {
            Charts.scatter(c, "drift above the slack-free bound", above.stream().mapToDouble(p -> p[0]).toArray(),
                    above.stream().mapToDouble(p -> p[1]).toArray());
        }
        return c;
    }
}
