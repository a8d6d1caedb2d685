package cartan.plot;

import cartan.plot.Charts;
import cartan.fit.PowerLaw;
import cartan.fit.PowerLawData;
import cartan.fit.PowerLawFit;
import cartan.fit.TailFitter;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerLawPlotsTest {

    /** Three series (data, fit, x_min marker); the data series is thinned; the chart renders. */
    @Test
    void ccdfChartHasDataFitAndXmin() {
        double[] x = new PowerLaw(2.2, 1).sample(10_000, new SplittableRandom(2));
        PowerLawData d = PowerLawData.of(x);
        PowerLawFit f = TailFitter.csn(50).fit(d);
        XYChart c = PowerLawPlots.ccdf("t", d, f);
        assertEquals(3, c.getSeriesCollection().size());
        var data = c.getSeriesCollection().iterator().next();
        assertTrue(data.getXData().length <= PowerLawPlots.MAX_POINTS);
        assertTrue(c.getStyler().isXAxisLogarithmic() && c.getStyler().isYAxisLogarithmic());
        assertTrue(Charts.pngBytes(c).length > 1000);
        assertThrows(IllegalArgumentException.class, () -> PowerLawPlots.ccdf("t", null, f));
    }
}
