package cartan.plot;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One series per width or exponent; bad arguments named. */
class QuantileRankPlotsTest {

    @Test
    void oneSeriesPerWidthOrExponent() {
        XYChart t = QuantileRankPlots.transition(0.9, new int[]{100, 1000}, new double[]{0.2, 0.8, 1.2, 2});
        assertEquals(3, t.getSeriesCollection().size());
        XYChart w = QuantileRankPlots.width(0.9, new double[]{0.5, 2}, new int[]{100, 1000});
        assertEquals(4, w.getSeriesCollection().size());
    }

    @Test
    void badInput() {
        assertStarts("widths", () -> QuantileRankPlots.transition(0.9, new int[0], new double[]{1}));
        assertStarts("exponents", () -> QuantileRankPlots.width(0.9, new double[0], new int[]{10}));
        assertStarts("exponents", () -> QuantileRankPlots.width(0.9, new double[]{Double.NaN}, new int[]{10}));
        assertStarts("tau", () -> QuantileRankPlots.width(1.5, new double[]{1}, new int[]{10}));
    }

    static void assertStarts(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "message \"" + e.getMessage() + "\" should start with " + prefix);
    }
}
