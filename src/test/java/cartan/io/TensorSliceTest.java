package cartan.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lazy safetensors path (open / TensorSlice.load / MatrixSource) against the eager reader. */
class TensorSliceTest {

    @Test
    void pythonFixtureLoadsTheSameTensorsAsTheEagerReader() throws IOException {
        Path f = Fixtures.path("fixture.safetensors");
        for (ConvLayout layout : ConvLayout.values()) {
            List<WeightTensor> eager = SafetensorsReader.readTensors(f, layout);
            List<TensorSlice> lazy = SafetensorsReader.open(f, layout);
            assertEquals(eager.size(), lazy.size());
            for (int i = 0; i < eager.size(); i++) {
                assertEquals(eager.get(i), lazy.get(i).load(), eager.get(i).name());
                assertArrayEquals(eager.get(i).shape(), lazy.get(i).shape());
            }
            // the I64 tensor of the fixture is skipped by both, after validation
            assertEquals(4, lazy.size());
            for (ConvMode mode : ConvMode.values()) {
                List<NamedMatrix> ms = NamedMatrix.of(eager, mode);
                List<MatrixSource> src = MatrixSource.of(lazy, mode);
                assertEquals(ms.size(), src.size(), mode + " " + layout);
                for (int i = 0; i < ms.size(); i++) {
                    NamedMatrix m = ms.get(i);
                    MatrixSource s = src.get(i);
                    // shape and name known before loading, as NamedMatrix.of gives them after
                    assertEquals(m.name(), s.name());
                    assertEquals(m.kind(), s.kind());
                    assertEquals(m.rows(), s.rows(), m.name());
                    assertEquals(m.cols(), s.cols(), m.name());
                    assertArrayEquals(m.originalShape(), s.originalShape());
                    assertEquals(m, s.load());
                }
            }
        }
    }

    /** w[k] = sin(0.37 k) · 10^(k mod 7 − 3): a spread of magnitudes, every element distinct. */
    static double value(int k) {
        return Math.sin(0.37 * k) * Math.pow(10, k % 7 - 3);
    }

    /** F64 and F32 tensors larger than the 1 MiB read chunk, and F16 / BF16 ones. */
    static Path multiDtypeFile(Path dir) throws IOException {
        int n64 = 300 * 500;
        int n32 = 701 * 401;
        ByteBuffer data = ByteBuffer.allocate(8 * n64 + 4 * n32 + 2 * 6 + 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n64; k++) {
            data.putDouble(value(k));
        }
        for (int k = 0; k < n32; k++) {
            data.putFloat((float) value(k));
        }
        // F16: 1, -2, 0.5, 65504, 2^-24 (smallest subnormal), -0 — bit patterns from IEEE 754 binary16
        for (int bits : new int[]{0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x8000}) {
            data.putShort((short) bits);
        }
        // BF16: the upper halves of the binary32 patterns of 1.5, -3, 0.15625, 2^100
        for (float x : new float[]{1.5f, -3f, 0.15625f, 0x1p100f}) {
            data.putShort((short) (Float.floatToIntBits(x) >>> 16));
        }
        long o1 = 8L * n64;
        long o2 = o1 + 4L * n32;
        long o3 = o2 + 12;
        long o4 = o3 + 8;
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"blocks.0.attn.weight\":{\"dtype\":\"F64\",\"shape\":[300,500],\"data_offsets\":[0," + o1 + "]},"
                + "\"blocks.1.mlp.weight\":{\"dtype\":\"F32\",\"shape\":[701,401],\"data_offsets\":[" + o1 + "," + o2 + "]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[" + o2 + "," + o3 + "]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[" + o3 + "," + o4 + "]}}";
        Path f = dir.resolve("multi.safetensors");
        Files.write(f, SafetensorsReaderTest.file(json, data.array()));
        return f;
    }

