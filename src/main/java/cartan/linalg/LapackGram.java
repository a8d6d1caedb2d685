package cartan.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

import java.util.Arrays;

/**
 * The native side of {@link GramEigenvalues}: BLAS {@code dsyrk} for the Gram matrix, LAPACK for its
 * eigenvalues and for the Rayleigh–Ritz refinement of the small ones. Every buffer lives in native memory;
 * the panel of W (all of W for the refinement) and the Gram matrix are the calling thread's
 * {@link NativeScratch} (reused, not freed), the others are freed on return.
 *
 * <p>Layout: the row-major data of W (m × n) is the column-major data of A = Wᵀ (n × m, leading dimension
 * n), so no transposition is needed (the Gram matrix is summed over panels of A, see {@link #gram}): for m ≥ n the Gram matrix is WᵀW = AAᵀ ({@code dsyrk} 'N'), for
 * m &lt; n it is WWᵀ = AᵀA ({@code dsyrk} 'T'); either way q × q with q = min(m, n).
 *
 * <p>Routes (the choice changes the cost, never the contract):
 * <ul>
 *   <li>{@link Route#TWO_STAGE}: eigenvalues only by {@code dsyev_2stage} (band reduction with BLAS 3,
 *   then bulge chasing; about 1.7× faster than {@code dsyevd} at q = 4096 on one core). Tried first for
 *   q ≥ {@value #TWO_STAGE_FROM} unless W is nearly square, because only then the smallest eigenvalues usually
 *   need the refinement
 *   below (for a random m × n matrix λ_min/λ_max ≈ ((1 − √c)/(1 + √c))⁴, c = q/max(m, n)).</li>
 *   <li>{@link Route#ONE_STAGE}: {@code dsytrd} + {@code dsterf}, keeping the Householder reflectors.</li>
 *   <li>{@link Route#RITZ}: the one-stage values, then for the k computed eigenvalues below
 *   {@code subspaceBelow}·λ_max their eigenvectors Z (q × k, {@code dstein} on the tridiagonal, or
 *   {@code dstemr} if it splits, {@code dormtr} back to G's basis), B = W Z or Wᵀ Z ({@code dgemm}) and the singular values of B
 *   ({@code dgesdd}): the Ritz values σ_j(B)² replace the eigenvalues below {@code refineBelow}·λ_max.</li>
 *   <li>{@link Route#SVD}: more than half the spectrum needs the refinement (W far from full rank): the
 *   singular values of W itself ({@code dgesdd}), squared.</li>
 * </ul>
 */
final class LapackGram {

    /** Which computation produced the eigenvalues. */
    enum Route { TWO_STAGE, ONE_STAGE, RITZ, SVD }

    /** The eigenvalues, descending, and how they were obtained. */
    record Result(double[] values, Route route, int refined) {
    }

    /** Nearly square: q ≥ this fraction of max(m, n) skips the two-stage attempt. */
    static final double SQUARE_ASPECT = 0.9;

    /**
     * Two-stage only from this q on. Below it {@code dsyev_2stage} is no faster than {@code dsytrd} +
     * {@code dsterf} on random matrices (q = 384 to 1536, 2.7 times as wide) and slower on MiniLM's 384 × 1536
     * layers (19 ms against 12 ms: its workspace is allocated, and page-faulted, on every call); at q = 2048
     * it is 5 % faster and at 4096 about 1.7×.
     */
    static final int TWO_STAGE_FROM = 2048;

    /**
     * How the work is cut: the Gram panel width, the smallest q for the two-stage route, and whether the
     * refinement's eigenvectors may come from inverse iteration ({@code dstein}; otherwise always {@code dstemr}).
     */
    record Tuning(int panel, int twoStageFrom, boolean inverseIteration) {
        static final Tuning DEFAULT = new Tuning(PANEL, TWO_STAGE_FROM, true);
    }

    private LapackGram() {
    }

    /**
     * Eigenvalues of the Gram matrix of the row-major {@code rows} × {@code cols} matrix {@code data},
     * descending; values below {@code refineBelow}·λ_max are replaced by Ritz values from the invariant
     * subspace of the eigenvalues below {@code subspaceBelow}·λ_max ({@code subspaceBelow > refineBelow}).
     * {@code data} must be finite; it is not modified.
     */
    static Result eigenvalues(double[] data, int rows, int cols, double refineBelow, double subspaceBelow) {
        return eigenvalues(data, rows, cols, refineBelow, subspaceBelow, Tuning.DEFAULT);
    }

    /** As above, cut as {@code tuning} says (tests use narrow, ragged panels and two-stage on small matrices). */
    static Result eigenvalues(double[] data, int rows, int cols, double refineBelow, double subspaceBelow,
                              Tuning tuning) {
        int q = Math.min(rows, cols);
        int big = Math.max(rows, cols);
        int panel = tuning.panel();
        if (q >= tuning.twoStageFrom() && q < SQUARE_ASPECT * big) {
            double[] lambda;
            DoublePointer g = gram(data, rows, cols, panel);
            try {
                lambda = twoStage(g, q);
            } finally {
                NativeScratch.release(g);
            }
            if (!(lambda[0] < refineBelow * lambda[q - 1])) {
                return new Result(descending(lambda), Route.TWO_STAGE, 0);
            }
        }
        DoublePointer g = gram(data, rows, cols, panel);
        try {
            return oneStage(data, g, rows, cols, refineBelow, subspaceBelow, tuning.inverseIteration());
        } finally {
            NativeScratch.release(g);
        }
    }

