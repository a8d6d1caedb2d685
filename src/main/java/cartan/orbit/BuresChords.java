package cartan.orbit;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Three distances from the identity P_0 = I to the orbit point P_s along the trace-d Cartan orbit (notebook 01,
 * E1.3), for a grid of end points s:
 *
 * <ul>
 *   <li>the chord d_BW(P_0, R P_s Rᵀ), by the matrix square-root formula
 *       ({@link SpectralDistances#buresWassersteinSquared}) on the points rotated by the frame R;</li>
 *   <li>the arc length ∫_0^s √(d I(u)/4) du ({@link CartanOrbit#arcLength});</li>
 *   <li>the square root of the Bures action (d/4)·s·(ψ'(s) − ψ'(0)) ({@link CartanOrbit#buresAction}).</li>
 * </ul>
 *
 * By Cauchy–Schwarz chord ≤ arc ≤ √action.
 *
 * @param ends    the end points s
 * @param chords  d_BW(P_0, P_s)
 * @param arcs    the arc lengths
 * @param actions √(Bures action)
 */
public record BuresChords(double[] ends, double[] chords, double[] arcs, double[] actions) {

    public BuresChords {
        ends = Require.finite("ends", ends).clone();
        chords = Require.finite("chords", chords).clone();
        arcs = Require.finite("arcs", arcs).clone();
        actions = Require.finite("actions", actions).clone();
        if (chords.length != ends.length || arcs.length != ends.length || actions.length != ends.length) {
            throw new IllegalArgumentException("chords: need one chord, arc and action per end point");
        }
    }

    /** The three distances from s = 0 to each end point, the chord measured on points rotated by {@code frame}. */
    public static BuresChords fromIdentity(CartanOrbit orbit, DMatrixRMaj frame, double[] ends) {
        Require.notNull("orbit", orbit);
        Require.square("frame", frame);
        Require.finite("ends", ends);
        int n = ends.length;
        double[] chords = new double[n];
        double[] arcs = new double[n];
        double[] actions = new double[n];
        DMatrixRMaj start = orbit.point(0, frame);
        for (int i = 0; i < n; i++) {
            chords[i] = Math.sqrt(SpectralDistances.buresWassersteinSquared(start, orbit.point(ends[i], frame)));
            arcs[i] = orbit.arcLength(0, ends[i]);
            actions[i] = Math.sqrt(orbit.buresAction(0, ends[i]));
        }
        return new BuresChords(ends, chords, arcs, actions);
    }

    @Override
    public double[] ends() {
        return ends.clone();
    }

    @Override
    public double[] chords() {
        return chords.clone();
    }

    @Override
    public double[] arcs() {
        return arcs.clone();
    }

    @Override
    public double[] actions() {
        return actions.clone();
    }
}
