package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The thin singular value decomposition A = U diag(σ) Vᵀ of an m × n matrix, q = min(m, n), with
 * σ_1 ≥ … ≥ σ_q ≥ 0 sorted descending and the columns of U (m × q) and V (n × q) in the same order
 * (EJML's Golub–Kahan SVD, reordered by {@link SingularOps_DDRM#descendingOrder}). For a square matrix
 * U and V are orthogonal. Values only, faster: {@link SingularValues}.
 *
 * @param u     left singular vectors (columns), m × q, orthonormal columns
 * @param sigma singular values σ_1 ≥ … ≥ σ_q ≥ 0
 * @param v     right singular vectors (columns), n × q, orthonormal columns
 */
public record Svd(DMatrixRMaj u, double[] sigma, DMatrixRMaj v) {

    /** The SVD of a finite matrix; the input is not modified. */
    public static Svd of(DMatrixRMaj a) {
        Require.finite("a", a);
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(a.numRows, a.numCols, true, true, true);
        if (!svd.decompose(a.copy())) {
            throw new IllegalStateException("SVD did not converge for a " + a.numRows + "x" + a.numCols + " matrix");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        double[] s = new double[Math.min(w.numRows, w.numCols)];
        for (int i = 0; i < s.length; i++) {
            s[i] = w.get(i, i);
        }
        return new Svd(u, s, v);
    }

    /** Numerically singular: σ_min ≤ q·ε·σ_max (the usual rank tolerance), or A = 0. */
    public boolean isSingular() {
        int q = sigma.length;
        return !(sigma[q - 1] > q * Math.ulp(1.0) * sigma[0]);
    }

    /** The number q = min(m, n) of singular values (the width d of a square matrix). */
    public int dimension() {
        return sigma.length;
    }

    /** The first k columns of U. */
    public DMatrixRMaj topLeft(int k) {
        return columns(u, k);
    }

    /** The first k columns of V. */
    public DMatrixRMaj topRight(int k) {
        return columns(v, k);
    }

    /** U diag(s) Vᵀ for other values s_1, …, s_q on the same singular vectors (s = σ gives A back). */
    public DMatrixRMaj compose(double[] s) {
        Require.finite("s", s);
        if (s.length != sigma.length) {
            throw new IllegalArgumentException("s: must have " + sigma.length + " values, got " + s.length);
        }
        DMatrixRMaj us = u.copy();
        for (int r = 0; r < us.numRows; r++) {
            for (int c = 0; c < s.length; c++) {
                us.data[r * us.numCols + c] *= s[c];
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(u.numRows, v.numRows);
        CommonOps_DDRM.multTransB(us, v, out);
        return out;
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

    private static DMatrixRMaj columns(DMatrixRMaj m, int k) {
        Require.atLeast("k", k, 1);
        if (k > m.numCols) {
            throw new IllegalArgumentException("k: must be at most " + m.numCols + ", got " + k);
        }
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, k);
        CommonOps_DDRM.extract(m, 0, m.numRows, 0, k, out, 0, 0);
        return out;
    }
}
