package cartan.profile;

import cartan.io.LayerKind;
import cartan.io.NamedMatrix;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ModelSummary} against numpy's means (diagnostics_reference.json) and {@link ProfileComparison}. */
class SummaryAndComparisonTest {

    @Test
    void weightWatcherSummaryMatchesNumpyMeans() {
        ModelSummary s = ModelSummary.of(ExponentProfile.ofNamedMatrices(TestMatrices.model()));
        var ref = DiagnosticsTest.REF.get("summary");
        for (String k : ModelSummary.WEIGHTWATCHER) {
            double e = ref.get(k).asDouble();
            double tol = k.equals("mp_softrank") ? 2e-6 : 1e-11;
            assertEquals(e, s.value(k), tol * Math.abs(e), k);
        }
        assertEquals(3, s.value("layers"), 0);
        assertEquals(ModelSummary.WEIGHTWATCHER, s.metrics().subList(0, 7).stream().map(ModelSummary.Metric::name).toList());
        assertTrue(s.text().contains("WeightWatcher get_summary"), s.text());
        assertEquals(s.metrics().size(), s.table().rowCount());
        assertThrows(IllegalArgumentException.class, () -> s.value("nonsense"));
        // α of A, B, C: 1.28, 2.07, 1.78 → one of three in [2, 6], median 1.78
        assertEquals(1.0 / 3, s.value("alpha_in_2_6"), 1e-15);
        assertEquals(1.7797902474799512, s.value("alpha_median"), 1e-12);
    }

    private static NamedMatrix dense(String name, DMatrixRMaj w) {
        return new NamedMatrix(name, name, LayerKind.DENSE, w, new int[] {w.numRows, w.numCols});
    }

    @Test
    void comparisonMatchesLayersByNameAndShape(@TempDir Path dir) throws IOException {
        DMatrixRMaj a0 = RandomMatrices.gaussian(50, 20, 1, 1L);
        DMatrixRMaj a1 = RandomMatrices.gaussian(40, 30, 1, 2L);
        DMatrixRMaj b1 = a1.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(2, b1); // λ × 4: log_norm + log10 4, α unchanged
        ExponentProfile a = ExponentProfile.ofNamedMatrices(List.of(dense("l0", a0), dense("l1", a1),
                dense("only_a", a0)));
        ExponentProfile b = ExponentProfile.ofNamedMatrices(List.of(dense("l1", b1), dense("l0", a0),
                dense("only_b", a1), dense("only_a", a1)));
        ProfileComparison c = ProfileComparison.of(a, b, "A", "B");
        assertEquals(2, c.matched());
        assertEquals(List.of("only_a"), c.onlyInA()); // present in B with another shape
        assertEquals(List.of("only_b", "only_a"), c.onlyInB());
        assertEquals("l0", c.table().stringColumn("layer").get(0));
        assertEquals(0, c.table().doubleColumn("alpha_diff").getDouble(0), 0);
        assertEquals(Math.log10(4), c.table().doubleColumn("log_norm_diff").getDouble(1), 1e-12);
        assertEquals(Math.log10(4), c.table().doubleColumn("log_spectral_norm_diff").getDouble(1), 1e-12);
        assertEquals(0, c.table().doubleColumn("alpha_diff").getDouble(1), 1e-9);
        assertEquals(Math.log10(4) / 2, c.meanDifference("log_norm"), 1e-12);
        // a profile read back from its CSV compares equal to itself
        Path f = dir.resolve("profile.csv");
        Files.writeString(f, ProfileWriter.csv(a));
        ProfileComparison self = ProfileComparison.of(ProfileComparison.readCsv(dir), a.table(), "csv", "memory",
                ProfileComparison.DEFAULT_METRICS);
        assertEquals(3, self.matched());
        for (String m : self.metrics()) {
            for (double d : self.table().doubleColumn(m + "_diff").asDoubleArray()) {
                assertTrue(Double.isNaN(d) || d == 0, m + " differs after the CSV round trip: " + d);
            }
        }
        Files.writeString(dir.resolve("bad.csv"), "x,y\n1,2\n");
        assertThrows(IOException.class, () -> ProfileComparison.readCsv(dir.resolve("bad.csv")));
    }
}
