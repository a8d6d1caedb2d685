package cartan.io;

import java.util.Arrays;

/**
 * Axis order of a convolution kernel with spatial axes k₁…k_d (d = rank − 2).
 *
 * <ul>
 *   <li>{@link #OIHW}: [out, in, k₁, …, k_d] — ONNX {@code Conv}, PyTorch {@code ConvNd.weight}.</li>
 *   <li>{@link #IOHW}: [in, out, k₁, …, k_d] — ONNX {@code ConvTranspose}, PyTorch {@code ConvTransposeNd}.</li>
 *   <li>{@link #HWIO}: [k₁, …, k_d, in, out] — TensorFlow / Keras / TF.js.</li>
 * </ul>
 */
public enum ConvLayout {
    OIHW, IOHW, HWIO;

    /**
     * The channel counts and spatial axes of a kernel of this layout.
     *
     * @param in      input channels
     * @param out     output channels
     * @param spatial kernel sizes k₁…k_d
     * @param rf      receptive field k₁·…·k_d
     */
    record Axes(int in, int out, int[] spatial, int rf) {
    }

    /** Reads in, out and the spatial axes off a kernel shape of rank ≥ 3 in this layout. */
    Axes axes(int[] shape) {
        int r = shape.length;
        int[] spatial = this == HWIO ? Arrays.copyOfRange(shape, 0, r - 2) : Arrays.copyOfRange(shape, 2, r);
        int in = switch (this) {
            case OIHW -> shape[1];
            case IOHW -> shape[0];
            case HWIO -> shape[r - 2];
        };
        int out = switch (this) {
            case OIHW -> shape[0];
            case IOHW -> shape[1];
            case HWIO -> shape[r - 1];
        };
        int rf = 1;
        for (int k : spatial) {
            rf *= k;
        }
        return new Axes(in, out, spatial, rf);
    }
}
