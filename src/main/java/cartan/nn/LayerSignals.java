package cartan.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The two factors of a weight layer's gradient on a batch: inputs A ∈ R^{R×n} and back-propagated
 * errors δ ∈ R^{R×m}, scaled so that the loss gradient is exactly G = ∂L/∂W = δᵀA / R.
 *
 * <p>For a dense layer R = B (one row per sample, δ_i = ∂ℓ_i/∂z_i). For a convolution R = B·H'·W'
 * (one row per sample and output position; A is the im2col patch matrix and δ = R·∂L/∂Z), the
 * usual K-FAC treatment of convolutions (Grosse &amp; Martens 2016) up to how positions are weighted.
 */
public record LayerSignals(DMatrixRMaj a, DMatrixRMaj delta) {

    public LayerSignals {
        if (a.numRows != delta.numRows) {
            throw new IllegalArgumentException("delta: must have the " + a.numRows + " rows of a, got " + delta.numRows);
        }
    }

    /** Number of rows R (samples, or samples × positions). */
    public int rows() {
        return a.numRows;
    }

    /** G = δᵀA / R (m × n). */
    public DMatrixRMaj gradient() {
        DMatrixRMaj g = new DMatrixRMaj(delta.numCols, a.numCols);
        CommonOps_DDRM.multTransA(delta, a, g);
        CommonOps_DDRM.divide(g, rows());
        return g;
    }
}
