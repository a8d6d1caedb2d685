package cartan.io;

import cartan.Require;
import java.util.Arrays;
import java.util.Objects;

/**
 * One floating-point tensor as stored in a weight file, converted to double and in C (row-major)
 * order, before it is viewed as a matrix.
 *
 * @param name       the display name (for ONNX: the consuming node, see {@link OnnxReader})
 * @param tensorName the name the file gives the tensor itself (may equal {@code name})
 * @param kind       the layer kind inferred from the file
 * @param layout     the axis order if {@code kind == CONV}, otherwise ignored
 * @param shape      the stored shape (copied; a scalar has shape {@code []})
 * @param values     the entries in row-major order, {@code values.length} = product of {@code shape}
 *                   (not copied: readers hand over freshly decoded arrays)
 */
public record WeightTensor(String name, String tensorName, LayerKind kind, ConvLayout layout, int[] shape,
                           double[] values) {

    public WeightTensor {
        Require.notNull("name", name);
        Require.notNull("tensorName", tensorName);
        Require.notNull("kind", kind);
        Require.notNull("layout", layout);
        Require.notNull("values", values);
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape: negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("values: length " + values.length + " does not match shape "
                    + Arrays.toString(shape));
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightTensor t && name.equals(t.name) && tensorName.equals(t.tensorName)
                && kind == t.kind && layout == t.layout && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tensorName, kind, layout, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return "WeightTensor[" + name + " (" + tensorName + "), " + kind + ", " + Arrays.toString(shape) + "]";
    }
}
