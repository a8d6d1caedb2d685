package cartan.orbit;

import cartan.Require;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Spectra with the same top weight as an orbit point but a different shape (notebook 05, E1.8): for the orbit
 * point p = p_{2β} of width d, the weights
 *
 * <pre>  q_1 = p_1,   q_k = (1 − p_1) · k^{−2γ} / Σ_{j=2}^{d} j^{−2γ}   (k = 2..d),</pre>
 *
 * so q has the top-radial coordinate ½ log(d q_1) of p_{2β} while its remaining energy falls as k^{−2γ}
 * (γ = 0: a spike over a flat bulk). Both are probability vectors.
 */
public final class EqualTopPairs {

    private EqualTopPairs() {
    }

    /** The weights q above for the orbit point β and the bulk exponent γ. */
    public static double[] weights(CartanOrbit orbit, double beta, double gamma) {
        Require.notNull("orbit", orbit);
        Require.finite("beta", beta);
        Require.finite("gamma", gamma);
        int d = orbit.width();
        if (d < 2) {
            throw new IllegalArgumentException("orbit: needs width at least 2, got " + d);
        }
        double[] p = orbit.weights(2 * beta);
        double[] q = new double[d];
        double rest = 0;
        for (int k = 2; k <= d; k++) {
            rest += Math.pow(k, -2 * gamma);
        }
        q[0] = p[0];
        for (int k = 2; k <= d; k++) {
            q[k - 1] = (1 - p[0]) * Math.pow(k, -2 * gamma) / rest;
        }
        return q;
    }

    /**
     * {@code count} pairs {β, γ}: first the spike-and-flat-bulk pair {½, 0}, then draws β uniform in
     * [0.3, 0.8] and γ uniform in [0, 1.5] (in that order from {@code rnd}), kept when the weights stay sorted
     * (q_2 ≤ q_1) and |γ − β| > 0.1.
     */
    public static List<double[]> draw(CartanOrbit orbit, int count, SplittableRandom rnd) {
        Require.notNull("orbit", orbit);
        Require.atLeast("count", count, 1);
        Require.notNull("rnd", rnd);
        List<double[]> pairs = new ArrayList<>();
        pairs.add(new double[] {0.5, 0});
        while (pairs.size() < count) {
            double beta = 0.3 + 0.5 * rnd.nextDouble();
            double gamma = 1.5 * rnd.nextDouble();
            double[] q = weights(orbit, beta, gamma);
            if (q[1] <= q[0] && Math.abs(gamma - beta) > 0.1) {
                pairs.add(new double[] {beta, gamma});
            }
        }
        return pairs;
    }
}
