package cartan.io;

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
    OIHW, IOHW, HWIO
}
