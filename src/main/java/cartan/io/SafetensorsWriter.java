package cartan.io;

import cartan.Require;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@code .safetensors} file (the layout {@link SafetensorsReader} reads): an unsigned 64-bit
 * little-endian header length N, N bytes of compact UTF-8 JSON — {@code "__metadata__"} first if given, then
 * each tensor's {@code {"dtype", "shape", "data_offsets"}} in the order given — padded with spaces so the data
 * start at a multiple of 8 bytes (as the reference implementation pads), then the tensors' little-endian bytes,
 * back to back in that order. F32 values are the doubles rounded to nearest ({@code (float) x}, numpy's
 * {@code astype('<f4')}).
 *
 * <p>{@link #write} writes a temporary file in the target's directory and renames it into place, so a reader
 * (a sweep over a training run's checkpoints) never sees a half-written checkpoint.
 */
public final class SafetensorsWriter {

    /** The stored element types this writer produces. */
    public enum Dtype {
        /** IEEE binary64. */
        F64(8),
        /** IEEE binary32, rounded to nearest. */
        F32(4);

        private final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    /**
     * One named tensor: a shape and its row-major values.
     *
     * @param name   the tensor's name (non-empty, not {@code __metadata__})
     * @param shape  its shape (entries ≥ 0; empty for a scalar)
     * @param values its values in row-major (C) order, finite; their count is the product of the shape
     */
    public record Tensor(String name, int[] shape, double[] values) {
        public Tensor {
            Require.notNull("name", name);
            if (name.isEmpty() || name.equals("__metadata__")) {
                throw new IllegalArgumentException("name: must be non-empty and not __metadata__, got \"" + name + "\"");
            }
            Require.notNull("shape", shape);
            Require.notNull("values", values);
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    throw new IllegalArgumentException("shape: entry " + i + " is negative (" + shape[i] + ")");
                }
                count *= shape[i];
            }
            if (count != values.length) {
                throw new IllegalArgumentException("values: the shape holds " + count + " values, got " + values.length);
            }
            Require.finite("values", values);
            shape = shape.clone();
            values = values.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /** A matrix as a tensor of shape [rows, cols] (EJML stores row-major, as safetensors does). */
    public static Tensor matrix(String name, DMatrixRMaj m) {
        Require.notNull("m", m);
        return new Tensor(name, new int[] {m.numRows, m.numCols}, Arrays.copyOf(m.data, m.getNumElements()));
    }

    /** A vector as a tensor of shape [n]. */
    public static Tensor vector(String name, double[] v) {
        Require.notNull("v", v);
        return new Tensor(name, new int[] {v.length}, v);
    }

    /**
     * The file's bytes.
     *
     * @param metadata the {@code __metadata__} string map (empty: none)
     * @throws IllegalArgumentException if a name repeats, the list is empty or the data exceed 2 GiB
     */
    public static byte[] bytes(List<Tensor> tensors, Dtype dtype, Map<String, String> metadata) {
        Require.notNull("tensors", tensors);
        Require.notNull("dtype", dtype);
        Require.notNull("metadata", metadata);
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("tensors: must contain at least one tensor");
        }
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                if (m.getKey() == null || m.getValue() == null) {
                    throw new IllegalArgumentException("metadata: keys and values must not be null");
                }
                meta.put(m.getKey(), m.getValue());
            }
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = Require.notNull("tensors[" + i + "]", tensors.get(i));
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("tensors: the name \"" + t.name() + "\" appears twice");
            }
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", dtype.name());
            ArrayNode shape = e.putArray("shape");
            for (int d : t.shape) {
                shape.add(d);
            }
            long end = offset + (long) t.values.length * dtype.bytes();
            e.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        if (8L + padded + offset > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensors: " + offset + " bytes of data exceed the 2 GiB this writer holds in memory");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        for (Tensor t : tensors) {
            for (double v : t.values) {
                if (dtype == Dtype.F64) {
                    b.putDouble(v);
                } else {
                    b.putFloat((float) v);
                }
            }
        }
        return b.array();
    }

    /**
     * Writes the file: complete in a temporary file beside it, then renamed into place (replacing an existing
     * file).
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, List<Tensor> tensors, Dtype dtype, Map<String, String> metadata) throws IOException {
        Require.notNull("file", file);
        byte[] data = bytes(tensors, dtype, metadata);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