    /**
     * The summed dimension max(m, n) is taken this many at a time (see {@link #gram}): 256 to 1024 all cost the
     * same for 4096 × 11008 (7.0 s on one core) and 30522 × 384 (0.14 s); one panel of all of W cost 7.8 s.
     */
    static final int PANEL = 512;

    /**
     * G (lower triangle, column-major q × q) of the row-major {@code data}, summed over panels of {@code panel}
     * ({@value #PANEL} by default) along the long side: G = Σ_p W_pᵀW_p over row blocks (m ≥ n) or
     * Σ_p W_p W_pᵀ over column blocks (m &lt; n), one {@code dsyrk} per panel with β = 1 after the first. Only one panel of W is copied
     * to native memory at a time, so the Gram path never holds a second copy of W: for a 4096 × 11008 layer
     * 17 MB instead of 360 MB of fresh native pages. The panels are fixed by the shape alone, so the sums (and
     * the eigenvalues) do not depend on the thread count.
     */
    private static DoublePointer gram(double[] data, int rows, int cols, int panel) {
        int q = Math.min(rows, cols);
        int k = Math.max(rows, cols);
        int kb = Math.min(k, panel);
        DoublePointer g = NativeScratch.get(1, (long) q * q);
        DoublePointer p = NativeScratch.get(0, (long) q * kb);
        try {
            for (int k0 = 0; k0 < k; k0 += kb) {
                int w = Math.min(kb, k - k0);
                double beta = k0 == 0 ? 0.0 : 1.0;
                if (rows < cols) { // W Wᵀ += P P^T: P is W[:, k0:k0+w], stored as Pᵀ (w × rows, column i = row i)
                    for (int i = 0; i < rows; i++) {
                        p.position((long) i * w).put(data, i * cols + k0, w);
                    }
                    p.position(0);
                    openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasLower, openblas.CblasTrans, q, w, 1.0,
                            p, w, beta, g, q);
                } else {           // WᵀW += PᵀP: P = W[k0:k0+w, :], contiguous, i.e. Pᵀ column-major (cols × w)
                    p.put(data, k0 * cols, w * cols);
                    openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasLower, openblas.CblasNoTrans, q, w, 1.0,
                            p, cols, beta, g, q);
                }
            }
        } finally {
            p.position(0);
            NativeScratch.release(p);
        }
        return g;
    }

    /** Ascending eigenvalues of G by the two-stage reduction; G is destroyed. */
    private static double[] twoStage(DoublePointer g, int q) {
        try (DoublePointer w = new DoublePointer(q)) {
            Lapack.check("dsyev_2stage", openblas.LAPACKE_dsyev_2stage(openblas.LAPACK_COL_MAJOR, (byte) 'N',
                    (byte) 'L', q, g, q, w));
            double[] out = new double[q];
            w.get(out);
            return out;
        }
    }

    private static Result oneStage(double[] data, DoublePointer g, int rows, int cols,
                                   double refineBelow, double subspaceBelow, boolean inverseIteration) {
        int q = Math.min(rows, cols);
        try (DoublePointer d = new DoublePointer(q);
             DoublePointer e = new DoublePointer(q);
             DoublePointer tau = new DoublePointer(Math.max(1, q - 1));
             DoublePointer dv = new DoublePointer(q);
             DoublePointer ev = new DoublePointer(q)) {
            Lapack.check("dsytrd", openblas.LAPACKE_dsytrd(openblas.LAPACK_COL_MAJOR, (byte) 'L', q, g, q, d, e, tau));
            Pointer.memcpy(dv, d, 8L * q);
            Pointer.memcpy(ev, e, 8L * q);
            Lapack.check("dsterf", openblas.LAPACKE_dsterf(q, dv, ev));
            double[] lambda = new double[q];
            dv.get(lambda);
            double top = lambda[q - 1];
            if (!(lambda[0] < refineBelow * top)) {
                return new Result(descending(lambda), Route.ONE_STAGE, 0);
            }
            int refine = 0;
            int k = 0;
            while (k < q && lambda[k] <= subspaceBelow * top) {
                if (lambda[k] < refineBelow * top) {
                    refine++;
                }
                k++;
            }
            if (k > q / 2) {
                double[] s = Lapack.singularValuesRowMajor(data, rows, cols);
                double[] out = new double[q];
                for (int i = 0; i < q; i++) {
                    out[i] = s[i] * s[i];
                }
                return new Result(out, Route.SVD, q);
            }
            double[] ritz;
            DoublePointer a = NativeScratch.get(0, (long) rows * cols); // W itself, for W Z (A = Wᵀ column-major)
            try {
                a.put(data, 0, rows * cols);
                ritz = ritzValues(a, g, d, e, tau, rows, cols, k, inverseIteration ? lambda : null);
            } finally {
                NativeScratch.release(a);
            }
            System.arraycopy(ritz, 0, lambda, 0, refine);
            return new Result(descending(lambda), Route.RITZ, refine);
        }
    }

    /**
     * The k smallest Ritz values (ascending) of the Gram matrix on the span of the eigenvectors of its k
     * smallest eigenvalues: squares of the singular values of W Z (m ≥ n) or Wᵀ Z (m &lt; n). {@code ascending}:
     * T's eigenvalues from {@code dsterf}, for inverse iteration, or null for {@code dstemr}.
     */
    private static double[] ritzValues(DoublePointer a, DoublePointer g, DoublePointer d, DoublePointer e,
                                       DoublePointer tau, int rows, int cols, int k, double[] ascending) {
        int q = Math.min(rows, cols);
        int big = Math.max(rows, cols);
        try (DoublePointer z = new DoublePointer((long) q * k);
             DoublePointer b = new DoublePointer((long) big * k)) {
            tridiagonalEigenvectors(d, e, q, k, ascending, z);
            Lapack.check("dormtr", openblas.LAPACKE_dormtr(openblas.LAPACK_COL_MAJOR, (byte) 'L', (byte) 'L',
                    (byte) 'N', q, k, g, q, tau, z, q));
            if (rows < cols) { // Wᵀ Z = A Z: (cols × rows)(rows × k)
                openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, cols, k,
                        rows, 1.0, a, cols, z, q, 0.0, b, cols);
            } else {           // W Z = Aᵀ Z: (rows × cols)(cols × k)
                openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans, openblas.CblasNoTrans, rows, k,
                        cols, 1.0, a, cols, z, q, 0.0, b, rows);
            }
            double[] s = Lapack.singularValuesInPlace(b, big, k);
            double[] out = new double[k];
            for (int i = 0; i < k; i++) {
                double v = s[k - 1 - i];
                out[i] = v * v;
            }
            return out;
        }
    }

    /**
     * Z (q × k, column-major): eigenvectors of the tridiagonal T = tridiag(e, d, e) for its k smallest
     * eigenvalues {@code ascending[0..k-1]} (from {@code dsterf}; null: {@code dstemr} only). By inverse
     * iteration ({@code dstein}, which re-orthogonalises vectors of close eigenvalues) when T does not split,
     * about 2.4× faster than {@code dstemr} for these k; otherwise, or if an iteration does not converge, by {@code dstemr}.
     * Either way Z spans the invariant subspace to within c·ε·λ_1/gap, which is all the Ritz argument uses.
     */
    private static void tridiagonalEigenvectors(DoublePointer d, DoublePointer e, int q, int k, double[] ascending,
                                                DoublePointer z) {
        if (ascending != null && !splits(d, e, q)) {
            try (DoublePointer w = new DoublePointer(ascending);
                 IntPointer block = new IntPointer(k);
                 IntPointer split = new IntPointer(1);
                 IntPointer failed = new IntPointer(k)) {
                for (int i = 0; i < k; i++) {
                    block.put(i, 1);
                }
                split.put(0, q);
                int info = openblas.LAPACKE_dstein(openblas.LAPACK_COL_MAJOR, q, d, e, k, w, block, split, z, q,
                        failed);
                if (info == 0) {
                    return;
                }
                if (info < 0) {
                    Lapack.check("dstein", info);
                }
            }
        }
        try (DoublePointer w = new DoublePointer(q);
             IntPointer found = new IntPointer(1);
             IntPointer support = new IntPointer(2L * k);
             IntPointer tryrac = new IntPointer(1)) {
            tryrac.put(0);
            Lapack.check("dstemr", openblas.LAPACKE_dstemr(openblas.LAPACK_COL_MAJOR, (byte) 'V', (byte) 'I', q, d, e,
                    0, 0, 1, k, found, w, z, q, k, support, tryrac));
            if (found.get() != k) {
                throw new IllegalStateException("dstemr returned " + found.get() + " of " + k + " eigenvectors");
            }
        }
    }

    /**
     * Whether T = tridiag(e, d, e) splits into blocks by {@code dstebz}'s test, e_j² ≤ |d_j·d_{j+1}|·ulp² +
     * safe minimum ({@code dstein} needs the blocks of a split matrix, so such a T goes to {@code dstemr}).
     */
    static boolean splits(DoublePointer d, DoublePointer e, int q) {
        double ulp = Math.ulp(1.0);
        for (int j = 0; j + 1 < q; j++) {
            double off = e.get(j);
            if (Math.abs(d.get(j) * d.get(j + 1)) * ulp * ulp + Double.MIN_NORMAL > off * off) {
                return true;
            }
        }
        return false;
    }

    /** The ascending values, sorted descending, negatives (rounding below zero) set to 0. */
    private static double[] descending(double[] ascending) {
        double[] v = ascending.clone();
        Arrays.sort(v);
        int n = v.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(0.0, v[n - 1 - i]);
        }
        return out;
    }
}
