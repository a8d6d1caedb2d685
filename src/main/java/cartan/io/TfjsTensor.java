package cartan.io;

import java.util.Arrays;

/**
 * One weight tensor of a TF.js model, dequantised to float32 values, in the stored row-major order
 * (e.g. a Keras conv kernel [kh, kw, in, out], a dense kernel [in, out]).
 *
 * @param name   manifest name, e.g. {@code conv2d_1/kernel}
 * @param shape  manifest shape
 * @param dtype  stored dtype ({@code float32}, {@code int32}, or the quantisation dtype
 *               {@code uint8}/{@code uint16}/{@code float16})
 * @param values the values, length = product of the shape
 */
public record TfjsTensor(String name, int[] shape, String dtype, float[] values) {

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /** Rows of the 2-D view: product of all dimensions but the last (kh·kw·in for a conv kernel). */
    public int rows() {
        return values.length / cols();
    }

    /** Columns of the 2-D view: the last dimension (output channels / units). */
    public int cols() {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    @Override
    public String toString() {
        return "TfjsTensor[" + name + " " + Arrays.toString(shape) + " " + dtype + "]";
    }
}
