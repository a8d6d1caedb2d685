package cartan.io;

import cartan.Require;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor of a weight file located but not yet read: name, kind, dtype, shape and the byte range
 * [{@code position}, {@code position + length}) of its little-endian data in {@code file}, already
 * checked against the file's size by {@link SafetensorsReader#open}. {@link #load()} reads just that
 * range (positional reads, 1 MiB at a time) and decodes it to double — so a model larger than the heap
 * can be visited one tensor at a time.
 *
 * @param file     the file holding the data
 * @param name     the display name (the tensor's name, or {@code name#2}… for a repeat in a directory)
 * @param tensorName the name the file gives the tensor
 * @param kind     the layer kind inferred from name and rank
 * @param layout   the conv axis order assumed if {@code kind == CONV}
 * @param dtype    the stored element type: F64, F32, F16 or BF16
 * @param shape    the stored shape (copied)
 * @param position absolute file offset of the first byte
 * @param length   number of bytes (element count × element size)
 */
public record TensorSlice(Path file, String name, String tensorName, LayerKind kind, ConvLayout layout, String dtype, int[] shape,
                          long position, long length) {

    public TensorSlice {
        Require.notNull("file", file);
        Require.notNull("name", name);
        Require.notNull("tensorName", tensorName);
        Require.notNull("kind", kind);
        Require.notNull("layout", layout);
        Require.notNull("dtype", dtype);
        Require.notNull("shape", shape);
        shape = shape.clone();
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("position: byte range [" + position + ", +" + length + ") is negative");
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements, the product of the shape. */
    public long count() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The tensor, read now: equal to the one {@link SafetensorsReader#readTensors} returns for it. */
    public WeightTensor load() throws IOException {
        return new WeightTensor(name, tensorName, kind, layout, shape, SafetensorsReader.load(this));
    }

    /** A copy with another display name (the data stay where they are). */
    TensorSlice named(String newName) {
        return new TensorSlice(file, newName, tensorName, kind, layout, dtype, shape, position, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSlice t && file.equals(t.file) && name.equals(t.name) && tensorName.equals(t.tensorName) && kind == t.kind
                && layout == t.layout && dtype.equals(t.dtype) && Arrays.equals(shape, t.shape)
                && position == t.position && length == t.length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, name, tensorName, kind, layout, dtype, Arrays.hashCode(shape), position, length);
    }

    @Override
    public String toString() {
        return "TensorSlice[" + name + ", " + kind + ", " + dtype + " " + Arrays.toString(shape) + " at " + position
                + " in " + file + "]";
    }
}
