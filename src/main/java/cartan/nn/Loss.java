package cartan.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Batch-mean losses on the network output Z (B × c) with targets Y (B × c), their gradient
 * g = ∂L/∂Z and its directional derivative R{g} along R{Z}.
 *
 * <ul>
 *   <li>Softmax cross-entropy: L = −(1/B) Σ_i Σ_j Y_ij log p_ij with p_i = softmax(z_i) (rows of Y
 *       sum to 1, e.g. one-hot); g = (P − Y)/B; R{g}_i = (p_i ⊙ R{z}_i − p_i ⟨p_i, R{z}_i⟩)/B
 *       (the softmax Jacobian diag(p) − ppᵀ applied to R{z}).</li>
 *   <li>Squared: L = (1/(2B)) Σ_i ‖z_i − y_i‖²; g = (Z − Y)/B; R{g} = R{Z}/B.</li>
 * </ul>
 */
public enum Loss {
    SOFTMAX_CROSS_ENTROPY, SQUARED;

    /** Row-wise softmax of Z, computed with the max subtracted. */
    public static DMatrixRMaj softmax(DMatrixRMaj z) {
        cartan.Require.finite("z", z);
        DMatrixRMaj p = new DMatrixRMaj(z.numRows, z.numCols);
        int c = z.numCols;
        for (int r = 0; r < z.numRows; r++) {
            int o = r * c;
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                mx = Math.max(mx, z.data[o + j]);
            }
            double s = 0;
            for (int j = 0; j < c; j++) {
                double e = Math.exp(z.data[o + j] - mx);
                p.data[o + j] = e;
                s += e;
            }
            for (int j = 0; j < c; j++) {
                p.data[o + j] /= s;
            }
        }
        return p;
    }

    public double value(DMatrixRMaj z, DMatrixRMaj y) {
        int b = z.numRows;
        int c = z.numCols;
        double total = 0;
        for (int r = 0; r < b; r++) {
            int o = r * c;
            if (this == SQUARED) {
                for (int j = 0; j < c; j++) {
                    double d = z.data[o + j] - y.data[o + j];
                    total += 0.5 * d * d;
                }
            } else {
                double mx = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    mx = Math.max(mx, z.data[o + j]);
                }
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s += Math.exp(z.data[o + j] - mx);
                }
                double lse = mx + Math.log(s);
                for (int j = 0; j < c; j++) {
                    if (y.data[o + j] != 0) {
                        total += y.data[o + j] * (lse - z.data[o + j]);
                    }
                }
            }
        }
        return total / b;
    }

    public DMatrixRMaj gradient(DMatrixRMaj z, DMatrixRMaj y) {
        int b = z.numRows;
        DMatrixRMaj g = this == SQUARED ? z.copy() : softmax(z);
        int n = z.getNumElements();
        for (int i = 0; i < n; i++) {
            g.data[i] = (g.data[i] - y.data[i]) / b;
        }
        return g;
    }

    public DMatrixRMaj rGradient(DMatrixRMaj z, DMatrixRMaj y, DMatrixRMaj rz) {
        int b = z.numRows;
        int c = z.numCols;
        DMatrixRMaj r = new DMatrixRMaj(b, c);
        if (this == SQUARED) {
            for (int i = 0; i < r.getNumElements(); i++) {
                r.data[i] = rz.data[i] / b;
            }
            return r;
        }
        DMatrixRMaj p = softmax(z);
        for (int row = 0; row < b; row++) {
            int o = row * c;
            double dot = 0;
            for (int j = 0; j < c; j++) {
                dot += p.data[o + j] * rz.data[o + j];
            }
            for (int j = 0; j < c; j++) {
                r.data[o + j] = p.data[o + j] * (rz.data[o + j] - dot) / b;
            }
        }
        return r;
    }
}
