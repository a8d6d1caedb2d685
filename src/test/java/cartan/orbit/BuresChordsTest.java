package cartan.orbit;

import cartan.linalg.RandomMatrices;
import org.junit.jupiter.api.Test;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrix chord against the closed form 2d[1 − e^{ψ(s/2) − ψ(0)/2 − ψ(s)/2}], and chord ≤ arc ≤ √action. */
class BuresChordsTest {

    @Test
    void chordMatchesTheClosedFormAndTheOrderingHolds() {
        int d = 12;
        CartanOrbit orbit = CartanOrbit.ofWidth(d);
        double[] ends = {0.1, 0.7, 2.0};
        BuresChords c = BuresChords.fromIdentity(orbit, RandomMatrices.haarOrthogonal(d, 7L), ends);
        for (int i = 0; i < ends.length; i++) {
            double s = ends[i];
            double closed = 2 * d * (1 - Math.exp(Math.log(harmonic(d, s / 2)) - 0.5 * Math.log(d) - 0.5 * Math.log(harmonic(d, s))));
            assertEquals(closed, c.chords()[i] * c.chords()[i], 1e-10, "s = " + s);
            assertTrue(c.chords()[i] <= c.arcs()[i] * (1 + 1e-9) && c.arcs()[i] <= c.actions()[i] * (1 + 1e-9), "s = " + s);
        }
    }

    private static double harmonic(int d, double s) {
        double h = 0;
        for (int k = 1; k <= d; k++) {
            h += Math.pow(k, -s);
        }
        return h;
    }

    @Test
    void badArgumentsAreNamed() {
        rejects("frame", () -> BuresChords.fromIdentity(CartanOrbit.ofWidth(3), new org.ejml.data.DMatrixRMaj(3, 2), new double[] {1}));
        rejects("ends", () -> BuresChords.fromIdentity(CartanOrbit.ofWidth(3), RandomMatrices.haarOrthogonal(3, 1L), new double[] {Double.NaN}));
        rejects("chords", () -> new BuresChords(new double[] {1}, new double[0], new double[] {1}, new double[] {1}));
    }
}
