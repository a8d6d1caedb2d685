package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The matrix exponential exp(X) = Σ_n Xⁿ/n! of a square matrix, by Hipparchus'
 * {@code MatrixUtils.matrixExponential} (Higham's scaling-and-squaring Padé method), with EJML matrices in
 * and out.
 */
public final class MatrixExponential {

    private MatrixExponential() {
    }

    /**
     * exp(X) for a square finite X; the input is not modified.
     *
     * @throws IllegalArgumentException if X is not square or has NaN/inf entries
     */
    public static DMatrixRMaj of(DMatrixRMaj x) {
        Require.square("x", x);
        int n = x.numRows;
        double[][] rows = new double[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(x.data, r * n, rows[r], 0, n);
        }
        RealMatrix e = MatrixUtils.matrixExponential(MatrixUtils.createRealMatrix(rows));
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                out.set(r, c, e.getEntry(r, c));
            }
        }
        return out;
    }
}
