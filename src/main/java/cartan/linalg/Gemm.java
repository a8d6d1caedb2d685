package cartan.linalg;

import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * General matrix product C = α·op(A)·op(B) + β·C on row-major EJML matrices, op(X) = X or Xᵀ
 * (BLAS {@code dgemm}), through OpenBLAS's {@code cblas_dgemm} when the LAPACK accelerator is on
 * (see {@link Lapack}: same switch, same native library) and the product is large enough, otherwise
 * through EJML's {@code CommonOps_DDRM}.
 *
 * <p>On the benchmark machine (one OpenBLAS thread) {@code cblas_dgemm} ran 15–30 GFLOP/s on the
 * shapes of the trained networks (e.g. 2048 × 64 × 192) against 2–4 GFLOP/s for EJML; below
 * {@link #MIN_FLOPS} multiply-adds the JNI call costs more than it saves. For a fixed machine,
 * backend and OpenBLAS thread count the result is bit-reproducible: the backend is chosen from the
 * shapes alone, never from timing.
 */
public final class Gemm {

    /** Products with fewer multiply-adds m·n·k stay on EJML. */
    static final long MIN_FLOPS = 32_768;

    private Gemm() {
    }

    /**
     * Asks OpenBLAS to run every call on one thread (what {@code bin/cartan} sets through
     * {@code OPENBLAS_NUM_THREADS=1}); callers that parallelise over independent tasks use this so a
     * product never competes with its siblings and results never depend on a thread count.
     *
     * @return the backend products of large matrices now use
     */
    public static Backend oneThread() {
        if (Lapack.enabled()) {
            org.bytedeco.openblas.global.openblas_full.openblas_set_num_threads(1);
            return Backend.LAPACK;
        }
        return Backend.EJML;
    }

    /** Which implementation a product of these sizes runs on. */
    public static Backend backendFor(int m, int n, int k) {
        return (long) m * n * k >= MIN_FLOPS && Lapack.enabled() ? Backend.LAPACK : Backend.EJML;
    }

    /**
     * C = α·op(A)·op(B) + β·C.
     *
     * @throws IllegalArgumentException if the shapes do not chain or C has the wrong shape
     */
    public static void mult(double alpha, DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB,
                            double beta, DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (k != kb) {
            throw new IllegalArgumentException("b: op(a) is " + m + "x" + k + " but op(b) has " + kb + " rows");
        }
        if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("c: must be " + m + "x" + n + ", got " + c.numRows + "x" + c.numCols);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            CommonOps_DDRM.scale(beta, c);
            return;
        }
        if (backendFor(m, n, k) == Backend.LAPACK) {
            blas(alpha, a, transA, b, transB, beta, c, m, n, k);
        } else {
            ejml(alpha, a, transA, b, transB, beta, c);
        }
    }

    /** op(A)·op(B) in a new matrix. */
    public static DMatrixRMaj mult(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
        DMatrixRMaj c = new DMatrixRMaj(transA ? a.numCols : a.numRows, transB ? b.numRows : b.numCols);
        mult(1, a, transA, b, transB, 0, c);
        return c;
    }

    private static void blas(double alpha, DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB,
                             double beta, DMatrixRMaj c, int m, int n, int k) {
        double[] ad = exact(a);
        double[] bd = exact(b);
        boolean view = c.data.length == c.getNumElements();
        double[] cd = view ? c.data : java.util.Arrays.copyOf(c.data, c.getNumElements());
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, ad, a.numCols, bd, b.numCols,
                beta, cd, n);
        if (!view) {
            System.arraycopy(cd, 0, c.data, 0, cd.length);
        }
    }

    /** The data array if it holds exactly the matrix, otherwise a trimmed copy (EJML may over-allocate). */
    private static double[] exact(DMatrixRMaj x) {
        int len = x.getNumElements();
        return x.data.length == len ? x.data : java.util.Arrays.copyOf(x.data, len);
    }

    private static void ejml(double alpha, DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB,
                             double beta, DMatrixRMaj c) {
        DMatrixRMaj prod = new DMatrixRMaj(c.numRows, c.numCols);
        if (transA && transB) {
            CommonOps_DDRM.multTransAB(alpha, a, b, prod);
        } else if (transA) {
            CommonOps_DDRM.multTransA(alpha, a, b, prod);
        } else if (transB) {
            CommonOps_DDRM.multTransB(alpha, a, b, prod);
        } else {
            CommonOps_DDRM.mult(alpha, a, b, prod);
        }
        if (beta == 0) {
            System.arraycopy(prod.data, 0, c.data, 0, prod.getNumElements());
        } else {
            int len = c.getNumElements();
            for (int i = 0; i < len; i++) {
                c.data[i] = beta * c.data[i] + prod.data[i];
            }
        }
    }
}
