package cartan.curvature;

import cartan.Require;
import cartan.nn.Network;
import cartan.nn.Pass;
import org.ejml.data.DMatrixRMaj;

/** A symmetric linear map on R^dim, known only through products (a Hessian through HVPs). */
public interface LinearOperator {

    int dim();

    /** y = M x (x is not modified). */
    double[] apply(double[] x);

    /** The loss Hessian of a batch, through exact Hessian-vector products. */
    static LinearOperator hessian(Pass pass) {
        int n = pass.network().parameterCount();
        return new LinearOperator() {
            @Override
            public int dim() {
                return n;
            }

            @Override
            public double[] apply(double[] x) {
                return pass.flatHvp(x);
            }
        };
    }

    /** A dense symmetric matrix as an operator. */
    static LinearOperator of(DMatrixRMaj m) {
        Require.symmetric("m", m);
        return new LinearOperator() {
            @Override
            public int dim() {
                return m.numRows;
            }

            @Override
            public double[] apply(double[] x) {
                double[] y = new double[m.numRows];
                for (int i = 0; i < y.length; i++) {
                    double s = 0;
                    for (int j = 0; j < y.length; j++) {
                        s += m.data[i * y.length + j] * x[j];
                    }
                    y[i] = s;
                }
                return y;
            }
        };
    }

    /** The dense matrix M = [M e_1, …, M e_dim], symmetrised as (M + Mᵀ)/2 (for checks on small problems). */
    static DMatrixRMaj toDense(LinearOperator op) {
        int n = op.dim();
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            double[] col = op.apply(e);
            e[j] = 0;
            for (int i = 0; i < n; i++) {
                m.set(i, j, col[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, s);
                m.set(j, i, s);
            }
        }
        return m;
    }
}