    @Test
    void chunkedLoadsDecodeEveryDtypeExactly(@TempDir Path dir) throws IOException {
        Path f = multiDtypeFile(dir);
        List<TensorSlice> lazy = SafetensorsReader.open(f);
        assertEquals(List.of("blocks.0.attn.weight", "blocks.1.mlp.weight", "h", "b"),
                lazy.stream().map(TensorSlice::name).toList());
        double[] v64 = lazy.get(0).load().values();
        for (int k = 0; k < v64.length; k++) {
            assertEquals(value(k), v64[k], 0, "F64 element " + k);
        }
        double[] v32 = lazy.get(1).load().values();
        assertEquals(701 * 401, v32.length);
        for (int k = 0; k < v32.length; k++) {
            assertEquals((float) value(k), v32[k], 0, "F32 element " + k);
        }
        assertArrayEquals(new double[]{1, -2, 0.5, 65504, 0x1p-24, -0.0}, lazy.get(2).load().values(), 0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(lazy.get(2).load().values()[5]));
        assertArrayEquals(new double[]{1.5, -3, 0.15625, 0x1p100}, lazy.get(3).load().values(), 0);
        assertEquals(SafetensorsReader.readTensors(f, ConvLayout.OIHW),
                lazy.stream().map(t -> {
                    try {
                        return t.load();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList());
        // positions are absolute: 8-byte length + header, then the offsets of the header
        long header = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(8 + header, lazy.get(0).position());
        assertEquals(8 + header + 8L * 300 * 500, lazy.get(1).position());
        assertEquals(4L * 701 * 401, lazy.get(1).length());
    }

    @Test
    void badHeadersFailAtOpenWithTheEagerReadersException(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.safetensors");
        String[] bad = {
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,32]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[100000,100000],\"data_offsets\":[0,16]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,4]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2,-2],\"data_offsets\":[0,16]}}",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2]}}",
            "{\"w\":[1,2,3]}",
            "[1,2]",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}",
            "{\"w\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[0,16]}}",
        };
        for (String h : bad) {
            Files.write(f, SafetensorsReaderTest.file(h, SafetensorsReaderTest.f32(1, 2, 3, 4)));
            IOException eager = assertThrows(IOException.class, () -> SafetensorsReader.readTensors(f, ConvLayout.OIHW), h);
            IOException lazy = assertThrows(IOException.class, () -> SafetensorsReader.open(f), h);
            assertEquals(eager.getClass(), lazy.getClass(), h);
            assertEquals(eager.getMessage(), lazy.getMessage(), h);
            assertTrue(eager instanceof MalformedWeightsException, h + ": " + eager);
        }
        byte[] full = Files.readAllBytes(Fixtures.path("fixture.safetensors"));
        for (int len = 0; len < full.length; len += 7) {
            Files.write(f, Arrays.copyOf(full, len));
            IOException lazy = assertThrows(IOException.class, () -> SafetensorsReader.open(f), "length " + len);
            assertTrue(lazy instanceof MalformedWeightsException, "length " + len + ": " + lazy);
        }
        assertThrows(java.nio.file.NoSuchFileException.class, () -> SafetensorsReader.open(dir.resolve("missing")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafetensorsReader.open(null));
        assertTrue(e.getMessage().startsWith("file"), e.getMessage());
    }

    @Test
    void aFileTruncatedAfterOpenFailsOnLoadOfTheLostTensorOnly(@TempDir Path dir) throws IOException {
        Path f = multiDtypeFile(dir);
        List<TensorSlice> lazy = SafetensorsReader.open(f);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(lazy.get(1).position() + 100);
        }
        assertEquals(300 * 500, lazy.get(0).load().values().length);
        MalformedWeightsException e = assertThrows(MalformedWeightsException.class, () -> lazy.get(1).load());
        assertTrue(e.getMessage().contains("blocks.1.mlp.weight"), e.getMessage());
    }

    @Test
    void directoryOfShardsOpensLikeItReads(@TempDir Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("shards"));
        String h = "{\"layers.0.w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        Files.write(d.resolve("model-00001-of-00002.safetensors"),
                SafetensorsReaderTest.file(h, SafetensorsReaderTest.f32(1, 2, 3, 4)));
        Files.write(d.resolve("model-00002-of-00002.safetensors"),
                SafetensorsReaderTest.file(h, SafetensorsReaderTest.f32(5, 6, 7, 8)));
        Files.copy(Fixtures.path("fixture.safetensors"), d.resolve("z.safetensors"));
        List<NamedMatrix> eager = WeightFiles.read(d, ReadOptions.DEFAULT);
        List<MatrixSource> lazy = WeightFormats.open(d, ReadOptions.DEFAULT);
        assertEquals(eager.stream().map(NamedMatrix::name).toList(), lazy.stream().map(MatrixSource::name).toList());
        assertEquals("layers.0.w#2", lazy.get(1).name());
        assertEquals("layers.0.w", lazy.get(1).tensorName());
        for (int i = 0; i < eager.size(); i++) {
            assertEquals(eager.get(i), lazy.get(i).load());
        }
        assertArrayEquals(new double[]{5, 6, 7, 8}, lazy.get(1).load().matrix().data, 0);
    }
}
