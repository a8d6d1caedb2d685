package cartan.special;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolygammaTest {

    private static final double EULER_GAMMA = 0.57721566490153286;

    @Test
    void exactValues() {
        assertEquals(-EULER_GAMMA, Polygamma.digamma(1), 1e-15);
        assertEquals(-EULER_GAMMA - 2 * Math.log(2), Polygamma.digamma(0.5), 1e-15);
        assertEquals(Math.PI * Math.PI / 6, Polygamma.trigamma(1), 1e-15);
        assertEquals(Math.PI * Math.PI / 2, Polygamma.trigamma(0.5), 1e-14);
    }

    /** Values printed by scipy.special.digamma / polygamma(1, ·) (see reference_values.py). */
    @Test
    void scipyValues() {
        double[] x = {0.3, 2.5, 7.5, 11.9, 40.25};
        double[] psi = {-3.502524222200133, 0.7031566406452432, 1.9467574842460866, 2.4339335368825377, 3.6826362084455626};
        double[] tri = {12.245364546107734, 0.4903577561002349, 0.1426158966967038, 0.08766320119000418, 0.025155906192376};
        for (int i = 0; i < x.length; i++) {
            assertEquals(psi[i], Polygamma.digamma(x[i]), 2e-15 * Math.max(1, Math.abs(psi[i])));
            assertEquals(tri[i], Polygamma.trigamma(x[i]), 2e-15 * Math.max(1, tri[i]));
        }
    }

    @Test
    void rejectsNonPositive() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Polygamma.digamma(0)).getMessage()
                .startsWith("x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Polygamma.trigamma(Double.NaN)).getMessage()
                .startsWith("x"));
    }
}
