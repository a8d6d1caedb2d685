package cartan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GGUF against fixtures written by make_gguf_fixtures.py (struct + numpy, following the GGUF spec, Q8_0
 * quantised by numpy) and against gguf_expected.json, numpy's dequantised values and singular values.
 */
class GgufReaderTest {

    static JsonNode expected() {
        try (InputStream in = GgufReaderTest.class.getResourceAsStream("/cartan/io/gguf_expected.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final JsonNode EXPECTED = expected();

    static void assertMatchesNumpy(List<MatrixSource> sources) throws IOException {
        Map<String, MatrixSource> m = sources.stream().collect(Collectors.toMap(MatrixSource::name, x -> x));
        assertEquals(EXPECTED.size(), m.size(), "the I32 tensor is skipped: " + m.keySet());
        for (var it = EXPECTED.fields(); it.hasNext(); ) {
            var e = it.next();
            MatrixSource s = m.get(e.getKey());
            int[] shape = new int[e.getValue().get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.getValue().get("shape").get(i).asInt();
            }
            assertArrayEquals(shape, s.originalShape(), e.getKey());
            NamedMatrix nm = s.load();
            // every value exact: F32/F16/BF16/F64 are exact in double, Q8_0's d·q is exact too
            assertArrayEquals(Fixtures.doubles(e.getValue().get("values")), nm.matrix().data, 0, e.getKey());
            Fixtures.assertSingularValues(Fixtures.doubles(e.getValue().get("svals")), nm.matrix());
        }
        assertEquals(LayerKind.EMBEDDING, m.get("token_embd.weight").kind());
        assertEquals(LayerKind.DENSE, m.get("blk.0.ffn_up.weight").kind());
        assertEquals(LayerKind.OTHER, m.get("blk.0.attn_norm.weight").kind());
        assertEquals(5, m.get("blk.0.ffn_up.weight").rows());
        assertEquals(64, m.get("blk.0.ffn_up.weight").cols());
    }

    @Test
    void littleEndianFixtureMatchesNumpy() throws IOException {
        assertMatchesNumpy(GgufReader.open(Fixtures.path("fixture.gguf"), ReadOptions.DEFAULT));
    }

    @Test
    void bigEndianFixtureMatchesNumpy() throws IOException {
        Path f = Fixtures.path("fixture_be.gguf");
        assertTrue(GgufReader.header(f).bigEndian());
        assertMatchesNumpy(GgufReader.open(f, ReadOptions.DEFAULT));
    }

    @Test
    void modelsOpenAndSniffing(@TempDir Path dir) throws IOException {
        assertMatchesNumpy(Models.open(Fixtures.path("fixture.gguf").toString()));
        Path noExt = Files.copy(Fixtures.path("fixture.gguf"), dir.resolve("weights"));
        assertEquals(WeightFormats.GGUF, WeightFormats.of(noExt));
        assertMatchesNumpy(WeightFormats.open(noExt, ReadOptions.DEFAULT));
    }

    @Test
    void headerMetadata() throws IOException {
        GgufReader.Header h = GgufReader.header(Fixtures.path("fixture.gguf"));
        assertEquals(3, h.version());
        assertEquals(64, h.alignment());
        assertEquals(0, h.dataStart() % 64);
        Map<String, Object> m = h.metadata();
        assertEquals("llama", m.get("general.architecture"));
        assertEquals("cartan fixture \u00e9", m.get("general.name"));
        assertEquals(2048L, m.get("llama.context_length"));
        assertEquals(10000.0, m.get("llama.rope.freq_base"));
        assertEquals(-5L, m.get("test.int8"));
        assertEquals(200L, m.get("test.uint8"));
        assertEquals(-300L, m.get("test.int16"));
        assertEquals(60000L, m.get("test.uint16"));
        assertEquals(-(1L << 40), m.get("test.int64"));
        assertEquals(0.125, m.get("test.float64"));
        assertEquals(Boolean.TRUE, m.get("test.bool"));
        assertEquals(new GgufReader.ArrayValue("STRING", 5), m.get("tokenizer.ggml.tokens"));
        assertEquals(new GgufReader.ArrayValue("FLOAT32", 5), m.get("tokenizer.ggml.scores"));
        assertEquals(new GgufReader.ArrayValue("ARRAY", 2), m.get("test.nested"));
        assertEquals(7, h.tensors().size());
        GgufReader.TensorInfo up = h.tensors().get(3);
        assertEquals("Q8_0", up.type());
        assertArrayEquals(new long[]{64, 5}, up.ne());
        assertArrayEquals(new long[]{5, 64}, up.shape());
        assertEquals(2 * 5 * 34, up.bytes());
        assertEquals(32, GgufReader.header(Fixtures.path("fixture_be.gguf")).alignment(), "the default");
    }

    @Test
    void quantisedTypeIsRefusedByName() {
        UnsupportedWeightsException e = assertThrows(UnsupportedWeightsException.class,
                () -> GgufReader.open(Fixtures.path("q4k.gguf"), ReadOptions.DEFAULT));
        HugeClaimsTest.mentions(e, "blk.0.attn_k.weight", "Q4_K", "not supported");
    }

    /** A minimal little-endian GGUF v3 with no metadata and the given tensor infos + data. */
    static byte[] gguf(int version, long nTensors, long nKv, byte[] rest) {
        return ByteBuffer.allocate(24 + rest.length).order(ByteOrder.LITTLE_ENDIAN).putInt(GgufReader.MAGIC)
                .putInt(version).putLong(nTensors).putLong(nKv).put(rest).array();
    }

    static byte[] tensorInfo(String name, long[] ne, int type, long offset) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + n.length + 4 + 8 * ne.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(n.length).put(n).putInt(ne.length);
        for (long d : ne) {
            b.putLong(d);
        }
        return b.putInt(type).putLong(offset).array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** One F32 tensor [2, 2] (ne = [2, 2]) at offset 0, padded to 32, then 16 data bytes. */
    static byte[] oneTensor(long[] ne, int type, long offset, int dataBytes) {
        byte[] info = tensorInfo("w", ne, type, offset);
        int header = 24 + info.length;
        int pad = (32 - header % 32) % 32;
        byte[] data = new byte[pad + dataBytes];
        ByteBuffer d = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; pad + 4 * i + 4 <= data.length; i++) {
            d.putFloat(pad + 4 * i, i + 1);
        }
        return gguf(3, 1, 0, concat(info, data));
    }

    @Test
    void handWrittenFileReads(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("a.gguf"), oneTensor(new long[]{2, 2}, 0, 0, 16));
        List<WeightTensor> t = GgufReader.readTensors(f, ConvLayout.OIHW);
        assertArrayEquals(new double[]{1, 2, 3, 4}, t.get(0).values(), 0);
    }

    @Test
    void malformedHeadersAreNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.gguf");
        Files.write(f, oneTensor(new long[]{2, 2}, 0, 0, 12));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "'w'", "truncated");
        Files.write(f, oneTensor(new long[]{2, 2}, 0, 8, 24));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "alignment");
        Files.write(f, oneTensor(new long[]{16, 1}, 8, 0, 34));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "row length 16", "Q8_0");
        Files.write(f, oneTensor(new long[]{2, 2}, 31, 0, 16));
        HugeClaimsTest.mentions(assertThrows(UnsupportedWeightsException.class, () -> GgufReader.header(f)),
                "type id 31");
        Files.write(f, oneTensor(new long[]{1, 1, 1, 1, 1}, 0, 0, 4));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "5 dimensions");
        Files.write(f, oneTensor(new long[]{1L << 20, 1L << 20}, 0, 0, 16));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "'w'", "data section");
        Files.write(f, oneTensor(new long[]{-1, 2}, 0, 0, 16));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "negative");
        Files.write(f, gguf(1, 0, 0, new byte[0]));
        HugeClaimsTest.mentions(assertThrows(UnsupportedWeightsException.class, () -> GgufReader.header(f)),
                "version 1");
        Files.write(f, gguf(3, 1L << 40, 0, new byte[0]));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "tensor count 1099511627776");
        Files.write(f, gguf(3, 0, -1L, new byte[0]));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "metadata count 18446744073709551615");
        byte[] twoW = concat(tensorInfo("w", new long[]{1}, 0, 0), tensorInfo("w", new long[]{1}, 0, 32));
        Files.write(f, gguf(3, 2, 0, concat(twoW, new byte[64])));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "'w' appears twice");
        byte[] overlap = concat(tensorInfo("a", new long[]{16}, 0, 0), tensorInfo("b", new long[]{1}, 0, 32));
        Files.write(f, gguf(3, 2, 0, concat(overlap, new byte[128])));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "overlap");
    }

    @Test
    void hugeMetadataClaims(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("kv.gguf");
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        // a string value claiming 2^40 bytes, then an array claiming 2^62 uint64 elements
        byte[] str = ByteBuffer.allocate(8 + 1 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN).putLong(1).put(key)
                .putInt(8).putLong(1L << 40).array();
        Files.write(f, gguf(3, 0, 1, concat(str, new byte[16])));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "1099511627776 bytes");
        byte[] arr = ByteBuffer.allocate(8 + 1 + 4 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN).putLong(1).put(key)
                .putInt(9).putInt(10).putLong(1L << 62).array();
        Files.write(f, gguf(3, 0, 1, concat(arr, new byte[16])));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "array of 4611686018427387904 elements");
        byte[] align = ByteBuffer.allocate(8 + 17 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN).putLong(17)
                .put("general.alignment".getBytes(StandardCharsets.UTF_8)).putInt(4).putInt(48).array();
        Files.write(f, gguf(3, 0, 1, align));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f)),
                "general.alignment 48");
    }

    @Test
    void loadChecksTheFileStillHoldsTheTensor(@TempDir Path dir) throws IOException {
        Path f = Files.copy(Fixtures.path("fixture.gguf"), dir.resolve("x.gguf"));
        List<MatrixSource> s = GgufReader.open(f, ReadOptions.DEFAULT);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
        MatrixSource last = s.get(s.size() - 1);
        assertInstanceOf(MalformedWeightsException.class, assertThrows(IOException.class, last::load));
    }
}
