package cartan.curvature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paths into the authors' result files; counts checked against the files' own summaries and the paper's
 * appendix tables (which the files were written to support).
 */
class PublishedResultsTest {

    @Test
    void bicRowsOfTinyImageNetReproduceTheStoredSummaries() throws IOException {
        Table rows = PublishedResults.table(PublishedReference.file("results_depth_scaling.json"), "/rmt/rows");
        assertEquals(108, rows.rowCount());
        Table init = rows.where(rows.stringColumn("phase").isEqualTo("init"));
        Table trained = rows.where(rows.stringColumn("phase").isEqualTo("trained"));
        assertEquals(54, init.rowCount());
        // the paper's appendix: init 12 / 3 / 39, trained 0 / 15 / 39 (power law / exponential / log-normal)
        assertEquals(12, init.stringColumn("best_model_bic").countOccurrences("power_law"));
        assertEquals(3, init.stringColumn("best_model_bic").countOccurrences("exponential"));
        assertEquals(39, init.stringColumn("best_model_bic").countOccurrences("lognormal"));
        assertEquals(0, trained.stringColumn("best_model_bic").countOccurrences("power_law"));
        assertEquals(15, trained.stringColumn("best_model_bic").countOccurrences("exponential"));
        assertEquals(ColumnType.DOUBLE, rows.column("gamma").type());
    }

    @Test
    void starsInheritTheEnclosingFields() throws IOException {
        Table vgg = PublishedResults.table(PublishedReference.file("results_vgg16_trajectory.json"),
                "/trajectory/*/layers");
        assertEquals(8 * 15, vgg.rowCount());
        assertTrue(vgg.columnNames().contains("trajectory.epoch"));
        assertTrue(vgg.columnNames().contains("bic.power_law"));
        Table e0 = vgg.where(vgg.doubleColumn("trajectory.epoch").isEqualTo(0));
        // stored wins_by_bic at epoch 0: exponential 2, lognormal 11, power_law 2
        assertEquals(11, e0.stringColumn("best_model_bic").countOccurrences("lognormal"));
        assertEquals(2, e0.stringColumn("best_model_bic").countOccurrences("power_law"));

        Table hyp = PublishedResults.table(PublishedReference.file("results_hypothesis.json"), "/output_dim/*");
        assertEquals(10, hyp.rowCount());
        assertEquals(5, hyp.stringColumn("output_dim").countOccurrences("CIFAR-100"));
        assertTrue(!hyp.columnNames().contains("sigma"), "arrays are left out");

        Table tri = PublishedResults.table(PublishedReference.file("results_alpha_triangle.json"), "/*/results");
        assertEquals(24, tri.rowCount());
        assertEquals(7, tri.stringColumn("experiment").countOccurrences("gpt2_triangle"));

        Table pre = PublishedResults.table(PublishedReference.file("results_preconditioner_summary.json"),
                "/summary/*");
        assertEquals(6, pre.rowCount());
        assertEquals(93.85, pre.where(pre.stringColumn("summary").isEqualTo("adam_baseline"))
                .doubleColumn("mean_best").get(0), 0);

        Table one = PublishedResults.table(PublishedReference.file("results_kfac_prediction.json"), "");
        assertEquals(1, one.rowCount());
        assertEquals(5, one.doubleColumn("n_layers").get(0), 0);
    }

    @Test
    void numbersAtAPointer() throws IOException {
        var root = PublishedResults.read(PublishedReference.file("results_conv_gap_v2.json"));
        double[] hk = PublishedResults.numbers(root, "/conv_results/0/h_kron");
        assertEquals(10, hk.length);
        // the file stores chi_k = h_k / h_k^Kron under the name cos2_theta
        double[] h = PublishedResults.numbers(root, "/conv_results/0/h_exact");
        double[] chi = PublishedResults.numbers(root, "/conv_results/0/cos2_theta");
        for (int i = 0; i < 10; i++) {
            assertEquals(chi[i], h[i] / hk[i], 1e-6 * chi[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> PublishedResults.numbers(root, "/conv_results/0/name"));
        assertThrows(IllegalArgumentException.class, () -> PublishedResults.numbers(root, "conv_results"));
        assertThrows(IllegalArgumentException.class, () -> PublishedResults.numbers(root, "/conv_results/0/shape/9"));
    }

    /** Bit flips and truncations of a real file give a table or an IllegalArgumentException, nothing else. */
    @Test
    void mutatedFilesGiveOnlyTheDeclaredException(@TempDir Path dir) throws IOException {
        byte[] orig = Files.readAllBytes(PublishedReference.file("results_model_fit_comparison.json"));
        java.util.Random rng = new java.util.Random(7);
        int rejected = 0;
        for (int c = 0; c < 200; c++) {
            byte[] b = c % 2 == 0 ? orig.clone() : java.util.Arrays.copyOf(orig, rng.nextInt(orig.length));
            if (c % 2 == 0) {
                for (int f = 0; f < 3; f++) {
                    b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
                }
            }
            Path f = Files.write(dir.resolve("m" + c + ".json"), b);
            try {
                PublishedResults.table(f, "/layers");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("file:") || e.getMessage().startsWith("path:"), e.getMessage());
                rejected++;
            }
        }
        assertTrue(rejected > 100, "most mutations should be rejected, got " + rejected);
    }

    @Test
    void badPathsAndFilesAreNamed(@TempDir Path dir) throws IOException {
        Path f = PublishedReference.file("results_depth_scaling.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PublishedResults.table(f, "/rmt/nothing"));
        assertTrue(e.getMessage().startsWith("path:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PublishedResults.table(f, "/rmt/n_init"));
        assertThrows(IllegalArgumentException.class, () -> PublishedResults.table(f, "/trajectory_wins/x"));
        assertThrows(IllegalArgumentException.class, () -> PublishedResults.table(f, "/rmt/n_init/*"));
        Path clash = Files.writeString(dir.resolve("clash.json"), "[{\"a\": 1, \"rows\": [{\"a\": 2}]}]");
        e = assertThrows(IllegalArgumentException.class, () -> PublishedResults.table(clash, "/*/rows"));
        assertTrue(e.getMessage().startsWith("file:"), e.getMessage());
        Path cased = Files.writeString(dir.resolve("cased.json"), "[{\"A\": 1, \"a\": 2}]");
        assertThrows(IllegalArgumentException.class, () -> PublishedResults.table(cased, ""));
        Path mixed = Files.writeString(dir.resolve("mixed.json"), "[{\"a\": 1}, {\"a\": \"x\"}, {}]");
        Table m = PublishedResults.table(mixed, "");
        assertEquals(ColumnType.STRING, m.column("a").type());
        assertEquals("1", m.stringColumn("a").get(0));
        assertTrue(m.stringColumn("a").isMissing(2));
        assertThrows(IllegalArgumentException.class, () -> PublishedResults.table((Path) null, ""));
    }
}
