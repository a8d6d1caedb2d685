package cartan.curvature;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader of the authors' per-layer results (arXiv 2606.02596) against numpy refits of the same JSON
 * (published_layers_reference.py), the authors' stored values, and the figures of the theory notes §3.4.
 */
class PublishedLayersTest {

    static PublishedLayers transferLayers() throws IOException {
        return PublishedLayers.read(PublishedReference.file("results_alpha_triangle.json"),
                PublishedReference.file("results_tiny_imagenet_alpha_map.json"),
                PublishedReference.file("results_imagenet1k_pretrained.json"));
    }

    static PublishedLayers cifar() throws IOException {
        return PublishedLayers.read(PublishedReference.file("results_alpha_triangle.json"));
    }

    @Test
    void countsAre24Plus54Plus15() throws IOException {
        PublishedLayers all = transferLayers();
        assertEquals(93, all.size());
        assertEquals(24, all.where(l -> l.source().equals("results_alpha_triangle.json")).size());
        assertEquals(PublishedReference.get("counts", "resnet18_triangle"),
                all.where(l -> l.experiment().equals("resnet18_triangle")).size());
        assertEquals(PublishedReference.get("counts", "gpt2_triangle"),
                all.where(l -> l.experiment().equals("gpt2_triangle")).size());
        assertEquals(PublishedReference.get("counts", "vgg11_triangle"),
                all.where(l -> l.experiment().equals("vgg11_triangle")).size());
        assertEquals(54, all.where(l -> l.dataset().equals("Tiny-ImageNet-200")).size());
        assertEquals(15, all.where(l -> l.source().startsWith("results_imagenet1k")).size());
        // raw arrays only in the CIFAR file
        assertEquals(24, all.where(PublishedLayers.Layer::hasRaw).size());
    }

    @Test
    void refitMatchesNumpyAndTheStoredValues() throws IOException {
        PublishedLayers c = cifar();
        for (var e : iterable(PublishedReference.node("refit").fieldNames())) {
            if (e.startsWith("task_structure")) {
                continue;
            }
            String[] parts = e.split("/");
            var layer = c.where(l -> l.experiment().equals(parts[0]) && l.name().equals(parts[1])).layers().get(0);
            CurvatureExponents f = layer.refit(20);
            assertEquals(PublishedReference.get("refit", e, "alpha"), f.alpha(), 1e-12, e);
            assertEquals(PublishedReference.get("refit", e, "gamma"), f.gamma(), 1e-12, e);
            assertEquals(PublishedReference.get("refit", e, "s"), f.s(), 1e-12, e);
            assertEquals(PublishedReference.get("refit", e, "rel_error"), f.relativeError(), 1e-11, e);
            assertEquals((int) PublishedReference.get("refit", e, "n_pos"), f.alphaFit().n(), e);
        }
        // every one of the 24 stored (alpha, gamma, s, error) is what the section-3.1 conventions give
        Table t = c.refit(20);
        assertEquals(24, t.rowCount());
        for (String col : new String[] {"alpha", "gamma", "s", "rel_error"}) {
            for (int i = 0; i < t.rowCount(); i++) {
                double stored = t.doubleColumn(col).get(i);
                assertEquals(stored, t.doubleColumn(col + "_refit").get(i), 1e-12 * Math.max(1, Math.abs(stored)),
                        col + " of " + t.stringColumn("layer").get(i));
            }
        }
    }

    @Test
    void refitOfALayerWithNegativeCurvaturesUsesThePositiveOnes() throws IOException {
        var hyp = PublishedLayers.read(PublishedReference.file("results_hypothesis.json"));
        var qkv = hyp.where(l -> l.experiment().equals("task_structure/GPT2_Classification")
                && l.name().equals("attn_qkv")).layers().get(0);
        CurvatureExponents f = qkv.refit(20);
        assertEquals(PublishedReference.get("refit", "task_structure/GPT2_Classification/attn_qkv", "alpha"),
                f.alpha(), 1e-12);
        assertEquals(13, f.alphaFit().n());
        // the ablation files were fitted in single precision: stored and refit agree to ~4e-8 relative
        assertEquals(qkv.alpha(), f.alpha(), 1e-6 * qkv.alpha(), "the authors' stored alpha (n_valid = 13)");
        assertEquals("classification", qkv.dataset());
        assertEquals("attention_qkv", qkv.type());
    }

