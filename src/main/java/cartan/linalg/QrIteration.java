package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * The QR iteration for a product J_L = M_L ⋯ M_1 of d × d factors, tracking a k-frame (Benettin's
 * method): Q_ℓ R_ℓ = M_ℓ Q_{ℓ−1}, with Q_ℓ (d × k) orthonormal and R_ℓ (k × k) upper triangular with a
 * positive diagonal (sign-fixed, so the factorisation is unique for full rank). Then
 * M_L ⋯ M_1 Q_0 = Q_L R_L ⋯ R_1: the explicit product is never formed, (1/L) Σ_ℓ log (R_ℓ)_jj tends to
 * the Lyapunov exponent λ_j, and with k = d and Q_0 = I the accumulated R_L ⋯ R_1 carries the singular
 * values of J_L ({@link PartialProducts}, {@code lyapunov.ProductSvd}).
 *
 * <p>One engine, two backends ({@link #of(DMatrixRMaj, Backend)}):
 * <ul>
 *   <li>{@link Backend#EJML} — pure Java, Cartan's blocked sign-fixed Householder QR that keeps the frame
 *   as reflectors and allocates nothing per step;</li>
 *   <li>{@link Backend#LAPACK} — {@code dgemm}, {@code dgeqrf} and {@code dorgqr} from OpenBLAS.</li>
 * </ul>
 * {@link #of(DMatrixRMaj)} takes LAPACK when it is loaded and d·k ≥ 1024 (as {@link SingularValues} does),
 * otherwise pure Java. Both give the same Q, R and logs up to rounding; a zero diagonal entry of R
 * (the frame lost rank) gives log 0 = −∞. Not thread-safe; close it to free the LAPACK workspace (a
 * no-op in pure Java).
 */
public interface QrIteration extends AutoCloseable {

    /** Starts from an orthonormal d × k frame Q_0 on the default backend for its size. */
    static QrIteration of(DMatrixRMaj initialFrame) {
        Require.finite("initialFrame", initialFrame);
        return of(initialFrame, Lapack.use((long) initialFrame.numRows * initialFrame.numCols)
                ? Backend.LAPACK : Backend.EJML);
    }

    /**
     * Starts from an orthonormal d × k frame Q_0 (columns orthonormal to 1e-8) on the given backend;
     * {@link Backend#LAPACK} requires the accelerator to be loaded.
     *
     * @throws IllegalArgumentException if the frame is empty, not finite, wider than tall or not
     *                                  orthonormal, or the backend is null or not available
     */
    static QrIteration of(DMatrixRMaj initialFrame, Backend backend) {
        Require.notNull("backend", backend);
        if (backend == Backend.LAPACK) {
            if (!Lapack.enabled()) {
                throw new IllegalArgumentException("backend: LAPACK is not available (" + Lapack.whyNot() + ")");
            }
            return new LapackQrIteration(initialFrame);
        }
        return new HouseholderQrIteration(initialFrame);
    }

    /** Starts from the first k columns of the d × d identity, on the default backend. */
    static QrIteration identityFrame(int d, int k) {
        return of(identityColumns(d, k));
    }

    /** Starts from the first k columns of the d × d identity, on the given backend. */
    static QrIteration identityFrame(int d, int k, Backend backend) {
        return of(identityColumns(d, k), backend);
    }

    private static DMatrixRMaj identityColumns(int d, int k) {
        Require.atLeast("d", d, 1);
        Require.atLeast("k", k, 1);
        if (k > d) {
            throw new IllegalArgumentException("k: must be at most d = " + d + ", got " + k);
        }
        DMatrixRMaj q = new DMatrixRMaj(d, k);
        for (int i = 0; i < k; i++) {
            q.set(i, i, 1);
        }
        return q;
    }

    /** The backend this iteration runs on. */
    Backend backend();

    /** The dimension d. */
    int dimension();

    /** The frame size k. */
    int frameSize();

    /** Number of factors pushed so far. */
    long steps();

    /**
     * One step: Q R = M Q. Afterwards {@link #logDiagonal()} holds log (R)_jj (−∞ if the frame lost rank).
     *
     * @throws IllegalArgumentException if M is not d × d or has non-finite entries
     */
    void push(DMatrixRMaj m);

    /** log (R_ℓ)_jj, j = 1..k, of the last step (a copy). */
    double[] logDiagonal();

    /** log (R_ℓ)_jj for 0-based j, without copying. */
    double logDiagonal(int j);

    /** The sign-fixed triangular factor R_ℓ (k × k, positive diagonal) of the last step. */
    DMatrixRMaj lastR();

    /** The current orthonormal frame Q_ℓ (d × k), formed explicitly. */
    DMatrixRMaj frame();

    /** Frees native workspace (no-op in pure Java); the iteration must not be used afterwards. */
    @Override
    void close();
}
