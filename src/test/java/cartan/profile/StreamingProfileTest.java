package cartan.profile;

import cartan.io.Models;
import cartan.io.NpyMatrixWriter;
import cartan.io.KnownModel;
import cartan.io.MalformedWeightsException;
import cartan.io.MatrixSource;
import cartan.io.NamedMatrix;
import cartan.io.ReadOptions;
import cartan.io.WeightFiles;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ExponentProfile#ofSources} (matrices loaded one at a time from a safetensors file) against
 * {@link ExponentProfile#of(List, ProfileOptions, ExponentProfile.Progress)} of the same file read eagerly by
 * {@link WeightFiles#read}: the CSV tables must be equal as strings.
 */
class StreamingProfileTest {

    /** A safetensors file of F64 tensors, in the given order (offsets ascending). */
    static Path write(Path f, Map<String, double[]> values, Map<String, int[]> shapes) throws IOException {
        StringBuilder h = new StringBuilder("{");
        long off = 0;
        int total = 0;
        for (String name : values.keySet()) {
            int n = values.get(name).length;
            h.append(h.length() > 1 ? "," : "").append('"').append(name).append("\":{\"dtype\":\"F64\",\"shape\":")
                    .append(java.util.Arrays.toString(shapes.get(name)).replace(" ", "")).append(",\"data_offsets\":[")
                    .append(off).append(',').append(off + 8L * n).append("]}");
            off += 8L * n;
            total += n;
        }
        byte[] hb = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + hb.length + 8 * total).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(hb.length).put(hb);
        for (double[] v : values.values()) {
            for (double x : v) {
                b.putDouble(x);
            }
        }
        Files.write(f, b.array());
        return f;
    }

    static void put(Map<String, double[]> v, Map<String, int[]> s, String name, DMatrixRMaj m) {
        v.put(name, m.data.clone());
        s.put(name, new int[] {m.numRows, m.numCols});
    }

    /** A 20 × 70 wide matrix (aspect ≥ 2: the QR-reduced SVD path), cos(0.41 i j + 0.3 j) / (1 + j/20). */
    static DMatrixRMaj wide() {
        DMatrixRMaj m = new DMatrixRMaj(20, 70);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 70; j++) {
                m.set(i, j, Math.cos(0.41 * i * j + 0.3 * j) / (1 + j / 20.0));
            }
        }
        return m;
    }

    /** Embedding, dense layers, a wide one, a NaN one, a conv kernel, a bias and a too-small matrix. */
    static Path model(Path dir) throws IOException {
        Map<String, double[]> v = new LinkedHashMap<>();
        Map<String, int[]> s = new LinkedHashMap<>();
        DMatrixRMaj embed = TestMatrices.b();
        put(v, s, "model.embed_tokens.weight", embed);
        put(v, s, "layers.0.attn.weight", TestMatrices.a());
        put(v, s, "layers.0.mlp.weight", TestMatrices.b());
        put(v, s, "layers.0.mlp.bias", new DMatrixRMaj(1, 30));
        s.put("layers.0.mlp.bias", new int[] {30});
        put(v, s, "layers.1.attn.weight", TestMatrices.c());
        put(v, s, "layers.1.up.weight", wide());
        DMatrixRMaj nan = TestMatrices.c();
        nan.set(3, 4, Double.NaN);
        put(v, s, "layers.2.broken.weight", nan);
        put(v, s, "layers.2.tiny.weight", new DMatrixRMaj(5, 5));
        double[] conv = new double[12 * 3 * 3 * 3];
        for (int k = 0; k < conv.length; k++) {
            conv[k] = Math.sin(0.7 * k + 0.1 * k * k);
        }
        v.put("features.0.conv.weight", conv);
        s.put("features.0.conv.weight", new int[] {12, 3, 3, 3});
        return write(dir.resolve("model.safetensors"), v, s);
    }

    @Test
    void streamingTableEqualsTheInMemoryTableForOneAndThreeThreads(@TempDir Path dir) throws IOException {
        Path f = model(dir);
        ProfileOptions opt = ProfileOptions.DEFAULT.withBootstrap(8).withSeed(11);
        List<NamedMatrix> eager = Models.select(WeightFiles.read(f), null, 10);
        assertEquals(7, eager.size(), "bias and 5x5 dropped");
        ExponentProfile reference = ExponentProfile.ofNamedMatrices(eager, opt, null);
        String csv = ProfileWriter.csv(reference);
        assertTrue(csv.contains("non-finite weights"), "the NaN layer gets its note");
        for (int threads : new int[] {1, 3}) {
            List<MatrixSource> sources = Models.select(Models.open(f.toString(), ReadOptions.DEFAULT), null, 10);
            List<String> seen = new ArrayList<>();
            ExponentProfile streamed = ExponentProfile.of(sources, opt.withThreads(threads),
                    (done, total, layer) -> seen.add(layer));
            assertEquals(csv, ProfileWriter.csv(streamed), "threads " + threads);
            assertEquals(7, seen.size());
            for (int i = 0; i < eager.size(); i++) {
                assertArrayEquals(reference.layer(i).singularValues(), streamed.layer(i).singularValues(), 0,
                        "layer " + i);
            }
        }
    }

    @Test
    void filtersApplyBeforeAnythingIsLoaded(@TempDir Path dir) throws IOException {
        Map<String, double[]> v = new LinkedHashMap<>();
        Map<String, int[]> s = new LinkedHashMap<>();
        put(v, s, "keep.0.weight", TestMatrices.a());
        put(v, s, "small.weight", new DMatrixRMaj(5, 5));
        put(v, s, "drop.1.weight", TestMatrices.b());
        Path f = write(dir.resolve("m.safetensors"), v, s);
        List<MatrixSource> all = Models.open(f.toString(), ReadOptions.DEFAULT);
        // after the headers were read, cut the file right after keep.0.weight: the other two are gone
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(r.length() - 8L * (25 + 60 * 30));
        }
        assertThrows(MalformedWeightsException.class, () -> all.get(1).load(), "small.weight can no longer be read");
        assertThrows(MalformedWeightsException.class, () -> all.get(2).load(), "drop.1.weight can no longer be read");

        List<MatrixSource> byName = Models.select(all, "keep", 1);
        List<MatrixSource> bySize = Models.select(all.subList(0, 2), null, 10);
        String expected = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(List.of(TestMatrices.named("keep.0.weight", TestMatrices.a()))));
        assertEquals(expected, ProfileWriter.csv(ExponentProfile.of(byName, ProfileOptions.DEFAULT, null)));
        assertEquals(expected, ProfileWriter.csv(ExponentProfile.of(bySize, ProfileOptions.DEFAULT.withThreads(2), null)));

        // unfiltered, the lost tensors make the profile fail with the reader's exception, for any thread count
        for (int threads : new int[] {1, 3}) {
            MalformedWeightsException e = assertThrows(MalformedWeightsException.class,
                    () -> ExponentProfile.of(all, ProfileOptions.DEFAULT.withThreads(threads), null));
            assertTrue(e.getMessage().contains("changed since open"), e.getMessage());
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExponentProfile.of(null, ProfileOptions.DEFAULT, null));
        assertTrue(e.getMessage().startsWith("sources"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ExponentProfile.of(List.of(), ProfileOptions.DEFAULT, null));
        assertTrue(e.getMessage().startsWith("sources"), e.getMessage());
        List<MatrixSource> withNull = new ArrayList<>();
        withNull.add(null);
        e = assertThrows(IllegalArgumentException.class,
                () -> ExponentProfile.of(withNull, ProfileOptions.DEFAULT, null));
        assertTrue(e.getMessage().startsWith("sources"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExponentProfile.of(
                MatrixSource.ofMatrices(TestMatrices.model()), null, null));
        assertTrue(e.getMessage().startsWith("options"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Models.select(null, null, 1));
        assertTrue(e.getMessage().startsWith("sources"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Models.select(MatrixSource.ofMatrices(TestMatrices.model()), null, 0));
        assertTrue(e.getMessage().startsWith("minSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Models.open(null, ReadOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("model"), e.getMessage());
    }

    @Test
    void nonSafetensorsModelsOpenAsTheyRead(@TempDir Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("npy"));
        List<NamedMatrix> ms = TestMatrices.model();
        for (int i = 0; i < ms.size(); i++) {
            try (java.io.OutputStream o = Files.newOutputStream(d.resolve(i + "_" + ms.get(i).name() + ".npy"))) {
                NpyMatrixWriter.write(ms.get(i).matrix(), o);
            }
        }
        List<NamedMatrix> eager = Models.read(d.toString());
        List<MatrixSource> lazy = Models.open(d.toString(), ReadOptions.DEFAULT);
        assertEquals(eager.size(), lazy.size());
        for (int i = 0; i < eager.size(); i++) {
            assertEquals(eager.get(i), lazy.get(i).load());
        }
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> Models.open(dir.resolve("nothing-here").toString(), ReadOptions.DEFAULT));
    }

    @Test
    void npyDirectoriesAreOpenedLazilyAndBadFilesFailLikeTheEagerRead(@TempDir Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("npy"));
        List<NamedMatrix> ms = TestMatrices.model();
        for (int i = 0; i < ms.size(); i++) {
            try (java.io.OutputStream o = Files.newOutputStream(d.resolve(i + "_" + ms.get(i).name() + ".npy"))) {
                NpyMatrixWriter.write(ms.get(i).matrix(), o);
            }
        }
        String expected = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(Models.select(Models.read(d.toString()), "attn", 10)));
        List<MatrixSource> lazy = Models.open(d.toString(), ReadOptions.DEFAULT);
        assertEquals(List.of(40, 60, 30), lazy.stream().map(MatrixSource::rows).toList());
        // the header was enough: once the file is gone, only loading fails, and a filter can avoid that
        Files.delete(d.resolve("1_" + ms.get(1).name() + ".npy"));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> lazy.get(1).load());
        List<MatrixSource> attn = Models.select(lazy, "attn", 10);
        assertEquals(2, attn.size());
        assertEquals(expected, ProfileWriter.csv(ExponentProfile.of(attn, ProfileOptions.DEFAULT, null)));
        // a truncated npy: open and read fail alike
        byte[] b = Files.readAllBytes(d.resolve("0_" + ms.get(0).name() + ".npy"));
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.write(bad.resolve("w.npy"), java.util.Arrays.copyOf(b, b.length - 3));
        IOException eager = assertThrows(IOException.class, () -> Models.read(bad.toString()));
        IOException opened = assertThrows(IOException.class, () -> Models.open(bad.toString(), ReadOptions.DEFAULT));
        assertEquals(eager.getClass(), opened.getClass());
        assertEquals(eager.getMessage(), opened.getMessage());
    }
}
