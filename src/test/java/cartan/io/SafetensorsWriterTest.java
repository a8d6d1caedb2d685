package cartan.io;

import cartan.io.SafetensorsWriter.Dtype;
import cartan.io.SafetensorsWriter.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer against files numpy wrote byte by byte (make_writer_fixture.py: struct + json + astype('<f4'/'<f8')),
 * and against the reader.
 */
class SafetensorsWriterTest {

    /** The tensors of make_writer_fixture.py, computed with the same float64 operations. */
    static List<Tensor> tensors() {
        DMatrixRMaj w = new DMatrixRMaj(3, 4);
        for (int k = 0; k < 12; k++) {
            w.data[k] = k * 0.1 - 0.35;
        }
        return List.of(SafetensorsWriter.matrix("fc1.weight", w),
                SafetensorsWriter.vector("fc1.bias", new double[] {1.0 / 3.0, -2.5, 1e-7}),
                new Tensor("head.weight", new int[] {1, 1}, new double[] {Math.PI}));
    }

    static Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("step", "40");
        return m;
    }

    @Test
    void bytesEqualNumpyWrittenFiles() throws IOException {
        assertArrayEquals(Files.readAllBytes(Fixtures.path("writer_reference_f32.safetensors")),
                SafetensorsWriter.bytes(tensors(), Dtype.F32, metadata()));
        assertArrayEquals(Files.readAllBytes(Fixtures.path("writer_reference_f64.safetensors")),
                SafetensorsWriter.bytes(tensors(), Dtype.F64, metadata()));
    }

    @Test
    void readerReadsWhatWasWritten(@TempDir Path dir) throws IOException {
        for (Dtype d : Dtype.values()) {
            Path f = dir.resolve("step-" + d + ".safetensors");
            SafetensorsWriter.write(f, tensors(), d, Map.of());
            List<WeightTensor> back = SafetensorsReader.readTensors(f, ConvLayout.OIHW);
            assertEquals(3, back.size());
            for (int i = 0; i < 3; i++) {
                Tensor t = tensors().get(i);
                assertEquals(t.name(), back.get(i).name());
                assertArrayEquals(t.shape(), back.get(i).shape());
                double[] expected = t.values();
                if (d == Dtype.F32) {
                    for (int k = 0; k < expected.length; k++) {
                        expected[k] = (float) expected[k];
                    }
                }
                assertArrayEquals(expected, back.get(i).values(), 0);
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file is left behind");
        }
    }

    @Test
    void writeReplacesAnExistingFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("ckpt.safetensors");
        Files.writeString(f, "old");
        SafetensorsWriter.write(f, tensors(), Dtype.F32, metadata());
        assertArrayEquals(Files.readAllBytes(Fixtures.path("writer_reference_f32.safetensors")), Files.readAllBytes(f));
    }

    @Test
    void rejectsBadInputByName() {
        double[] v = {1, 2};
        assertMessage("name:", () -> new Tensor("", new int[] {2}, v));
        assertMessage("name:", () -> new Tensor("__metadata__", new int[] {2}, v));
        assertMessage("shape:", () -> new Tensor("a", new int[] {-1}, v));
        assertMessage("values:", () -> new Tensor("a", new int[] {3}, v));
        assertMessage("values:", () -> new Tensor("a", new int[] {2}, new double[] {1, Double.NaN}));
        assertMessage("values:", () -> new Tensor("a", new int[] {2}, new double[] {Double.POSITIVE_INFINITY, 1}));
        Tensor t = new Tensor("a", new int[] {2}, v);
        assertMessage("tensors:", () -> SafetensorsWriter.bytes(List.of(), Dtype.F32, Map.of()));
        assertMessage("tensors:", () -> SafetensorsWriter.bytes(List.of(t, t), Dtype.F32, Map.of()));
        assertMessage("dtype:", () -> SafetensorsWriter.bytes(List.of(t), null, Map.of()));
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        assertMessage("metadata:", () -> SafetensorsWriter.bytes(List.of(t), Dtype.F32, nullValue));
        assertMessage("m:", () -> SafetensorsWriter.matrix("a", null));
    }

    private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }
}