    @Test
    void mediansMatchNumpyAndTheTheoryNotes() throws IOException {
        PublishedLayers all = transferLayers();
        double[] cifar = all.where(l -> l.dataset().equals("CIFAR-10")).values(PublishedLayers.Layer::relativeError);
        double[] good = Arrays.stream(cifar).filter(v -> v <= 0.10).toArray();
        assertEquals(PublishedReference.get("medians", "cifar_le10_n"), good.length);
        assertEquals(21, good.length);
        assertEquals(PublishedReference.get("medians", "cifar_le10"), TransferError.median(good), 1e-15);
        assertEquals(PublishedReference.get("medians", "cifar_all"), TransferError.median(cifar), 1e-15);
        double tiny = TransferError.median(all.where(l -> l.dataset().startsWith("Tiny"))
                .values(PublishedLayers.Layer::relativeError));
        double inet = TransferError.median(all.where(l -> l.source().startsWith("results_imagenet1k"))
                .values(PublishedLayers.Layer::relativeError));
        double all93 = TransferError.median(all.values(PublishedLayers.Layer::relativeError));
        assertEquals(PublishedReference.get("medians", "tiny"), tiny, 1e-15);
        assertEquals(PublishedReference.get("medians", "imagenet"), inet, 1e-15);
        assertEquals(PublishedReference.get("medians", "all93"), all93, 1e-15);
        // the theory notes' section 3.4, rounded to hundredths of a per cent
        assertEquals(2.10, 100 * TransferError.median(good), 0.005);
        assertEquals(0.99, 100 * tiny, 0.005);
        assertEquals(1.55, 100 * inet, 0.005);
        assertEquals(1.25, 100 * all93, 0.005);
    }

    @Test
    void typesDatasetsAndPositionsFollowTheNames() throws IOException {
        PublishedLayers all = transferLayers();
        var tinyConv = all.where(l -> l.dataset().startsWith("Tiny") && l.type().equals("conv"));
        assertEquals((int) PublishedReference.get("types", "tiny_conv_n"), tinyConv.size());
        assertEquals(PublishedReference.get("types", "tiny_conv_median"),
                TransferError.median(tinyConv.values(PublishedLayers.Layer::alpha)), 1e-15);
        var inConv = all.where(l -> l.source().startsWith("results_imagenet1k") && l.type().equals("conv"));
        assertEquals((int) PublishedReference.get("types", "imagenet_conv_n"), inConv.size());
        assertEquals(PublishedReference.get("types", "imagenet_conv_mean"),
                Arrays.stream(inConv.values(PublishedLayers.Layer::alpha)).average().orElseThrow(), 1e-14);
        var fc = one(all, "resnet18_triangle", "fc");
        assertEquals("head", fc.type());
        assertEquals("last", fc.position());
        assertEquals(10, fc.rows());
        assertEquals(512, fc.cols());
        assertEquals(10, fc.k());
        assertEquals("ResNet-18", fc.model());
        assertEquals("dense", one(all, "vgg11_triangle", "classifier.0").type());
        assertEquals("head", one(all, "vgg11_triangle", "classifier.3").type());
        assertEquals("mlp_up", one(all, "gpt2_triangle", "block0.mlp.0").type());
        assertEquals("first", one(all, "gpt2_triangle", "block0.mlp.0").position());
        assertEquals("mlp_down", one(all, "gpt2_triangle", "block2.mlp.2").type());
        var down = all.where(l -> l.name().equals("layer1.0.downsample.0.weight")).layers().get(0);
        assertEquals("conv_shortcut", down.type());
        assertEquals("ResNet-50", down.model());
        assertFalse(down.hasRaw());
        assertTrue(Double.isFinite(down.r2S()));
        assertThrows(IllegalArgumentException.class, () -> down.refit(20));
    }

