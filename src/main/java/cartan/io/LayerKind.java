package cartan.io;

/**
 * What kind of layer a weight tensor belongs to, as far as the file tells.
 *
 * <ul>
 *   <li>{@link #DENSE}: a fully connected / linear / attention projection matrix.</li>
 *   <li>{@link #CONV}: a convolution kernel (1-D, 2-D or 3-D).</li>
 *   <li>{@link #EMBEDDING}: a lookup table (one row per token or position).</li>
 *   <li>{@link #OTHER}: biases, normalisation scales, recurrent gates and anything unrecognised.</li>
 * </ul>
 */
public enum LayerKind {
    DENSE, CONV, EMBEDDING, OTHER;

    /** True for the kinds whose singular-value spectrum a per-layer exponent table is about. */
    public boolean isLayerWeight() {
        return this != OTHER;
    }
}
