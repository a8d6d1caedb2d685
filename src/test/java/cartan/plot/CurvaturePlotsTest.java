package cartan.plot;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CurvaturePlots: the band lines, the data-driven range, positive-only scatters and strip charts. */
class CurvaturePlotsTest {

    @Test
    void transferBandAndRange() {
        XYChart c = CurvaturePlots.transfer("t", "x", "y", 0.5, 2, false);
        assertEquals(1.0, c.getSeries("s = αγ").getYData()[0] / 0.5, 1e-15);
        assertArrayEquals(new double[] {0.55, 2.2}, c.getSeries("+10%").getYData(), 1e-15);
        assertArrayEquals(new double[] {0.45, 1.8}, c.getSeries("−10%").getYData(), 1e-15);
        XYChart d = CurvaturePlots.transfer("t", "x", "y", true, "layers", new double[] {1, 3}, new double[] {0.5, 2});
        assertArrayEquals(new double[] {0.4, 3.6}, d.getSeries("s = αγ").getXData(), 1e-12);
        assertArrayEquals(new double[] {1, 3}, d.getSeries("layers").getXData(), 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CurvaturePlots.transfer("t", "x", "y", 2, 1, false))
                .getMessage().startsWith("hi"));
        assertThrows(IllegalArgumentException.class,
                () -> CurvaturePlots.transfer("t", "x", "y", true, "l", new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void scatterPositiveDropsTheRest() {
        XYChart c = Charts.logLog("t", "x", "y");
        XYSeries s = CurvaturePlots.scatterPositive(c, "h", new double[] {1, 2, 3, 4}, new double[] {5, -1, 0, 7});
        assertArrayEquals(new double[] {1, 4}, s.getXData(), 0);
        assertArrayEquals(new double[] {5, 7}, s.getYData(), 0);
        assertThrows(IllegalArgumentException.class,
                () -> CurvaturePlots.scatterPositive(c, "g", new double[] {1}, new double[] {-1}));
        XYChart e = CurvaturePlots.errorAgainstLinearityBound(1e-3, 1);
        assertArrayEquals(new double[] {1e-3, 1}, e.getSeries("error = A").getYData(), 0);
    }

    @Test
    void byGroupPutsEachGroupAtItsIndex() {
        Map<String, double[]> g = new LinkedHashMap<>();
        g.put("a", new double[] {1, 2});
        g.put("b", new double[] {3});
        XYChart c = CurvaturePlots.byGroup("t", "x", "y", g, "ref", 2);
        assertArrayEquals(new double[] {0, 0}, c.getSeries("a").getXData(), 0);
        assertArrayEquals(new double[] {1}, c.getSeries("b").getXData(), 0);
        assertArrayEquals(new double[] {-0.5, 1.5}, c.getSeries("ref").getXData(), 0);
        assertThrows(IllegalArgumentException.class, () -> CurvaturePlots.byGroup("t", "x", "y", Map.of(), "r", 0));
    }
}
