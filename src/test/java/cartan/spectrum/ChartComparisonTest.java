package cartan.spectrum;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An exact power law k^{−β}: r = ½ log(d/H_d(2β)), both exponents β, residuals 0. */
class ChartComparisonTest {

    @Test
    void exactPowerLawReadsTheSameOnBothCharts() {
        int d = 40;
        double beta = 0.35;
        double[] s = new double[d];
        double h = 0;
        for (int k = 1; k <= d; k++) {
            s[k - 1] = Math.pow(k, -beta);
            h += Math.pow(k, -2 * beta);
        }
        Table t = ChartComparison.table("t", List.of("law"), List.of(Spectrum.ofSingularValues(s)));
        assertEquals(0.5 * Math.log(d / h), t.doubleColumn("top_radial").getDouble(0), 1e-13);
        assertEquals(beta, t.doubleColumn("beta_top_radial").getDouble(0), 1e-10);
        assertEquals(beta, t.doubleColumn("beta_chart").getDouble(0), 1e-12);
        assertEquals(0, t.doubleColumn("chart_residual").getDouble(0), 1e-12);
        assertEquals(0, t.doubleColumn("hellinger_residual").getDouble(0), 1e-6);
    }

    @Test
    void oneNamePerSpectrum() {
        rejects("names", () -> ChartComparison.table("t", List.of("a", "b"), List.of(Spectrum.ofSingularValues(2, 1))));
    }
}
