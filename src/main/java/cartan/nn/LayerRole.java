package cartan.nn;

/**
 * What a weight matrix does in its architecture, in the vocabulary of the curvature-exponent paper's
 * per-type tables (arXiv 2606.02596, Tables 1–2): the exponent α is reported per role.
 */
public enum LayerRole {
    /** A convolution kernel of a CNN. */
    CONV,
    /** A hidden fully connected layer (MLP, CNN classifier body). */
    DENSE,
    /** A transformer's joint query/key/value projection (d → 3d). */
    ATTENTION_QKV,
    /** The attention output projection (d → d), added to the residual stream. */
    ATTENTION_OUT,
    /** The MLP up-projection (d → 4d). */
    MLP_UP,
    /** The MLP down-projection (4d → d), added to the residual stream. */
    MLP_DOWN,
    /** The output layer over the classes or the vocabulary. */
    HEAD,
    /** Token, position or patch embedding. */
    EMBEDDING;

    /** The lower-case name used in tables ({@code attention_qkv}, …). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
