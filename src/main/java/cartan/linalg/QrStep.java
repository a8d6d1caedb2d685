package cartan.linalg;

import cartan.Require;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * One re-orthonormalisation step of the Benettin (QR) algorithm for Lyapunov exponents, with
 * workspace for a fixed shape d × k (d ≥ k) reused across calls.
 *
 * <p>{@link #factor} takes A (d × k, full column rank), computes the thin Householder QR factorisation
 * A = Q R with Q (d × k, QᵀQ = I) and R (k × k, upper triangular) normalised so that R_ii ≥ 0 (which
 * makes Q unique for full-rank A), overwrites A with Q and returns log R_ii = log|R_ii|, i = 1..k.
 * {@link #multiplyAndFactor} does the whole Benettin step Q ← qr(W Q) for a d × d matrix W
 * (the Jacobian of one layer or one time step); summing the returned logs over L steps and dividing
 * by L gives the finite-L Lyapunov exponents.
 *
 * <p>Backends (chosen at {@link #of}): {@link Backend#LAPACK} — {@code dgemm}, {@code dgeqrf},
 * {@code dorgqr} from OpenBLAS, used when {@link SingularValues#backend()} is LAPACK; otherwise
 * {@link Backend#EJML} — EJML's column Householder QR and matrix product. Both produce the same Q and
 * logs up to rounding. A zero diagonal entry of R (rank-deficient input) gives log 0 = −∞.
 *
 * <p>Holds native memory on the LAPACK path: use try-with-resources or call {@link #close()}
 * (the memory is also freed when the object is garbage-collected). Not thread-safe.
 */
public final class QrStep implements AutoCloseable {

    private final int d;
    private final int k;
    private final Backend backend;
    private final double[] colMajor; // d × k column-major scratch
    // LAPACK workspace
    private final DoublePointer wBuf;
    private final DoublePointer qBuf;
    private final DoublePointer cBuf;
    private final DoublePointer tau;
    private final DoublePointer work;
    private final int lwork;
    // EJML workspace
    private final QRDecomposition<DMatrixRMaj> qr;
    private final DMatrixRMaj product;

    private QrStep(int d, int k, Backend backend) {
        this.d = d;
        this.k = k;
        this.backend = backend;
        this.colMajor = new double[d * k];
        if (backend == Backend.LAPACK) {
            wBuf = new DoublePointer((long) d * d);
            qBuf = new DoublePointer((long) d * k);
            cBuf = new DoublePointer((long) d * k);
            tau = new DoublePointer(k);
            try (DoublePointer query = new DoublePointer(1)) {
                Lapack.check("dgeqrf workspace query",
                        openblas.LAPACKE_dgeqrf_work(openblas.LAPACK_COL_MAJOR, d, k, cBuf, d, tau, query, -1));
                int lq = (int) query.get(0);
                Lapack.check("dorgqr workspace query",
                        openblas.LAPACKE_dorgqr_work(openblas.LAPACK_COL_MAJOR, d, k, k, cBuf, d, tau, query, -1));
                lwork = Math.max(1, Math.max(lq, (int) query.get(0)));
            }
            work = new DoublePointer(lwork);
            qr = null;
            product = null;
        } else {
            wBuf = qBuf = cBuf = tau = work = null;
            lwork = 0;
            qr = DecompositionFactory_DDRM.qr(d, k);
            product = new DMatrixRMaj(d, k);
        }
    }

    /**
     * A QR step for d × k matrices (d ≥ k ≥ 1): on LAPACK when {@link SingularValues#backend(int, int)}
     * is LAPACK for a d × k matrix at this moment (d·k ≥ 1024 and the accelerator enabled), else on
     * EJML (faster for small matrices: d = k = 8, EJML 4 µs per QR, LAPACK about the same; d = k = 64,
     * EJML 300 µs, LAPACK 120 µs).
     */
    public static QrStep of(int d, int k) {
        Require.atLeast("k", k, 1);
        Require.atLeast("d", d, k);
        return of(d, k, Lapack.use((long) d * k) ? Backend.LAPACK : Backend.EJML);
    }

    /** A QR step on the given backend; {@link Backend#LAPACK} requires the accelerator to be enabled. */
    public static QrStep of(int d, int k, Backend backend) {
        Require.atLeast("k", k, 1);
        Require.atLeast("d", d, k);
        if (backend == null) {
            throw new IllegalArgumentException("backend: must not be null");
        }
        if (backend == Backend.LAPACK && !Lapack.enabled()) {
            throw new IllegalArgumentException("backend: LAPACK is not available (" + Lapack.whyNot() + ")");
        }
        return new QrStep(d, k, backend);
    }

    /** The backend this step runs on. */
    public Backend backend() {
        return backend;
    }

    /** Rows d. */
    public int rows() {
        return d;
    }

    /** Columns k. */
    public int cols() {
        return k;
    }

    /**
     * Overwrites {@code a} (d × k) with the Q of its thin QR factorisation (R_ii ≥ 0) and returns
     * log R_ii, i = 1..k.
     */
    public double[] factor(DMatrixRMaj a) {
        checkShape("a", a, d, k);
        if (backend == Backend.LAPACK) {
            double[] src = a.data;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < k; j++) {
                    colMajor[i + j * d] = src[i * k + j];
                }
            }
            cBuf.put(colMajor, 0, d * k);
            return lapackQr(a);
        }
        return ejmlQr(a, a);
    }

    /**
     * The Benettin step: {@code q} (d × k) ← Q of the thin QR factorisation of W·q (R_ii ≥ 0); returns
     * log R_ii, i = 1..k. {@code w} (d × d) is not modified.
     */
    public double[] multiplyAndFactor(DMatrixRMaj w, DMatrixRMaj q) {
        checkShape("w", w, d, d);
        checkShape("q", q, d, k);
        if (backend == Backend.LAPACK) {
            // row-major W, q are column-major Wᵀ (d × d), qᵀ (k × d): C = (Wᵀ)ᵀ (qᵀ)ᵀ = W q, column-major d × k
            wBuf.put(w.data, 0, d * d);
            qBuf.put(q.data, 0, d * k);
            openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans, openblas.CblasTrans, d, k, d,
                    1.0, wBuf, d, qBuf, k, 0.0, cBuf, d);
            return lapackQr(q);
        }
        CommonOps_DDRM.mult(w, q, product);
        return ejmlQr(product, q);
    }

    /** QR of the column-major d × k matrix in cBuf; writes Q (row-major, R_ii ≥ 0) into out. */
    private double[] lapackQr(DMatrixRMaj out) {
        Lapack.check("dgeqrf", openblas.LAPACKE_dgeqrf_work(openblas.LAPACK_COL_MAJOR, d, k, cBuf, d, tau, work, lwork));
        boolean[] flip = new boolean[k];
        double[] result = new double[k];
        for (int j = 0; j < k; j++) {
            double r = cBuf.get(j + (long) j * d);
            flip[j] = r < 0;
            result[j] = Math.log(Math.abs(r));
        }
        Lapack.check("dorgqr", openblas.LAPACKE_dorgqr_work(openblas.LAPACK_COL_MAJOR, d, k, k, cBuf, d, tau, work, lwork));
        cBuf.get(colMajor, 0, d * k);
        double[] dst = out.data;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < k; j++) {
                double v = colMajor[i + j * d];
                dst[i * k + j] = flip[j] ? -v : v;
            }
        }
        return result;
    }

    /** QR of {@code a} with EJML; writes Q (R_ii ≥ 0) into {@code out} (may be {@code a}). */
    private double[] ejmlQr(DMatrixRMaj a, DMatrixRMaj out) {
        DMatrixRMaj input = qr.inputModified() ? a.copy() : a;
        if (!qr.decompose(input)) {
            throw new IllegalStateException("QR failed for a " + d + "x" + k + " matrix");
        }
        DMatrixRMaj r = qr.getR(null, true);
        DMatrixRMaj qm = qr.getQ(null, true);
        double[] result = new double[k];
        for (int j = 0; j < k; j++) {
            double rj = r.get(j, j);
            result[j] = Math.log(Math.abs(rj));
            if (rj < 0) {
                for (int i = 0; i < d; i++) {
                    qm.set(i, j, -qm.get(i, j));
                }
            }
        }
        out.setTo(qm);
        return result;
    }

    private static void checkShape(String name, DMatrixRMaj m, int rows, int cols) {
        Require.finite(name, m);
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(name + ": must be " + rows + "x" + cols + ", got " + m.numRows + "x" + m.numCols);
        }
    }

    /** Frees the native workspace (no-op on the EJML backend). The step must not be used afterwards. */
    @Override
    public void close() {
        if (backend == Backend.LAPACK) {
            wBuf.close();
            qBuf.close();
            cBuf.close();
            tau.close();
            work.close();
        }
    }
}