    @Test
    void everyPerLayerFileReadsAndRawArraysRefitToTheirStoredAlpha() throws IOException {
        String[] files = {"results_hypothesis.json", "results_predictions.json", "results_conv_gap.json",
            "results_conv_gap_v2.json", "results_intrinsic_dim.json", "results_kfac_prediction.json"};
        int[] counts = {18, 10, 6, 6, 17, 5};
        for (int f = 0; f < files.length; f++) {
            PublishedLayers p = PublishedLayers.read(PublishedReference.file(files[f]));
            assertEquals(counts[f], p.size(), files[f]);
            for (var l : p.layers()) {
                assertFalse(l.dataset().isEmpty(), l.name());
                assertFalse(l.model().isEmpty(), l.name());
                if (l.hasRaw()) {
                    // the authors fit alpha on every direction they stored (k <= 20), in single precision
                    // for these files: the largest relative difference (numpy, in double) is 8.9e-8
                    assertEquals(l.alpha(), l.refit(20).alpha(), 1e-6 * Math.abs(l.alpha()), files[f] + " " + l.name());
                }
            }
        }
    }

    @Test
    void tableHasOneRowPerLayerAndTheRawColumns() throws IOException {
        Table t = cifar().table();
        assertEquals(24, t.rowCount());
        assertEquals(List.of("source", "experiment", "dataset", "model", "layer", "layer_type", "position", "rows",
                "cols", "k", "alpha", "r2_alpha", "gamma", "r2_gamma", "s", "r2_s", "rel_error"),
                t.columnNames().subList(0, 17));
        assertEquals(17 + 2 * 20, t.columnCount());
        int fc = t.stringColumn("layer").indexOf("fc");
        assertTrue(t.doubleColumn("sigma_10").isMissing(fc) == false);
        assertTrue(t.doubleColumn("sigma_11").isMissing(fc));
        Table tr = transferLayers().transfer(20);
        assertEquals(93, tr.rowCount());
        assertEquals(21, tr.rowCount() - tr.doubleColumn("rank_order_error").countMissing());
    }

