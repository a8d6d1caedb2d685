package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * The eigenvalues λ_1 ≥ … ≥ λ_q ≥ 0 of the Gram matrix WᵀW (equivalently of WWᵀ, q = min(m, n) of them),
 * i.e. λ_k = σ_k(W)², computed through the q × q Gram matrix rather than an SVD of W: BLAS {@code dsyrk}
 * forms G, LAPACK finds its eigenvalues, about 3× faster than {@code dgesdd} on W for 4096 × 11008
 * (the numbers are in the README, "Performance").
 *
 * <p><b>Accuracy contract.</b> For every k with λ_k ≥ {@value #CONTRACT_FLOOR}·λ_1:
 * |λ̂_k − λ_k| ≤ {@value #CONTRACT_RELATIVE_ERROR}·λ_k, measured against the float64 SVD of W
 * ({@code GramEigenvaluesTest}, numpy fixtures including graded, rank-deficient, spiked and nearly
 * singular matrices). Below the floor the values have the absolute accuracy of an SVD of W:
 * |σ̂_k − σ_k| ≲ q·ε·σ_1 (σ̂_k = √λ̂_k), so ranks, the numerical rank (σ_k ≤ max(m, n)·ε·σ_1) and charts
 * see the same small values an SVD gives. How:
 * <ul>
 *   <li>Forming G in floating point and diagonalising it perturbs every eigenvalue by an absolute
 *   ‖ΔG‖₂ + p(q)·ε·‖G‖₂ = c·ε·λ_1 (Weyl); measured c ≤ 37 at the top and c ≤ 0.35 for λ ≤ 10⁻²·λ_1 on
 *   every structure tried, so eigenvalues λ_k ≥ {@value #REFINE_BELOW}·λ_1 carry a relative error
 *   c·ε·λ_1/λ_k below 10⁻¹¹ (≤ 4e-13 measured) and are used as they are. Gram squares the condition
 *   number: taken as they are, smaller eigenvalues would lose up to all their digits (λ_k near
 *   10⁻⁸·λ_1 come out with relative errors near 10⁻⁹, beyond 10⁻¹⁶·λ_1 they are rounding noise, possibly
 *   negative).</li>
 *   <li>If some eigenvalue lies below {@value #REFINE_BELOW}·λ_1 they are refined by Rayleigh–Ritz on W
 *   itself: Z spans the computed eigenvectors of the k eigenvalues below {@value #SUBSPACE_BELOW}·λ_1, and
 *   the squared singular values of W Z (m × k) replace the eigenvalues below {@value #REFINE_BELOW}·λ_1.
 *   By Davis–Kahan each true eigenvector u_j of such an eigenvalue is within sin θ ≤ c·ε·λ_1/((10⁻³ −
 *   10⁻⁴)·λ_1) ≈ 10⁻¹¹ of span Z, so the Ritz value exceeds λ_j by at most ≈ λ_1·sin²θ ≈ 10⁻²²·λ_1
 *   (Cauchy interlacing gives θ_j ≥ λ_j), and the SVD of W Z adds only its own backward error
 *   (absolute ≈ ε·σ_1 in σ, the same as an SVD of W).</li>
 *   <li>If more than half of the spectrum would need refining (W far from full rank), the values are
 *   the squared singular values of W ({@code dgesdd}), as {@link SingularValues#of} gives them.</li>
 * </ul>
 * Why not float32: the weights are often float32, but a float32 Gram matrix ({@code ssyrk}) has
 * ‖ΔG‖ ≈ 10⁻⁷·λ_1, far outside the contract; products of float32 values are exact in float64, so the
 * float64 Gram of float32 weights loses nothing before its sums.
 *
 * <p>Backends: LAPACK (OpenBLAS through JavaCPP, see {@link SingularValues}) for matrices of at least
 * 1024 entries; otherwise, or with {@code -Dcartan.lapack=false}, the squared singular values from
 * EJML's SVD (slower, same contract). Matrices with entries beyond 2^±480 are scaled by a power of two
 * (exactly) so that G neither overflows nor underflows.
 */
public final class GramEigenvalues {

    /** The relative error the contract allows for eigenvalues at or above {@link #CONTRACT_FLOOR}·λ_1. */
    public static final double CONTRACT_RELATIVE_ERROR = 1e-10;
    /** Eigenvalues λ_k ≥ CONTRACT_FLOOR·λ_1 are accurate to {@link #CONTRACT_RELATIVE_ERROR} relative. */
    public static final double CONTRACT_FLOOR = 1e-8;
    /** Eigenvalues below REFINE_BELOW·λ_1 are replaced by Ritz values from W. */
    static final double REFINE_BELOW = 1e-4;
    /** The Ritz subspace: eigenvectors of the eigenvalues up to SUBSPACE_BELOW·λ_1. */
    static final double SUBSPACE_BELOW = 1e-3;

    private static final double SCALE_HIGH = 0x1p480;
    private static final double SCALE_LOW = 0x1p-480;

    private GramEigenvalues() {
    }

    /**
     * λ_1 ≥ … ≥ λ_q ≥ 0, the eigenvalues of WᵀW (= σ_k(W)²), to the accuracy stated in the class comment.
     * The input is not modified.
     *
     * @throws IllegalArgumentException if {@code w} is null, empty or has NaN or infinite entries
     */
    public static double[] of(DMatrixRMaj w) {
        return compute(w).values();
    }

    /** The same values with the route that produced them (tests check which path a matrix takes). */
    static LapackGram.Result compute(DMatrixRMaj w) {
        int rows = w == null ? 0 : w.numRows;
        int cols = w == null ? 0 : w.numCols;
        if (w == null || !Lapack.use((long) rows * cols)) {
            Require.finite("w", w);
            return new LapackGram.Result(squares(SingularValues.ejml(w)), null, 0);
        }
        // one pass for the largest |w_ij| and the finiteness check
        double[] data = w.data;
        int size = rows * cols;
        MatrixEntries entries = MatrixEntries.of(data, size);
        if (!entries.finite()) {
            Require.finite("w", w); // throws, with the message of every other finiteness check
        }
        double max = entries.maxAbs();
        if (max == 0) {
            return new LapackGram.Result(new double[Math.min(rows, cols)], null, 0);
        }
        if (max <= SCALE_HIGH && max >= SCALE_LOW) {
            return LapackGram.eigenvalues(data, rows, cols, REFINE_BELOW, SUBSPACE_BELOW);
        }
        int e = Math.getExponent(max);
        double[] scaled = new double[size];
        for (int i = 0; i < size; i++) {
            scaled[i] = Math.scalb(data[i], -e);
        }
        LapackGram.Result r = LapackGram.eigenvalues(scaled, rows, cols, REFINE_BELOW, SUBSPACE_BELOW);
        double[] v = r.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb(v[i], 2 * e);
        }
        return r;
    }

    /**
     * Frees the native buffers the calling thread keeps between calls of {@link #of} (the copy of W and the
     * Gram matrix, reused so that a run of many layers does not pay fresh page faults for each). A profile
     * calls it when its layers are done; it is never needed for correctness.
     */
    public static void releaseScratch() {
        NativeScratch.clear();
    }

    /** The backend {@link #of} uses right now for a rows × cols matrix. */
    public static Backend backend(int rows, int cols) {
        return SingularValues.backend(rows, cols);
    }

    /**
     * Starts loading the native LAPACK library on a daemon thread and returns at once: JavaCPP's extraction
     * check and the dynamic linking of OpenBLAS take about 0.3 s, which a command can spend reading its model
     * instead. The first {@link #of} waits for the load if it is still running (class initialisation is
     * thread-safe); harmless if LAPACK is switched off or already loaded.
     *
     * @return the loading thread (a daemon, already started), for a caller that wants to wait for it
     */
    public static Thread preloadInBackground() {
        Thread t = new Thread(Lapack::enabled, "cartan-lapack-preload");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A one-line description of the backend. */
    public static String backendDescription() {
        return Lapack.enabled() ? "BLAS dsyrk + LAPACK dsyev_2stage/dsytrd (Ritz refinement), " + Lapack.version()
                : "EJML SVD (pure Java), squared; " + Lapack.whyNot();
    }

    private static double[] squares(double[] s) {
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] * s[i];
        }
        return out;
    }
}
