package cartan.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class TfjsModelTest {

    @TempDir
    Path dir;

    /** A manifest with one group of two shards holding a float32 [2,3] tensor, a uint8, a uint16 and a float16 tensor. */
    Path writeModel(int dropBytes, String weird) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(6 * 4 + 4 + 3 * 2 + 2 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            b.putFloat(i - 2.5f);
        }
        b.put((byte) 0).put((byte) 1).put((byte) 200).put((byte) 255);          // uint8, scale 0.5, min -1
        b.putShort((short) 0).putShort((short) 1000).putShort((short) 65535);    // uint16, scale 0.001, min 2
        b.putShort((short) 0x3C00).putShort((short) 0xC500);                     // float16: 1.0, -5.0
        byte[] all = b.array();
        Files.write(dir.resolve("g-shard1of2"), java.util.Arrays.copyOfRange(all, 0, 10));
        Files.write(dir.resolve("g-shard2of2"), java.util.Arrays.copyOfRange(all, 10, all.length - dropBytes));
        String json = """
                {"modelTopology": {"model_config": {"class_name": "Sequential", "config": [
                   {"class_name": "Dense", "config": {"name": "d", "batch_input_shape": [null, 2], "activation": "relu"}}]}},
                 "weightsManifest": [{"paths": ["g-shard1of2", "g-shard2of2"], "weights": [
                   {"name": "w", "shape": [2, 3], "dtype": "float32"},
                   {"name": "q8", "shape": [4], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
                   {"name": "q16", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint16", "scale": 0.001, "min": 2}},
                   {"name": "h", "shape": [2], "dtype": "float32", "quantization": {"dtype": "%s"}}]}]}
                """.formatted(weird);
        Path p = dir.resolve("model.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void readsFloatAndQuantisedTensorsAcrossShards() throws IOException {
        TfjsModel m = TfjsModel.read(writeModel(0, "float16"));
        assertEquals(java.util.List.of("w", "q8", "q16", "h"), m.names());
        TfjsTensor w = m.tensor("w");
        assertArrayEquals(new int[]{2, 3}, w.shape());
        assertEquals(2, w.rows());
        assertEquals(3, w.cols());
        assertArrayEquals(new float[]{-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f}, w.values());
        assertArrayEquals(new float[]{-1f, -0.5f, 99f, 126.5f}, m.tensor("q8").values(), 1e-6f);
        assertArrayEquals(new float[]{2f, 3f, 67.535f}, m.tensor("q16").values(), 1e-4f);
        assertArrayEquals(new float[]{1f, -5f}, m.tensor("h").values());
        assertEquals(1, m.layers().size());
        assertEquals("Dense", m.layers().get(0).className());
    }

    @Test
    void halfPrecisionEdgeCases() {
        assertEquals(65504f, TfjsModel.halfToFloat((short) 0x7BFF));              // largest normal
        assertEquals(0x1p-24f, TfjsModel.halfToFloat((short) 0x0001));            // smallest subnormal
        assertEquals(Float.NEGATIVE_INFINITY, TfjsModel.halfToFloat((short) 0xFC00));
        assertTrue(Float.isNaN(TfjsModel.halfToFloat((short) 0x7E00)));
        assertEquals(-0.0f, TfjsModel.halfToFloat((short) 0x8000));
    }

    @Test
    void rejectsTruncatedShardsUnknownDtypesAndMissingFiles() throws IOException {
        Path shortModel = writeModel(1, "float16");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(shortModel)).getMessage().contains("too short"));
        Path unknown = writeModel(0, "bfloat7");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(unknown)).getMessage().contains("unsupported dtype"));
        Files.delete(dir.resolve("g-shard2of2"));
        Path p = writeModel(0, "float16");
        Files.delete(dir.resolve("g-shard2of2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(p)).getMessage().contains("does not exist"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{not json");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(bad)).getMessage().startsWith("json"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(dir.resolve("nope.json"))).getMessage().startsWith("json"));
    }

    @Test
    void rejectsTrailingBytesAndNonFiniteValues() throws IOException {
        Path p = writeModel(0, "float16");
        Files.write(dir.resolve("g-shard2of2"), new byte[]{1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(p)).getMessage().contains("beyond"));
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN);
        Files.write(dir.resolve("n.bin"), b.array());
        Path m = dir.resolve("nan.json");
        Files.writeString(m, "[{\"paths\": [\"n.bin\"], \"weights\": [{\"name\": \"x\", \"shape\": [1], \"dtype\": \"float32\"}]}]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(m)).getMessage().contains("non-finite"));
    }
}
