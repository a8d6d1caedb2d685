package cartan.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * A layer whose weight W ∈ R^{m×n} acts on rows: the layer's output, read as R = B·{@link #rowsPerSample()}
 * rows of width m, is Z = A Wᵀ + 1bᵀ (+ a term that does not depend on W or b), where A ∈ R^{R×n} are
 * the layer's input rows (one per sample for a dense layer, per output position for a convolution
 * — the im2col patches —, per token for a token-wise projection, one-hot rows for embeddings).
 *
 * <p>So the weight gradient factors as G = ∂L/∂W = g_Zᵀ A and the gradient of a batch is the sum
 * of R rank-one terms; {@link Pass#signals} turns this into the paper's (A, δ) pair, and
 * {@link Pass#curvatureRankOne} uses it to differentiate along u vᵀ without forming an m × n matrix.
 */
public sealed interface WeightLayer extends Layer permits Dense, Conv2d, TokenDense, Embedding, PositionEmbedding {

    /** Rows of A per sample: 1, the output positions H'·W', or the tokens T. */
    int rowsPerSample();

    /** The input rows A (B·rowsPerSample × n) of a batch, from its input and forward cache. */
    DMatrixRMaj inputRows(DMatrixRMaj in, Cache cache);

    /** A batch of outputs (B × outputSize) seen as B·rowsPerSample rows of width m (shares the array). */
    default DMatrixRMaj outputRows(DMatrixRMaj out) {
        return DMatrixRMaj.wrap(out.numRows * rowsPerSample(), weightShape()[0], out.data);
    }
}
