package cartan.spectrum;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An exact power law σ_k = 2k^{−0.4} has β = 0.4 and residual 0 on every window. */
class ChartWindowsTest {

    @Test
    void exactPowerLawGivesItsExponentOnEveryWindow() {
        double[] s = new double[100];
        for (int k = 1; k <= 100; k++) {
            s[k - 1] = 2 * Math.pow(k, -0.4);
        }
        Table t = ChartWindows.of(Spectrum.ofSingularValues(s), new double[][] {{0, 0.1}, {0.1, 0.5}, {0.5, 0.9}, {0, 1}});
        assertEquals(4, t.rowCount());
        for (int i = 0; i < 4; i++) {
            assertEquals(0.4, t.doubleColumn("beta").getDouble(i), 1e-12);
            assertEquals(0, t.doubleColumn("rms_residual").getDouble(i), 1e-12);
        }
        assertEquals(1, t.intColumn("first").getInt(0));
        assertEquals(100, t.intColumn("last").getInt(3));
    }

    @Test
    void badWindowIsNamed() {
        rejects("windows", () -> ChartWindows.of(Spectrum.ofSingularValues(3, 2, 1), new double[][] {{0}}));
    }
}
