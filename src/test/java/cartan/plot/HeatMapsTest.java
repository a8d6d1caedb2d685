package cartan.plot;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeatMapsTest {

    @Test
    void scaleSpansTheValuesAndTheChartRenders() {
        double[] x = {0.1, 0.2, 0.3};
        double[] y = {1, 2};
        double[][] z = {{0.123, 0.5}, {-0.25, 0.7}, {0.3, 0.999}};
        HeatMapChart chart = HeatMaps.of("t", "x", "y", x, y, z);
        assertEquals(-0.25, chart.getStyler().getMin(), 0);
        assertEquals(1.0, chart.getStyler().getMax(), 0);
        BufferedImage img = Charts.image(chart);
        assertTrue(img.getWidth() > 0);
    }

    @Test
    void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeatMaps.of("t", "x", "y", new double[]{1, 2}, new double[]{1}, new double[][]{{1}}));
        assertTrue(e.getMessage().startsWith("z:"));
        e = assertThrows(IllegalArgumentException.class,
                () -> HeatMaps.of("t", "x", "y", new double[]{1}, new double[]{1}, new double[][]{{Double.NaN}}));
        assertTrue(e.getMessage().startsWith("z[0]"));
    }
}
