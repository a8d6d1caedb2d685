package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Mean losses on the network output Z (B × c) with targets Y (B × c), their gradient g = ∂L/∂Z and
 * its directional derivative R{g} along R{Z}.
 *
 * <ul>
 *   <li>Softmax cross-entropy over groups of {@code g} logits (g = c: one softmax per row, the
 *       classifier; g = V &lt; c: a row holds T = c/V positions of a sequence, each with its own
 *       softmax over a vocabulary of V, the causal language model): with N = B·c/g groups,
 *       L = −(1/N) Σ_groups Σ_j Y_j log p_j (each group of Y sums to 1, e.g. one-hot);
 *       g = (P − Y)/N; R{g} = (p ⊙ R{z} − p ⟨p, R{z}⟩)/N group by group (the softmax Jacobian
 *       diag(p) − ppᵀ applied to R{z}).</li>
 *   <li>Squared: L = (1/(2B)) Σ_i ‖z_i − y_i‖²; g = (Z − Y)/B; R{g} = R{Z}/B.</li>
 * </ul>
 */
public sealed interface Loss permits Loss.SoftmaxCrossEntropy, Loss.Squared {

    /** One softmax over each whole row (classification). */
    Loss SOFTMAX_CROSS_ENTROPY = new SoftmaxCrossEntropy(0);

    /** Half the squared error, averaged over rows. */
    Loss SQUARED = new Squared();

    /** Softmax cross-entropy per position for rows of T positions × {@code vocabulary} logits, averaged over B·T. */
    static Loss sequenceCrossEntropy(int vocabulary) {
        Require.atLeast("vocabulary", vocabulary, 2);
        return new SoftmaxCrossEntropy(vocabulary);
    }

    double value(DMatrixRMaj z, DMatrixRMaj y);

    DMatrixRMaj gradient(DMatrixRMaj z, DMatrixRMaj y);

    DMatrixRMaj rGradient(DMatrixRMaj z, DMatrixRMaj y, DMatrixRMaj rz);

    /** Row-wise softmax of Z, computed with the max subtracted. */
    static DMatrixRMaj softmax(DMatrixRMaj z) {
        Require.finite("z", z);
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

    /**
     * Softmax cross-entropy over groups of {@code group} consecutive logits (0: the whole row).
     */
    record SoftmaxCrossEntropy(int group) implements Loss {

        public SoftmaxCrossEntropy {
            if (group < 0 || group == 1) {
                throw new IllegalArgumentException("group: must be 0 (whole row) or at least 2, got " + group);
            }
        }

        /** Z seen as one row per group (shares the array). */
        private DMatrixRMaj groups(DMatrixRMaj z) {
            if (group == 0) {
                return z;
            }
            if (z.numCols % group != 0) {
                throw new IllegalArgumentException("z: " + z.numCols + " columns are not a whole number of groups of " + group);
            }
            return DMatrixRMaj.wrap(z.getNumElements() / group, group, z.data);
        }

        @Override
        public double value(DMatrixRMaj z, DMatrixRMaj y) {
            DMatrixRMaj zg = groups(z);
            DMatrixRMaj yg = groups(y);
            int c = zg.numCols;
            double total = 0;
            for (int r = 0; r < zg.numRows; r++) {
                int o = r * c;
                double mx = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    mx = Math.max(mx, zg.data[o + j]);
                }
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s += Math.exp(zg.data[o + j] - mx);
                }
                double lse = mx + Math.log(s);
                for (int j = 0; j < c; j++) {
                    if (yg.data[o + j] != 0) {
                        total += yg.data[o + j] * (lse - zg.data[o + j]);
                    }
                }
            }
            return total / zg.numRows;
        }

        @Override
        public DMatrixRMaj gradient(DMatrixRMaj z, DMatrixRMaj y) {
            DMatrixRMaj zg = groups(z);
            DMatrixRMaj g = softmax(zg);
            int n = zg.numRows;
            for (int i = 0; i < g.getNumElements(); i++) {
                g.data[i] = (g.data[i] - y.data[i]) / n;
            }
            return DMatrixRMaj.wrap(z.numRows, z.numCols, g.data);
        }

        @Override
        public DMatrixRMaj rGradient(DMatrixRMaj z, DMatrixRMaj y, DMatrixRMaj rz) {
            DMatrixRMaj zg = groups(z);
            int b = zg.numRows;
            int c = zg.numCols;
            DMatrixRMaj p = softmax(zg);
            double[] r = new double[z.getNumElements()];
            for (int row = 0; row < b; row++) {
                int o = row * c;
                double dot = 0;
                for (int j = 0; j < c; j++) {
                    dot += p.data[o + j] * rz.data[o + j];
                }
                for (int j = 0; j < c; j++) {
                    r[o + j] = p.data[o + j] * (rz.data[o + j] - dot) / b;
                }
            }
            return DMatrixRMaj.wrap(z.numRows, z.numCols, r);
        }
    }

    /** L = (1/(2B)) Σ‖z_i − y_i‖². */
    record Squared() implements Loss {

        @Override
        public double value(DMatrixRMaj z, DMatrixRMaj y) {
            double total = 0;
            for (int i = 0; i < z.getNumElements(); i++) {
                double d = z.data[i] - y.data[i];
                total += 0.5 * d * d;
            }
            return total / z.numRows;
        }

        @Override
        public DMatrixRMaj gradient(DMatrixRMaj z, DMatrixRMaj y) {
            DMatrixRMaj g = new DMatrixRMaj(z.numRows, z.numCols);
            for (int i = 0; i < g.getNumElements(); i++) {
                g.data[i] = (z.data[i] - y.data[i]) / z.numRows;
            }
            return g;
        }

        @Override
        public DMatrixRMaj rGradient(DMatrixRMaj z, DMatrixRMaj y, DMatrixRMaj rz) {
            DMatrixRMaj r = new DMatrixRMaj(z.numRows, z.numCols);
            for (int i = 0; i < r.getNumElements(); i++) {
                r.data[i] = rz.data[i] / z.numRows;
            }
            return r;
        }
    }
}
