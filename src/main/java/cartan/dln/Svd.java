package cartan.dln;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The full singular value decomposition X = U diag(σ) Vᵀ of a square matrix, with σ sorted
 * descending and U, V orthogonal (EJML's Golub–Kahan SVD, reordered by
 * {@link SingularOps_DDRM#descendingOrder}).
 *
 * @param u     left singular vectors (columns), d × d orthogonal
 * @param sigma singular values σ_1 ≥ … ≥ σ_d ≥ 0
 * @param v     right singular vectors (columns), d × d orthogonal
 */
public record Svd(DMatrixRMaj u, double[] sigma, DMatrixRMaj v) {

    /** The SVD of a finite square matrix; the input is not modified. */
    public static Svd of(DMatrixRMaj x) {
        Require.square("X", x);
        int d = x.numRows;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, true, true, false);
        if (!svd.decompose(x.copy())) {
            throw new IllegalStateException("SVD did not converge for a " + d + "x" + d + " matrix");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = w.get(i, i);
        }
        return new Svd(u, s, v);
    }

    /** Numerically singular: σ_min ≤ d·ε·σ_max (the usual rank tolerance), or X = 0. */
    public boolean isSingular() {
        int d = sigma.length;
        return !(sigma[d - 1] > d * Math.ulp(1.0) * sigma[0]);
    }

    /** Width d. */
    public int dimension() {
        return sigma.length;
    }

    /** Uᵀ Z V: a matrix written in the singular bases. */
    public DMatrixRMaj toSingularBasis(DMatrixRMaj z) {
        DMatrixRMaj t = new DMatrixRMaj(z.numRows, v.numCols);
        CommonOps_DDRM.mult(z, v, t);
        DMatrixRMaj out = new DMatrixRMaj(u.numCols, t.numCols);
        CommonOps_DDRM.multTransA(u, t, out);
        return out;
    }

    /** U Z̃ Vᵀ: back from the singular bases. */
    public DMatrixRMaj fromSingularBasis(DMatrixRMaj zt) {
        DMatrixRMaj t = new DMatrixRMaj(u.numRows, zt.numCols);
        CommonOps_DDRM.mult(u, zt, t);
        DMatrixRMaj out = new DMatrixRMaj(t.numRows, v.numRows);
        CommonOps_DDRM.multTransB(t, v, out);
        return out;
    }
}
