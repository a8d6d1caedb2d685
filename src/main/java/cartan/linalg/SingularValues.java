package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.Arrays;

/**
 * Singular values σ_1 ≥ σ_2 ≥ … ≥ σ_{min(m,n)} ≥ 0 of a real matrix, through EJML's values-only SVD
 * (Householder bidiagonalisation and implicit-shift QR; no singular vectors are formed).
 *
 * <p>EJML returns the values unsorted and only the first {@code numberOfSingularValues()} are valid;
 * this class keeps exactly those and sorts them descending.
 */
public final class SingularValues {

    private SingularValues() {
    }

    /**
     * The singular values of {@code a}, sorted descending. The input is not modified.
     *
     * @throws IllegalArgumentException if {@code a} is empty or has NaN or infinite entries
     */
    public static double[] of(DMatrixRMaj a) {
        Require.finite("matrix", a);
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(a.numRows, a.numCols, false, false, true);
        DMatrixRMaj work = svd.inputModified() ? a.copy() : a;
        if (!svd.decompose(work)) {
            throw new IllegalStateException("SVD did not converge for a " + a.numRows + "x" + a.numCols + " matrix");
        }
        int n = svd.numberOfSingularValues();
        double[] s = Arrays.copyOf(svd.getSingularValues(), n);
        Arrays.sort(s);
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }
}
