package cartan.special;

import cartan.rank.QuantileRank;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiemannZetaTest {

    @Test
    void closedFormsAndScipyValues() {
        assertEquals(Math.PI * Math.PI / 6, RiemannZeta.zeta(2), 1e-15);
        assertEquals(Math.pow(Math.PI, 4) / 90, RiemannZeta.zeta(4), 1e-15);
        assertEquals(Math.pow(Math.PI, 6) / 945, RiemannZeta.zeta(6), 1e-15);
        // scipy.special.zeta (reference.py)
        assertEquals(2.612375348685488, RiemannZeta.zeta(1.5), 1e-14);
        assertEquals(1.202056903159594, RiemannZeta.zeta(3), 1e-15);
        assertEquals(1.054707510761454, RiemannZeta.zeta(4.5), 1e-15);
        // analytic continuation: zeta(1/2) = -1.4603545088095868 (OEIS A059750)
        assertEquals(-1.4603545088095868, RiemannZeta.zeta(0.5), 1e-14);
        // near the pole zeta(1 + h) = 1/h + gamma - gamma_1 h + ..., gamma_1 = -0.0728; h = 2^-20 is exact in binary
        double h = Math.scalb(1.0, -20);
        assertEquals(1 / h + QuantileRank.EULER_GAMMA + 0.0728158 * h, RiemannZeta.zeta(1 + h), 1e-8);
    }

    @Test
    void errorBoundIsTiny() {
        for (double s : new double[]{0.3, 1.5, 2, 5, 10}) {
            assertTrue(RiemannZeta.errorBound(s) < 1e-17, "s = " + s);
        }
    }

    @Test
    void badInput() {
        for (double s : new double[]{1, 0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RiemannZeta.zeta(s));
            assertTrue(e.getMessage().startsWith("s"), e.getMessage());
        }
    }
}
