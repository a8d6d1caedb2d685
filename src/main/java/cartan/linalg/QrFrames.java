package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/** The argument checks both {@link QrIteration} backends share. */
final class QrFrames {

    private QrFrames() {
    }

    /** An initial frame must be finite, d × k with 1 ≤ k ≤ d, and have orthonormal columns (to 1e-8). */
    static void checkInitialFrame(DMatrixRMaj q) {
        Require.finite("initialFrame", q);
        int d = q.numRows;
        int k = q.numCols;
        if (k > d || k < 1) {
            throw new IllegalArgumentException("initialFrame: needs 1 ≤ k ≤ d columns, got " + d + "x" + k);
        }
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0;
                for (int r = 0; r < d; r++) {
                    s += q.get(r, a) * q.get(r, b);
                }
                if (Math.abs(s - (a == b ? 1 : 0)) > 1e-8) {
                    throw new IllegalArgumentException("initialFrame: columns must be orthonormal, (QᵀQ)(" + a + ", " + b
                            + ") = " + s);
                }
            }
        }
    }

    /** A factor must be d × d (its entries are checked while they are copied). */
    static void checkFactor(DMatrixRMaj m, int d) {
        if (m == null || m.numRows != d || m.numCols != d) {
            throw new IllegalArgumentException("m: must be " + d + "x" + d
                    + (m == null ? ", got null" : ", got " + m.numRows + "x" + m.numCols));
        }
    }
}
