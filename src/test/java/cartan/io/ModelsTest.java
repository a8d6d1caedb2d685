package cartan.io;

import cartan.profile.ExponentProfile;
import cartan.profile.LayerName;
import cartan.profile.TestMatrices;
import cartan.io.MalformedWeightsException;
import cartan.io.NamedMatrix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsTest {

    @TempDir
    Path tmp;

    @Test
    void selectKeepsLayerWeightsOfSizeAndName() {
        List<NamedMatrix> m = new java.util.ArrayList<>(TestMatrices.model());
        m.add(new NamedMatrix("layers.0.bias", "b", cartan.io.LayerKind.OTHER, new org.ejml.data.DMatrixRMaj(1, 30),
                new int[] {30}));
        assertEquals(3, Models.select(m, null, 10).size());
        assertEquals(List.of("layers.0.mlp.weight", "layers.1.attn.weight"),
                Models.select(m, null, 30).stream().map(NamedMatrix::name).toList());
        assertEquals(List.of("layers.0.attn.weight", "layers.1.attn.weight"),
                Models.select(m, "attn", 1).stream().map(NamedMatrix::name).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.select(m, null, 0));
        assertTrue(e.getMessage().startsWith("minSize"), e.getMessage());
    }

    @Test
    void unknownNamesAndArchivesWithoutOneOnnxEntry() throws IOException {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Models.read(tmp.resolve("nope").toString()));
        assertTrue(e.getReason().contains("minilm"), e.getReason());
        Path zip = tmp.resolve("empty.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("README.txt"));
            z.write("no model".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        MalformedWeightsException m = assertThrows(MalformedWeightsException.class, () -> Models.read(zip.toString()));
        assertTrue(m.getMessage().contains("found 0"), m.getMessage());
        Path notZip = Files.writeString(tmp.resolve("broken.jar"), "PK but not really a zip");
        assertThrows(MalformedWeightsException.class, () -> Models.read(notZip.toString()));
        assertEquals(KnownModel.BGE_SMALL, KnownModel.byName("BGE-Small"));
        assertEquals(null, KnownModel.byName("gpt2"));
    }

    /**
     * The real all-MiniLM-L6-v2 (skipped unless bin/fetch-models has put the jar in ~/.m2): layer 0 query
     * against the numpy values of data-sources.md §2 (σ₁ = 6.12, stable rank 35.8, entropy rank 155.2, rounded)
     * and bench/profile_numpy.py (numpy WWFit α = 2.4597221182382336).
     */
    @Test
    void realMiniLmLayerZeroQuery() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(KnownModel.MINILM.jar()), "MiniLM jar not fetched");
        List<NamedMatrix> layers = Models.select(Models.read("minilm"), "layer\\.0/attention/self/query", 10);
        assertEquals(1, layers.size());
        assertEquals(384, layers.get(0).rows());
        ExponentProfile p = ExponentProfile.ofNamedMatrices(layers);
        assertEquals(6.12, p.value(0, "sigma_max"), 0.005);
        assertEquals(35.8, p.value(0, "stable_rank"), 0.05);
        assertEquals(155.2, p.value(0, "entropy_rank"), 0.05);
        assertEquals(2.4597221182382336, p.value(0, "alpha"), 1e-9 * 2.46);
        assertEquals(new LayerName(0, "attention/self/query"), LayerName.parse(layers.get(0).name()));
    }
}
