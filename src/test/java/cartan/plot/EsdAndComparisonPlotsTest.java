package cartan.plot;

import cartan.io.LayerKind;
import cartan.io.NamedMatrix;
import cartan.linalg.RandomMatrices;
import cartan.profile.ExponentProfile;
import cartan.profile.LayerSpectrum;
import cartan.profile.ProfileComparison;
import cartan.profile.ProfileOptions;
import cartan.profile.TestMatrices;
import cartan.spectrum.MarchenkoPastur;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ESD charts draw the fits their Javadoc promises, at the closed-form values; the comparison charts. */
class EsdAndComparisonPlotsTest {

    private static NamedMatrix dense(String name, DMatrixRMaj w) {
        return new NamedMatrix(name, name, LayerKind.DENSE, w, new int[] {w.numRows, w.numCols});
    }

    private static XYSeries series(XYChart c, String prefix) {
        return c.getSeriesCollection().stream().filter(s -> s.getName().startsWith(prefix)).findFirst().orElse(null);
    }

    @Test
    void gaussianLayerShowsTheMarchenkoPasturLawOfItsEntries() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(List.of(dense("g", RandomMatrices.gaussian(800, 200, 0.5,
                4L))), ProfileOptions.DEFAULT.withRandomize(true));
        LayerSpectrum l = p.layer(0);
        for (boolean log : new boolean[] {false, true}) {
            XYChart c = EsdPlots.histogram(l, log);
            XYSeries mp = series(c, "MP σ=");
            assertNotNull(mp, "MP curve, log " + log);
            assertNotNull(series(c, "shuffled W"), "randomized ESD, log " + log);
            assertNotNull(series(c, "λ₊"), "edge marker, log " + log);
            // the curve is the closed-form law of the entries' variance 0.25 (no 1/N): λ in [v(√N−√M)², v(√N+√M)²]
            double[] edges = MarchenkoPastur.edgesOfEntries(800, 200, 0.25);
            double[] x = mp.getXData();
            assertTrue(x[0] >= edges[0] * 0.95 && x[x.length - 1] <= edges[1] * 1.05, "support, log " + log);
        }
        // the linear histogram carries the mass: Σ density·width = 1 over equal bins
        XYSeries h = series(EsdPlots.histogram(l, false), "ESD");
        double[] cx = h.getXData();
        double width = cx[1] - cx[0];
        double mass = 0;
        for (double y : h.getYData()) {
            mass += y * width;
        }
        assertEquals(1, mass, 1e-9);
    }

    @Test
    void powerLawLineStartsAtItsClosedFormValue() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model());
        LayerSpectrum l = p.layer(1);
        XYSeries pl = series(EsdPlots.histogram(l, true), "power law");
        var f = l.tail();
        double expected = (double) f.tailSize() / f.sampleSize() * (f.alpha() - 1) / f.xMin();
        assertEquals(f.xMin(), pl.getXData()[0], 1e-12 * f.xMin());
        assertEquals(expected, pl.getYData()[0], 1e-12 * expected);
        // no randomized series without the control
        assertNull(series(EsdPlots.histogram(l, true), "shuffled W"));
        assertThrows(IllegalArgumentException.class, () -> EsdPlots.histogram(null, true));
    }

    @Test
    void comparisonChartsDrawBothModelsAndTheirDifference() {
        DMatrixRMaj a = RandomMatrices.gaussian(50, 20, 1, 1L);
        DMatrixRMaj b = RandomMatrices.gaussian(50, 20, 2, 1L);
        ProfileComparison c = ProfileComparison.of(ExponentProfile.ofNamedMatrices(List.of(dense("x", a), dense("y", b))),
                ExponentProfile.ofNamedMatrices(List.of(dense("x", b), dense("y", b))), "m", "m");
        XYChart side = ComparisonPlots.sideBySide(c, "log_norm");
        assertEquals(2, side.getSeriesCollection().size());
        XYChart diff = ComparisonPlots.difference(c, "log_norm");
        double[] d = diff.getSeriesCollection().iterator().next().getYData();
        assertEquals(Math.log10(4), d[0], 1e-12);
        assertEquals(0, d[1], 0);
        assertThrows(IllegalArgumentException.class, () -> ComparisonPlots.difference(c, "nope"));
    }
}
