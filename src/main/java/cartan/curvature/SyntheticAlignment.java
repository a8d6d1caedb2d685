package cartan.curvature;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Synthetic layers for the alignment decomposition of arXiv 2606.02596 (Theorem 1, Theorem 2, Propositions 3
 * and 5): batch errors δ ∈ ℝ^{B×m} and activations A ∈ ℝ^{B×n} built from Gaussian latent columns with
 * chosen scales, placed in Haar-random frames, so that the gradient G = δᵀA/B has a known structure.
 *
 * <ul>
 *   <li>{@link #decaying}: column j of Z scaled by (j+1)^−p; {@link #frame}: X Qᵀ, the latent columns of X
 *       along the columns of the orthogonal Q.</li>
 *   <li>{@link #sharedLatents}: the first m latent columns of A are 0.6 δ's + 0.8 fresh noise (corr. 0.6),
 *       scales j^−0.8 for δ and j^−0.5 for A.</li>
 *   <li>{@link #tilted}: per direction y_j = r_j x_j + √(1 − r_j²) ξ_j with r_j = 0.5 (j+1)^−tilt, scales j^−1 on
 *       both sides: tilt = 0 meets Theorem 2's hypotheses (cos²θ_k the same for every k, α_Kron → 2),
 *       tilt &gt; 0 breaks them.</li>
 *   <li>{@link #strongBlock}: δ with a strong block of c directions (scale j^−1/2) over a weak floor 0.05/(j−c+1);
 *       A carries δ's latents (0.7 x + 0.7 ξ) on the block and on the 15 weakest floor directions.</li>
 *   <li>{@link #layerNorm}: each row of X centred and divided by its population standard deviation, so every
 *       row lies in 1⊥ with mean square 1; {@link #conditionNumber}: λ_max/λ_{n−1} of C_A = AᵀA/B, the
 *       condition number on 1⊥ (the smallest eigenvalue, ≈ 0, is the 1-direction).</li>
 * </ul>
 * Seeds: the i-th random matrix of a construction with seed s uses seed s + i.
 */
public final class SyntheticAlignment {

    private SyntheticAlignment() {
    }

    /** Column j of z scaled by (j+1)^−p (a new matrix). */
    public static DMatrixRMaj decaying(DMatrixRMaj z, double p) {
        Require.notNull("z", z);
        Require.finite("p", p);
        DMatrixRMaj out = z.copy();
        for (int i = 0; i < z.numRows; i++) {
            for (int j = 0; j < z.numCols; j++) {
                out.set(i, j, z.get(i, j) * Math.pow(j + 1, -p));
            }
        }
        return out;
    }

    /**
     * x Qᵀ: the latent columns of x placed along the columns of the orthogonal q.
     *
     * @throws IllegalArgumentException if x has not as many columns as q
     */
    public static DMatrixRMaj frame(DMatrixRMaj x, DMatrixRMaj q) {
        Require.notNull("x", x);
        Require.notNull("q", q);
        if (x.numCols != q.numCols) {
            throw new IllegalArgumentException("q: needs " + x.numCols + " columns, got " + q.numCols);
        }
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, q.numRows);
        CommonOps_DDRM.multTransB(x, q, out);
        return out;
    }

    /** The E3.2 layer of the class comment (seeds 1–4), its top k directions; needs m ≤ n. */
    public static GradientAlignment sharedLatents(int b, int m, int n, int k) {
        Require.atLeast("m", m, 1);
        Require.atLeast("n", n, m);
        DMatrixRMaj zd = RandomMatrices.gaussian(b, m, 1, 1);
        DMatrixRMaj za = RandomMatrices.gaussian(b, n, 1, 2);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < m; j++) {
                za.set(i, j, 0.6 * zd.get(i, j) + 0.8 * za.get(i, j));
            }
        }
        DMatrixRMaj delta = frame(decaying(zd, 0.8), RandomMatrices.haarOrthogonal(m, 3));
        DMatrixRMaj acts = frame(decaying(za, 0.5), RandomMatrices.haarOrthogonal(n, 4));
        return GradientAlignment.of(acts, delta, k);
    }

    /** The Theorem 2 layer of the class comment, m = 30, n = 40, batch b, top k directions. */
    public static GradientAlignment tilted(int b, long seed, double tilt, int k) {
        Require.nonNegative("tilt", tilt);
        int mm = 30;
        int nn = 40;
        DMatrixRMaj x = RandomMatrices.gaussian(b, mm, 1, seed);
        DMatrixRMaj y = RandomMatrices.gaussian(b, nn, 1, seed + 1);
        for (int j = 0; j < mm; j++) {
            double r = 0.5 * Math.pow(j + 1, -tilt);
            for (int i = 0; i < b; i++) {
                y.set(i, j, r * x.get(i, j) + Math.sqrt(1 - r * r) * y.get(i, j));
            }
        }
        DMatrixRMaj d = frame(decaying(x, 1.0), RandomMatrices.haarOrthogonal(mm, seed + 2));
        DMatrixRMaj a = frame(decaying(y, 1.0), RandomMatrices.haarOrthogonal(nn, seed + 3));
        return GradientAlignment.of(a, d, k);
    }

    /** The strong-block layer of the class comment: m = 30, n = 40, block c, batch b, seed s, top k directions. */
    public static GradientAlignment strongBlock(int b, int c, long seed, int k) {
        int m = 30;
        int n = 40;
        Require.atLeast("c", c, 1);
        if (c + 10 > m) {
            throw new IllegalArgumentException("c: at most " + (m - 10) + ", got " + c);
        }
        DMatrixRMaj xs = RandomMatrices.gaussian(b, m, 1, seed);
        DMatrixRMaj ys = RandomMatrices.gaussian(b, n, 1, seed + 1);
        DMatrixRMaj dl = new DMatrixRMaj(b, m);
        DMatrixRMaj al = new DMatrixRMaj(b, n);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < m; j++) {
                double scale = j < c ? Math.pow(j + 1, -0.5) : 0.05 / (j - c + 1);
                dl.set(i, j, scale * xs.get(i, j));
                boolean carries = j < c || j >= c + 10;
                double tj = j < c ? Math.pow(j + 1, -0.5) : 0.02;
                al.set(i, j, carries ? tj * (0.7 * xs.get(i, j) + 0.7 * ys.get(i, j)) : tj * ys.get(i, j));
            }
            for (int j = m; j < n; j++) {
                al.set(i, j, 0.01 * ys.get(i, j));
            }
        }
        return GradientAlignment.of(frame(al, RandomMatrices.haarOrthogonal(n, seed + 3)),
                frame(dl, RandomMatrices.haarOrthogonal(m, seed + 2)), k);
    }

    /** LayerNorm of every row of x without gain or bias: (x − x̄)/sd(x), sd the population standard deviation. */
    public static DMatrixRMaj layerNorm(DMatrixRMaj x) {
        Require.notNull("x", x);
        Require.atLeast("x columns", x.numCols, 2);
        int n = x.numCols;
        DMatrixRMaj ln = new DMatrixRMaj(x.numRows, n);
        for (int i = 0; i < x.numRows; i++) {
            double mu = 0;
            double var = 0;
            for (int j = 0; j < n; j++) {
                mu += x.get(i, j);
            }
            mu /= n;
            for (int j = 0; j < n; j++) {
                var += Math.pow(x.get(i, j) - mu, 2);
            }
            double sd = Math.sqrt(var / n);
            for (int j = 0; j < n; j++) {
                ln.set(i, j, (x.get(i, j) - mu) / sd);
            }
        }
        return ln;
    }

    /** The eigenvalues of C_A = AᵀA/B, decreasing. */
    public static double[] covarianceEigenvalues(DMatrixRMaj a) {
        Require.notNull("a", a);
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, a.numCols);
        CommonOps_DDRM.multTransA(a, a, c);
        CommonOps_DDRM.divide(c, a.numRows);
        return cartan.linalg.SymmetricMatrixFunction.eigenvalues(c);
    }

    /** κ = λ_1/λ_{n−1} of {@link #covarianceEigenvalues}: the condition number of C_A on 1⊥ for LayerNorm rows. */
    public static double conditionNumber(DMatrixRMaj layerNormed) {
        double[] ev = covarianceEigenvalues(layerNormed);
        return ev[0] / ev[ev.length - 2];
    }
}