    @Test
    void alphaSummaryMatchesTheAuthorsOwnTinyImageNetSummary() throws IOException {
        PublishedLayers all = transferLayers();
        Table t = PublishedLayers.alphaSummary("t", List.of("tiny conv", "tiny head"),
                List.of(all.where(l -> l.dataset().startsWith("Tiny") && l.type().equals("conv")),
                        all.where(l -> l.dataset().startsWith("Tiny") && l.type().equals("head"))));
        // the file's summary.by_layer_type.conv: n 49, mean 1.937106848706448, std (numpy, population)
        // 0.1532874561098471, median 1.9323235780928252, min 1.6018846039068726, max 2.3032285061444506
        assertEquals(49, t.intColumn("n").get(0));
        assertEquals(1.937106848706448, t.doubleColumn("mean α").get(0), 1e-14);
        assertEquals(0.1532874561098471, t.doubleColumn("sd α").get(0), 1e-14);
        assertEquals(1.9323235780928252, t.doubleColumn("median α").get(0), 1e-15);
        assertEquals(1.6018846039068726, t.doubleColumn("min α").get(0), 0);
        assertEquals(2.3032285061444506, t.doubleColumn("max α").get(0), 0);
        assertTrue(t.doubleColumn("sd α").isMissing(1), "one layer: no standard deviation");
        assertEquals(0.9012242702559492, t.doubleColumn("mean α").get(1), 0);
        assertThrows(IllegalArgumentException.class, () -> PublishedLayers.alphaSummary("t", List.of("a"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> PublishedLayers.alphaSummary("t", List.of("a"),
                List.of(all.where(l -> false))));
    }

    // ------------------------------------------------------------------------------------------------
    // hostile files

    @Test
    void malformedFilesAreRejectedWithTheFileNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String good = "[{\"experiment\": \"x\", \"results\": [{\"name\": \"a\", \"alpha\": 2.0, "
                + "\"sigma\": [3, 2, 1], \"h_exact\": [9, 4, 1]}]}]";
        assertEquals(1, PublishedLayers.read(write(dir, "ok.json", good)).size());
        String[] bad = {
            "",
            "[{\"name\": \"a\", \"alpha\": 2.0,}]",
            "[{\"name\": \"a\", \"alpha\": NaN}]",
            "[{\"name\": \"a\", \"alpha\": 1e999}]",
            "[{\"name\": \"a\", \"alpha\": 2.0, \"alpha\": 3.0}]",
            "[{\"name\": \"a\", \"alpha\": 2.0, \"sigma\": [3, 2], \"h_exact\": [1]}]",
            "[{\"name\": \"a\", \"alpha\": 2.0, \"sigma\": [1, 2], \"h_exact\": [1, 1]}]",
            "[{\"name\": \"a\", \"alpha\": 2.0, \"sigma\": [1, -2], \"h_exact\": [1, 1]}]",
            "[{\"name\": \"a\", \"alpha\": 2.0, \"sigma\": [\"1\"], \"h_exact\": [1]}]",
            "[{\"name\": \"a\", \"alpha\": 2.0, \"gamma\": \"big\"}]",
            "[{\"name\": \"a\", \"alpha\": 2.0, \"shape\": [-1, 3]}]",
            "[{\"name\": \"a\", \"alpha\": 2.0, \"shape\": [65536, 65536, 65536]}]",
            "[{\"name\": \"a\", \"alpha\": 2.0, \"top_k\": 2.5}]",
            "[".repeat(40) + "]".repeat(40),
            "[{\"name\": \"a\", \"alpha\": 2.0}] trailing",
        };
        for (int i = 0; i < bad.length; i++) {
            Path f = write(dir, "bad" + i + ".json", bad[i]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublishedLayers.read(f),
                    "case " + i + ": " + bad[i]);
            assertTrue(e.getMessage().startsWith("file:"), "case " + i + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("bad" + i + ".json"), "case " + i + ": " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PublishedLayers.read(dir.resolve("absent.json")));
        assertThrows(IllegalArgumentException.class, () -> PublishedLayers.read());
    }

    @Test
    void aFileLargerThanTheLimitIsRejectedBeforeParsing(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.json");
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'['}), PublishedResults.MAX_BYTES + 10);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublishedLayers.read(f));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }

    /**
     * Mutations of a real file (bit flips, truncations, deleted and duplicated spans, digits replaced by
     * huge exponents) give either layers or an IllegalArgumentException starting "file:" — never another
     * exception.
     */
    @Test
    void mutatedFilesGiveOnlyTheDeclaredException(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] orig = Files.readAllBytes(PublishedReference.file("results_hypothesis.json"));
        Random rng = new Random(20260601);
        int rejected = 0;
        for (int c = 0; c < 300; c++) {
            byte[] b = orig.clone();
            int op = c % 5;
            int at = rng.nextInt(b.length);
            if (op == 0) {
                b[at] ^= (byte) (1 << rng.nextInt(8));
            } else if (op == 1) {
                b = Arrays.copyOf(b, at);
            } else if (op == 2) {
                int len = Math.min(b.length - at, 1 + rng.nextInt(200));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                b = out;
            } else if (op == 3) {
                int len = Math.min(b.length - at, 1 + rng.nextInt(200));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at + len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                b = out;
            } else {
                for (int i = at; i < b.length; i++) {
                    if (Character.isDigit(b[i])) {
                        byte[] ins = "9e999".getBytes(StandardCharsets.US_ASCII);
                        byte[] out = new byte[b.length + ins.length - 1];
                        System.arraycopy(b, 0, out, 0, i);
                        System.arraycopy(ins, 0, out, i, ins.length);
                        System.arraycopy(b, i + 1, out, i + ins.length, b.length - i - 1);
                        b = out;
                        break;
                    }
                }
            }
            Path f = dir.resolve("m" + c + ".json");
            Files.write(f, b);
            try {
                PublishedLayers p = PublishedLayers.read(f);
                p.table();
                for (var l : p.layers()) {
                    if (l.hasRaw()) {
                        try {
                            l.refit(20);
                        } catch (IllegalArgumentException e) {
                            assertTrue(e.getMessage().startsWith("h:") || e.getMessage().startsWith("sigma:"),
                                    e.getMessage());
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("file:"), "case " + c + ": " + e.getMessage());
                rejected++;
            }
        }
        assertTrue(rejected > 50, "most mutations should be rejected, got " + rejected);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static PublishedLayers.Layer one(PublishedLayers all, String experiment, String name) {
        return all.where(l -> l.experiment().equals(experiment) && l.name().equals(name)).layers().get(0);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
