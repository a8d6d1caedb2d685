package cartan.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The small pieces of the power-law API against values written out here. */
class PowerLawBasicsTest {

    @Test
    void continuousMleOnAHistogramIsTheClosedForm() {
        // tail 2, 3, 3, 8 above x_min = 2: α = 1 + n / Σ ln(x/x_min)
        PowerLawData tail = PowerLawData.ofCounts(new double[] {2, 3, 8}, new long[] {1, 2, 1});
        double s = Math.log(1) + 2 * Math.log(1.5) + Math.log(4);
        PowerLaw p = PowerLaw.mle(tail, 2);
        assertEquals(1 + 4 / s, p.alpha(), 1e-14);
        assertEquals(2, p.xMin(), 0);
        assertEquals(p.alpha(), PowerLaw.mle(new double[] {2, 3, 3, 8}, 2).alpha(), 1e-14);
        assertEquals("power law", p.name());
        assertEquals(1, p.parameterCount());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerLaw.mle(tail, 2.5)).getMessage().startsWith("tail"));
        PowerLawData flat = PowerLawData.ofCounts(new double[] {2}, new long[] {5});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerLaw.mle(flat, 2)).getMessage().contains("identifiable"));
    }

    @Test
    void discreteLawBasics() {
        DiscretePowerLaw d = new DiscretePowerLaw(2.5, 3);
        assertEquals("power law", d.name());
        assertEquals(1, d.parameterCount());
        assertEquals(0, d.cdf(2.999), 0);
        assertEquals(1, d.cdf(Double.POSITIVE_INFINITY), 0);
        // P(X ≤ 3) = p(3) = 3^-2.5 / ζ(2.5, 3), ζ(2.5, 3) = ζ(2.5) − 1 − 2^-2.5, ζ(2.5) = 1.341487257250917...
        double zeta = 1.3414872572509171798 - 1 - Math.pow(2, -2.5);
        assertEquals(Math.pow(3, -2.5) / zeta, d.cdf(3), 1e-12);
        assertEquals(Math.pow(3, -2.5) / zeta, d.cdf(3.7), 1e-12); // ⌊x⌋
    }

    @Test
    void smallSampleCorrectionIsForTheContinuousLawOnly() {
        PowerLawFit c = new PowerLawFit(new PowerLaw(2.5, 1), 10, 50, 0.05, 0.1, 30);
        assertEquals(1 + 1.5 * 9 / 10, c.alphaSmallSampleCorrected(), 1e-15);
        assertEquals(0.2, c.tailFraction(), 1e-15);
        PowerLawFit d = new PowerLawFit(new DiscretePowerLaw(2.5, 1), 10, 50, 0.05, 0.1, 30);
        assertThrows(IllegalStateException.class, d::alphaSmallSampleCorrected);
    }

    @Test
    void dataEqualityHashAndText() {
        PowerLawData a = PowerLawData.of(new double[] {3, 1, 1, 0, -2});
        PowerLawData b = PowerLawData.ofCounts(new double[] {1, 3, 0}, new long[] {2, 1, 2});
        assertEquals(2, a.distinct());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, PowerLawData.of(new double[] {3, 1, 1}));               // dropped differs
        assertNotEquals(a, PowerLawData.of(new double[] {3, 1, 2, 0, -2}));        // values differ
        assertNotEquals(a, PowerLawData.of(new double[] {3, 3, 1, 0, -2}));        // counts differ
        assertNotEquals(a, "PowerLawData");
        assertEquals("PowerLawData[N=3, distinct=2, dropped=2]", a.toString());
    }
}
