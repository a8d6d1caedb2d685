package cartan.special;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule on [0, 1] against closed-form integrals and its defining exactness degree. */
class GaussLegendreTest {

    @Test
    void integratesMonomialsUpToDegreeTwoNMinusOneExactly() {
        for (int n : new int[] {1, 2, 5, 10, 32}) {
            GaussLegendre g = GaussLegendre.onUnitInterval(n);
            double[] t = g.nodes();
            double[] w = g.weights();
            assertEquals(n, g.size());
            for (int d = 0; d <= 2 * n - 1; d++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += w[i] * Math.pow(t[i], d);
                }
                assertEquals(1.0 / (d + 1), s, 1e-14, "n=" + n + " degree " + d);
            }
            if (n > 10) {
                continue; // the degree-2n error below is under 1e-30 there
            }
            // degree 2n is not exact: the rule falls short of 1/(2n+1) by the closed-form remainder
            // E = (n!)⁴ / ((2n+1) ((2n)!)²) (f^(2n) = (2n)! for t^(2n) on [0, 1]); the rival "exact one degree
            // further" predicts 0
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += w[i] * Math.pow(t[i], 2 * n);
            }
            double remainder = Math.exp(4 * logFactorial(n) - Math.log(2 * n + 1) - 2 * logFactorial(2 * n));
            assertEquals(remainder, 1.0 / (2 * n + 1) - s, 1e-6 * remainder + 1e-16, "n=" + n + " degree 2n");
        }
    }

    private static double logFactorial(int k) {
        double s = 0;
        for (int i = 2; i <= k; i++) {
            s += Math.log(i);
        }
        return s;
    }

    @Test
    void nodesAreInsideTheIntervalAscendingAndSymmetric() {
        GaussLegendre g = GaussLegendre.onUnitInterval(10);
        double[] t = g.nodes();
        for (int i = 0; i < t.length; i++) {
            assertTrue(t[i] > 0 && t[i] < 1, "node " + i);
            assertTrue(i == 0 || t[i] > t[i - 1], "ascending at " + i);
            assertEquals(1.0, t[i] + t[t.length - 1 - i], 1e-15, "symmetric about 1/2 at " + i);
        }
        // a smooth non-polynomial: ∫_0^1 e^t dt = e − 1
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            s += g.weights()[i] * Math.exp(t[i]);
        }
        assertEquals(Math.E - 1, s, 1e-15);
    }

    @Test
    void refusesAnEmptyRule() {
        assertThrows(IllegalArgumentException.class, () -> GaussLegendre.onUnitInterval(0));
    }
}
