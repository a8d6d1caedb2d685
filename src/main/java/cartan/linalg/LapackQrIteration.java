package cartan.linalg;

import cartan.Require;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;

/**
 * The LAPACK backend of {@link QrIteration}: the frame Q (d × k) is kept explicitly in native memory;
 * a step forms M Q with {@code dgemm}, factors it with {@code dgeqrf}, reads R off its upper triangle,
 * rebuilds Q with {@code dorgqr} and moves the signs of diag(R) into Q, so R has a positive diagonal.
 * The workspace is allocated once; {@link #close()} frees it (it is also freed when the object is
 * garbage-collected).
 */
final class LapackQrIteration implements QrIteration {

    private final int d;
    private final int k;
    private final double[] rowMajor;  // d × d scratch for M
    private final double[] lastR;     // k × k row-major, positive diagonal
    private final double[] logDiag;
    private final boolean[] flip;     // diag(R) was negative: the column of Q changes sign
    private final DoublePointer mBuf; // M, row-major = Mᵀ column-major
    private final DoublePointer qBuf; // Q, column-major d × k
    private final DoublePointer cBuf; // M Q, then its QR, then the new Q, column-major d × k
    private final DoublePointer tau;
    private final DoublePointer work;
    private final int lwork;
    private long steps;

    LapackQrIteration(DMatrixRMaj initialFrame) {
        QrFrames.checkInitialFrame(initialFrame);
        d = initialFrame.numRows;
        k = initialFrame.numCols;
        rowMajor = new double[d * d];
        lastR = new double[k * k];
        logDiag = new double[k];
        flip = new boolean[k];
        mBuf = new DoublePointer((long) d * d);
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
        double[] col = new double[d * k];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < k; j++) {
                col[i + j * d] = initialFrame.data[i * k + j];
            }
        }
        qBuf.put(col, 0, d * k);
    }

    @Override
    public Backend backend() {
        return Backend.LAPACK;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int frameSize() {
        return k;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void push(DMatrixRMaj m) {
        QrFrames.checkFactor(m, d);
        Require.finite("m", m);
        // row-major M is column-major Mᵀ: C = (Mᵀ)ᵀ Q = M Q, column-major d × k
        mBuf.put(m.data, 0, d * d);
        openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans, openblas.CblasNoTrans, d, k, d,
                1.0, mBuf, d, qBuf, d, 0.0, cBuf, d);
        Lapack.check("dgeqrf", openblas.LAPACKE_dgeqrf_work(openblas.LAPACK_COL_MAJOR, d, k, cBuf, d, tau, work, lwork));
        cBuf.get(rowMajor, 0, d * k);
        for (int i = 0; i < k; i++) {
            flip[i] = rowMajor[i + i * d] < 0;
            double sign = flip[i] ? -1 : 1;
            for (int j = 0; j < k; j++) {
                lastR[i * k + j] = j < i ? 0 : sign * rowMajor[i + j * d];
            }
            logDiag[i] = Math.log(Math.abs(rowMajor[i + i * d]));
        }
        Lapack.check("dorgqr", openblas.LAPACKE_dorgqr_work(openblas.LAPACK_COL_MAJOR, d, k, k, cBuf, d, tau, work, lwork));
        cBuf.get(rowMajor, 0, d * k);
        for (int j = 0; j < k; j++) {
            if (flip[j]) {
                for (int i = 0; i < d; i++) {
                    rowMajor[i + j * d] = -rowMajor[i + j * d];
                }
            }
        }
        qBuf.put(rowMajor, 0, d * k);
        steps++;
    }

    @Override
    public double[] logDiagonal() {
        return logDiag.clone();
    }

    @Override
    public double logDiagonal(int j) {
        return logDiag[j];
    }

    @Override
    public DMatrixRMaj lastR() {
        return new DMatrixRMaj(k, k, true, lastR);
    }

    @Override
    public DMatrixRMaj frame() {
        double[] col = new double[d * k];
        qBuf.get(col, 0, d * k);
        DMatrixRMaj q = new DMatrixRMaj(d, k);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < k; j++) {
                q.data[i * k + j] = col[i + j * d];
            }
        }
        return q;
    }

    @Override
    public void close() {
        mBuf.close();
        qBuf.close();
        cBuf.close();
        tau.close();
        work.close();
    }
}
