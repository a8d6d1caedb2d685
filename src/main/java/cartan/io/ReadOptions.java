package cartan.io;

import cartan.Require;

/**
 * Options shared by the readers.
 *
 * @param convMode   how convolution kernels become matrices ({@link ConvMode#FLATTEN} by default)
 * @param convLayout axis order assumed for rank-3…5 tensors in formats that do not say it
 *                   (safetensors, npy/npz); {@link ConvLayout#OIHW}, PyTorch's order, by default.
 *                   ONNX ignores it: the consuming operator fixes the layout there.
 */
public record ReadOptions(ConvMode convMode, ConvLayout convLayout) {

    /** Flattened conv kernels, PyTorch axis order. */
    public static final ReadOptions DEFAULT = new ReadOptions(ConvMode.FLATTEN, ConvLayout.OIHW);

    public ReadOptions {
        Require.notNull("convMode", convMode);
        Require.notNull("convLayout", convLayout);
    }

    public ReadOptions withConvMode(ConvMode mode) {
        return new ReadOptions(mode, convLayout);
    }

    public ReadOptions withConvLayout(ConvLayout layout) {
        return new ReadOptions(convMode, layout);
    }
}
