package cartan.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** safetensors against the Python-written fixture (make_fixtures.py) and files written here. */
class SafetensorsReaderTest {

    static final JsonNode EXPECTED = Fixtures.expected();

    @Test
    void pythonWrittenFixture() throws IOException {
        Map<String, NamedMatrix> m = SafetensorsReader.read(Fixtures.path("fixture.safetensors")).stream()
                .collect(Collectors.toMap(NamedMatrix::name, x -> x));
        assertEquals(4, m.size(), "the I64 tensor is skipped: " + m.keySet());

        NamedMatrix emb = m.get("model.embed_tokens.weight");
        assertEquals(LayerKind.EMBEDDING, emb.kind());
        for (int k = 0; k < 15; k++) {
            assertEquals(k - 7.0, emb.matrix().data[k], 0);
        }
        Fixtures.assertSingularValues(Fixtures.doubles(EXPECTED.get("embed")), emb.matrix());

        NamedMatrix dense = m.get("layers.0.mlp.weight");
        assertEquals(LayerKind.DENSE, dense.kind());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(Fixtures.a34(i, j), dense.matrix().get(i, j), 0);
            }
        }
        assertArrayEquals(new double[]{0.5, -1.25, 2.0}, m.get("layers.0.mlp.bias").matrix().data, 0);

        NamedMatrix conv = m.get("layers.0.conv.weight");
        assertEquals(LayerKind.CONV, conv.kind());
        assertArrayEquals(new int[]{2, 3, 2, 2}, conv.originalShape());
        Fixtures.assertSingularValues(Fixtures.doubles(EXPECTED.get("conv_flat")), conv.matrix());
        assertEquals(WeightFiles.Format.SAFETENSORS, WeightFiles.format(Fixtures.path("fixture.safetensors")));
    }

    /** header + data, the header given as JSON text. */
    static byte[] file(String json, byte[] data) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    static byte[] f32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    @Test
    void selfWrittenFileWithoutExtensionIsSniffed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("weights");
        Files.write(f, file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", f32(1, 2, 3, 4)));
        assertEquals(WeightFiles.Format.SAFETENSORS, WeightFiles.format(f));
        List<NamedMatrix> ms = WeightFiles.read(f);
        assertArrayEquals(new double[]{1, 2, 3, 4}, ms.get(0).matrix().data, 0);
    }

    @Test
    void everyTruncationIsMalformed(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path("fixture.safetensors"));
        Path f = dir.resolve("t.safetensors");
        for (int len = 0; len < full.length; len++) {
            Files.write(f, Arrays.copyOf(full, len));
            assertThrows(MalformedWeightsException.class, () -> SafetensorsReader.read(f), "length " + len);
        }
    }

    @Test
    void impossibleHeaderLengthsAreRejectedBeforeAllocation(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("h.safetensors");
        for (long claimed : new long[]{-1L, Long.MAX_VALUE, 1L << 40, 101L * 1024 * 1024, 1000}) {
            byte[] b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(claimed).array();
            Files.write(f, b);
            MalformedWeightsException e = assertThrows(MalformedWeightsException.class,
                    () -> SafetensorsReader.read(f), "claimed " + claimed);
            assertTrue(e.getMessage().contains("header length"), e.getMessage());
        }
    }

    @Test
    void inconsistentEntriesAreMalformed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.safetensors");
        String[] bad = {
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,32]}}",            // beyond the file
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}}",            // size mismatch
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[100000,100000],\"data_offsets\":[0,16]}}",  // huge claim
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,4]}}",             // begin > end
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2,-2],\"data_offsets\":[0,16]}}",          // negative dims
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",       // overlap
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2]}}",                                     // no offsets
            "{\"w\":[1,2,3]}",                                                                 // not an object
            "[1,2]",                                                                           // not an object
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}",             // bad JSON
        };
        for (String h : bad) {
            Files.write(f, file(h, f32(1, 2, 3, 4)));
            assertThrows(MalformedWeightsException.class, () -> SafetensorsReader.read(f), h);
        }
    }

    @Test
    void bitFlipsNeverEscapeAsUncheckedExceptions(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path("fixture.safetensors"));
        Path f = dir.resolve("flip.safetensors");
        int rejected = 0;
        // the 8-byte length and the JSON header (flips in the data only change values)
        int headerEnd = 8 + (int) ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).getLong();
        for (int i = 0; i < headerEnd; i++) {
            for (int bit = i % 2; bit < 8; bit += 3) {
                byte[] b = full.clone();
                b[i] ^= (byte) (1 << bit);
                Files.write(f, b);
                try {
                    SafetensorsReader.read(f);
                } catch (MalformedWeightsException | UnsupportedWeightsException e) {
                    rejected++;
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    fail("byte " + i + " bit " + bit + ": " + e);
                }
            }
        }
        assertTrue(rejected > 0);
    }
}
