package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.function.DoubleUnaryOperator;
import java.util.Arrays;

/**
 * Functions of a symmetric matrix through its eigendecomposition S = Q diag(λ) Qᵀ:
 * f(S) = Q diag(f(λ)) Qᵀ. Powers, square roots and logarithms of positive (semi-)definite matrices
 * are the cases the library needs (Bures–Wasserstein distances, the deep-linear end-to-end operator).
 */
public final class SymmetricMatrixFunction {

    /** Eigenvalues above −tol·λ_max are treated as zero in {@link #sqrt} and {@link #power}. */
    private static final double PSD_TOLERANCE = 1e-12;

    private SymmetricMatrixFunction() {
    }

    /** f(S) = Q diag(f(λ_i)) Qᵀ for symmetric S. The input is not modified. */
    public static DMatrixRMaj apply(DMatrixRMaj s, DoubleUnaryOperator f) {
        Eigen e = eigen(s);
        double[] fl = new double[e.values.length];
        for (int i = 0; i < fl.length; i++) {
            fl[i] = f.applyAsDouble(e.values[i]);
            if (!Double.isFinite(fl[i])) {
                throw new IllegalArgumentException("matrix: the function is not finite at eigenvalue " + e.values[i]);
            }
        }
        return e.rebuild(fl);
    }

    /**
     * The principal square root S^{1/2} of a symmetric positive semi-definite S.
     *
     * @throws IllegalArgumentException if S has an eigenvalue below −1e-12·λ_max
     */
    public static DMatrixRMaj sqrt(DMatrixRMaj s) {
        return power(s, 0.5);
    }

    /**
     * S^p for symmetric positive semi-definite S and p ≥ 0, or positive definite S and any real p.
     */
    public static DMatrixRMaj power(DMatrixRMaj s, double p) {
        Require.finite("p", p);
        Eigen e = eigen(s);
        double max = 0;
        for (double v : e.values) {
            max = Math.max(max, Math.abs(v));
        }
        double[] fl = new double[e.values.length];
        for (int i = 0; i < fl.length; i++) {
            double v = e.values[i];
            if (v < -PSD_TOLERANCE * max) {
                throw new IllegalArgumentException("matrix: must be positive semi-definite, has eigenvalue " + v);
            }
            v = Math.max(v, 0);
            if (v == 0 && p < 0) {
                throw new IllegalArgumentException("matrix: is singular, so a negative power " + p + " is undefined");
            }
            fl[i] = p == 0 ? 1 : Math.pow(v, p);
        }
        return e.rebuild(fl);
    }

    /** The principal logarithm of a symmetric positive definite S. */
    public static DMatrixRMaj log(DMatrixRMaj s) {
        Eigen e = eigen(s);
        double[] fl = new double[e.values.length];
        for (int i = 0; i < fl.length; i++) {
            if (!(e.values[i] > 0)) {
                throw new IllegalArgumentException("matrix: must be positive definite for log, has eigenvalue "
                        + e.values[i]);
            }
            fl[i] = Math.log(e.values[i]);
        }
        return e.rebuild(fl);
    }

    /** Eigenvalues of a symmetric matrix, sorted descending. */
    public static double[] eigenvalues(DMatrixRMaj s) {
        double[] v = eigen(s).values.clone();
        Arrays.sort(v);
        for (int i = 0, j = v.length - 1; i < j; i++, j--) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    private static Eigen eigen(DMatrixRMaj s) {
        Require.symmetric("matrix", s);
        int n = s.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(s.copy())) {
            throw new IllegalStateException("symmetric eigendecomposition did not converge (" + n + "x" + n + ")");
        }
        double[] values = new double[n];
        DMatrixRMaj q = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).real;
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int r = 0; r < n; r++) {
                q.set(r, i, v.get(r, 0));
            }
        }
        return new Eigen(values, q);
    }

    private record Eigen(double[] values, DMatrixRMaj q) {
        DMatrixRMaj rebuild(double[] f) {
            int n = values.length;
            DMatrixRMaj qf = q.copy();
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    qf.set(r, c, qf.get(r, c) * f[c]);
                }
            }
            DMatrixRMaj out = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransB(qf, q, out);
            // symmetrise away rounding so downstream symmetric checks hold exactly
            for (int r = 0; r < n; r++) {
                for (int c = r + 1; c < n; c++) {
                    double m = 0.5 * (out.get(r, c) + out.get(c, r));
                    out.set(r, c, m);
                    out.set(c, r, m);
                }
            }
            return out;
        }
    }
}
