package cartan.io;

/**
 * How a convolution kernel W with receptive field rf = k₁·…·k_d, {@code in} input and {@code out}
 * output channels becomes matrices.
 *
 * <ul>
 *   <li>{@link #FLATTEN} (default): one (rf·in) × out matrix, the im2col operator of the layer:
 *   row index (p·in + c) for spatial position p (row-major over k₁…k_d) and input channel c. Its
 *   singular values are those of the linear map from one receptive-field patch to one output pixel.</li>
 *   <li>{@link #PER_SLICE}: rf matrices of shape in × out, one per spatial position p,
 *   W_p[c, o] = W[o, c, p], named {@code name[i,j]} with the position's indices. This is
 *   WeightWatcher's conv2D handling ({@code conv2D_Wmats}): with {@code pool=True} WeightWatcher pools
 *   the eigenvalues of all rf slices into one ESD of rf·min(in, out) values; with
 *   {@code pool=False} (the old {@code ww2x} mode) each slice is its own layer. Pool the slices'
 *   spectra yourself to reproduce the former.</li>
 * </ul>
 */
public enum ConvMode {
    FLATTEN, PER_SLICE
}
