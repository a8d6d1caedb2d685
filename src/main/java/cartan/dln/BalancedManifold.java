package cartan.dln;

import cartan.linalg.Svd;
import cartan.Require;
import cartan.linalg.RandomMatrices;
import cartan.linalg.SingularValues;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The balanced manifold of the deep linear network,
 * <pre>
 *   M = {W ∈ M_d^N full rank : D_p(W) := W_{p+1}ᵀW_{p+1} − W_pW_pᵀ = 0, p = 1..N−1},
 * </pre>
 * of dimension d² + (N−1)d(d−1)/2 (d² for X = φ(W), the rest for the O(d)^{N−1} orbit of the fibre).
 *
 * <ul>
 *   <li>{@link #defects}: the balancedness defects D_p (conserved by the gradient flow, Arora–Cohen–Hazan
 *   Thm 1; changed by η²(G_{p+1}ᵀG_{p+1} − G_pG_pᵀ) per gradient-descent step).</li>
 *   <li>{@link #fibrePoint}: the balanced parametrisation W_p = Q_pΛQ_{p−1}ᵀ of the fibre over X.</li>
 *   <li>{@link #linearisedDefects}, {@link #constraintJacobian}, {@link #tangentDimension}: the
 *   dimension count as N d² − rank of the linearised constraints.</li>
 *   <li>{@link #horizontalLift}: (dφ)ᵀA_{N,X}^{−1}(Z), the horizontal lift of the Riemannian submersion
 *   φ : (M, Frobenius) → (GL_d, g_N).</li>
 * </ul>
 */
public final class BalancedManifold {

    /** Relative balance tolerance used by {@link #horizontalLift}: max_p ‖D_p‖ ≤ 1e-8 · max_p ‖W_p‖². */
    public static final double BALANCE_TOLERANCE = 1e-8;

    private BalancedManifold() {
    }

    /** dim M = d² + (N−1) d(d−1)/2. */
    public static int dimension(int width, int depth) {
        Require.atLeast("d (width)", width, 1);
        Require.atLeast("N (depth)", depth, 1);
        return width * width + (depth - 1) * width * (width - 1) / 2;
    }

    /** D_p = W_{p+1}ᵀW_{p+1} − W_pW_pᵀ for p = 1..N−1 (empty for N = 1). */
    public static List<DMatrixRMaj> defects(DeepLinearNetwork w) {
        requireNetwork(w);
        int d = w.width();
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int p = 1; p < w.depth(); p++) {
            DMatrixRMaj a = new DMatrixRMaj(d, d);
            DMatrixRMaj b = new DMatrixRMaj(d, d);
            DMatrixRMaj next = w.layer(p + 1);
            DMatrixRMaj cur = w.layer(p);
            CommonOps_DDRM.multTransA(next, next, a);
            CommonOps_DDRM.multTransB(cur, cur, b);
            CommonOps_DDRM.subtractEquals(a, b);
            out.add(a);
        }
        return Collections.unmodifiableList(out);
    }

    /** max_p ‖D_p(W)‖_F (0 for N = 1). */
    public static double maxDefect(DeepLinearNetwork w) {
        double m = 0;
        for (DMatrixRMaj dp : defects(w)) {
            m = Math.max(m, NormOps_DDRM.normF(dp));
        }
        return m;
    }

    /** max_p ‖D_p(W) − D_p(W_0)‖_F: how far the defects have drifted from their initial values. */
    public static double defectDrift(DeepLinearNetwork w0, DeepLinearNetwork w) {
        List<DMatrixRMaj> a = defects(w0);
        List<DMatrixRMaj> b = defects(w);
        if (a.size() != b.size() || w0.width() != w.width()) {
            throw new IllegalArgumentException("w: must have the depth and width of w0");
        }
        double m = 0;
        for (int p = 0; p < a.size(); p++) {
            DMatrixRMaj diff = new DMatrixRMaj(a.get(p).numRows, a.get(p).numCols);
            CommonOps_DDRM.subtract(b.get(p), a.get(p), diff);
            m = Math.max(m, NormOps_DDRM.normF(diff));
        }
        return m;
    }

    /**
     * The derivative of the defects along δW:
     * δD_p = δW_{p+1}ᵀW_{p+1} + W_{p+1}ᵀδW_{p+1} − δW_pW_pᵀ − W_pδW_pᵀ.
     */
    public static List<DMatrixRMaj> linearisedDefects(DeepLinearNetwork w, DeepLinearNetwork tangent) {
        requireNetwork(w);
        if (tangent == null || tangent.depth() != w.depth() || tangent.width() != w.width()) {
            throw new IllegalArgumentException("tangent: must have the depth and width of w");
        }
        int d = w.width();
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int p = 1; p < w.depth(); p++) {
            DMatrixRMaj wn = w.layer(p + 1);
            DMatrixRMaj wc = w.layer(p);
            DMatrixRMaj dn = tangent.layer(p + 1);
            DMatrixRMaj dc = tangent.layer(p);
            DMatrixRMaj s = new DMatrixRMaj(d, d);
            DMatrixRMaj t = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(dn, wn, t);
            CommonOps_DDRM.addEquals(s, t);
            CommonOps_DDRM.multTransA(wn, dn, t);
            CommonOps_DDRM.addEquals(s, t);
            CommonOps_DDRM.multTransB(dc, wc, t);
            CommonOps_DDRM.subtractEquals(s, t);
            CommonOps_DDRM.multTransB(wc, dc, t);
            CommonOps_DDRM.subtractEquals(s, t);
            out.add(s);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * How far a tangent vector v ∈ M_d^N is from being tangent to the balanced level sets at W, relative to
     * the scales involved: max_p ‖δD_p(v)‖_F / (max_p ‖W_p‖_F · ‖v‖), with δD_p the
     * {@link #linearisedDefects}. Zero (to rounding) for vectors tangent to M; of order one for a generic v.
     */
    public static double tangency(DeepLinearNetwork w, DeepLinearNetwork v) {
        List<DMatrixRMaj> dd = linearisedDefects(w, v);
        double scale = 0;
        for (DMatrixRMaj layer : w.layers()) {
            scale = Math.max(scale, NormOps_DDRM.normF(layer));
        }
        double vn = v.norm();
        if (!(scale > 0 && vn > 0)) {
            throw new IllegalArgumentException("v: tangency needs a nonzero W and a nonzero v");
        }
        double m = 0;
        for (DMatrixRMaj dp : dd) {
            m = Math.max(m, NormOps_DDRM.normF(dp));
        }
        return m / (scale * vn);
    }

    /**
     * The dimension of the span of tangent vectors: the numerical rank ({@link #numericalRank}) of the
     * matrix whose rows are their {@link DeepLinearNetwork#toVector()}s.
     */
    public static int spanDimension(List<DeepLinearNetwork> vectors) {
        Require.notNull("vectors", vectors);
        if (vectors.isEmpty()) {
            return 0;
        }
        int cols = vectors.get(0).toVector().length;
        DMatrixRMaj m = new DMatrixRMaj(vectors.size(), cols);
        for (int r = 0; r < vectors.size(); r++) {
            double[] v = Require.notNull("vectors[" + r + "]", vectors.get(r)).toVector();
            if (v.length != cols) {
                throw new IllegalArgumentException("vectors[" + r + "]: must have the depth and width of vectors[0]");
            }
            System.arraycopy(v, 0, m.data, r * cols, cols);
        }
        return numericalRank(m);
    }

    /**
     * The Jacobian of the constraint map W ↦ (upper triangles of D_1, …, D_{N−1}): a
     * (N−1)·d(d+1)/2 × N d² matrix (columns indexed like {@link DeepLinearNetwork#toVector()}), built
     * column by column from {@link #linearisedDefects} on the coordinate directions.
     */
    public static DMatrixRMaj constraintJacobian(DeepLinearNetwork w) {
        requireNetwork(w);
        int n = w.depth();
        int d = w.width();
        int rowsPerLayer = d * (d + 1) / 2;
        DMatrixRMaj j = new DMatrixRMaj((n - 1) * rowsPerLayer, n * d * d);
        for (int col = 0; col < n * d * d; col++) {
            DMatrixRMaj[] e = new DMatrixRMaj[n];
            for (int p = 0; p < n; p++) {
                e[p] = new DMatrixRMaj(d, d);
            }
            e[col / (d * d)].data[col % (d * d)] = 1;
            List<DMatrixRMaj> dd = linearisedDefects(w, DeepLinearNetwork.of(e));
            int row = 0;
            for (DMatrixRMaj dp : dd) {
                for (int a = 0; a < d; a++) {
                    for (int b = a; b < d; b++) {
                        j.set(row++, col, dp.get(a, b));
                    }
                }
            }
        }
        return j;
    }

    /**
     * The dimension of the tangent space of M at W, measured as N d² − rank J with J the
     * {@link #constraintJacobian}; the rank counts singular values above max(rows, cols)·ε·σ_max.
     */
    public static int tangentDimension(DeepLinearNetwork w) {
        int total = w.depth() * w.width() * w.width();
        if (w.depth() == 1) {
            return total;
        }
        return total - numericalRank(constraintJacobian(w));
    }

    /** Rank of a matrix: singular values above max(rows, cols)·ε·σ_max. */
    public static int numericalRank(DMatrixRMaj m) {
        double[] s = SingularValues.of(m);
        double tol = Math.max(m.numRows, m.numCols) * Math.ulp(1.0) * s[0];
        int r = 0;
        for (double v : s) {
            if (v > tol) {
                r++;
            }
        }
        return r;
    }

    /** The fibre point over X with the given interior frames Q_1, …, Q_{N−1} (each orthogonal). */
    public static FibrePoint fibrePoint(DMatrixRMaj x, int depth, List<DMatrixRMaj> interiorFrames) {
        Require.square("X", x);
        Require.atLeast("N (depth)", depth, 1);
        if (interiorFrames == null || interiorFrames.size() != depth - 1) {
            throw new IllegalArgumentException("interiorFrames: must hold N − 1 = " + (depth - 1) + " matrices");
        }
        Svd svd = Svd.of(x);
        if (svd.isSingular()) {
            throw new IllegalArgumentException("X: must be nonsingular for the balanced manifold (full-rank leaf), "
                    + "smallest singular value " + svd.sigma()[svd.dimension() - 1]);
        }
        int d = x.numRows;
        List<DMatrixRMaj> frames = new ArrayList<>();
        frames.add(svd.v().copy());
        for (int k = 0; k < interiorFrames.size(); k++) {
            DMatrixRMaj q = interiorFrames.get(k);
            String name = "interiorFrames[" + k + "]";
            Require.square(name, q);
            if (q.numRows != d) {
                throw new IllegalArgumentException(name + ": must be " + d + "x" + d + ", got " + q.numRows + "x" + q.numCols);
            }
            DMatrixRMaj qtq = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(q, q, qtq);
            for (int i = 0; i < d; i++) {
                qtq.add(i, i, -1);
            }
            if (NormOps_DDRM.normF(qtq) > 1e-10) {
                throw new IllegalArgumentException(name + ": must be orthogonal, ‖QᵀQ − I‖ = " + NormOps_DDRM.normF(qtq));
            }
            frames.add(q.copy());
        }
        frames.add(svd.u().copy());
        return new FibrePoint(depth, svd, frames);
    }

    /** The fibre point over X with Haar-random interior frames. */
    public static FibrePoint fibrePoint(DMatrixRMaj x, int depth, SplittableRandom random) {
        Require.square("X", x);
        Require.atLeast("N (depth)", depth, 1);
        List<DMatrixRMaj> q = new ArrayList<>();
        for (int p = 1; p < depth; p++) {
            q.add(RandomMatrices.haarOrthogonal(x.numRows, random));
        }
        return fibrePoint(x, depth, q);
    }

    /**
     * A point of the balanced <em>variety</em> M_0 over an X of any rank k: W_p = Q_pΛQ_{p−1}ᵀ with
     * Λ = Σ^{1/N} (d − k exact zeros: singular values ≤ d·ε·σ_max count as 0), Q_0 = V, Q_N = U and Haar-random Q_1, …, Q_{N−1}. Every
     * layer has rank k, the defects vanish and φ(W) = X. For k &lt; d this lies on the rank-k stratum, where
     * the orbit is no longer O(d)^{N−1}-free: use it for the stratum's flow and metric ({@link RankStratum}),
     * not for orbit volumes.
     */
    public static FibrePoint stratumPoint(DMatrixRMaj x, int depth, SplittableRandom random) {
        Require.square("X", x);
        Require.finite("X", x);
        Require.atLeast("N (depth)", depth, 1);
        Require.notNull("random", random);
        Svd raw = Svd.of(x);
        double[] sigma = raw.sigma().clone();
        double tol = sigma.length * Math.ulp(1.0) * sigma[0];
        for (int i = 0; i < sigma.length; i++) {
            if (sigma[i] <= tol) {
                sigma[i] = 0;                       // exact zeros: Λ = Σ^{1/N} must not turn 1e-17 into 1e-6
            }
        }
        Svd svd = new Svd(raw.u(), sigma, raw.v());
        List<DMatrixRMaj> frames = new ArrayList<>();
        frames.add(svd.v().copy());
        for (int p = 1; p < depth; p++) {
            frames.add(RandomMatrices.haarOrthogonal(x.numRows, random));
        }
        frames.add(svd.u().copy());
        return new FibrePoint(depth, svd, frames);
    }

    /** The balanced network over X with Haar-random interior frames. */
    public static DeepLinearNetwork balanced(DMatrixRMaj x, int depth, SplittableRandom random) {
        return fibrePoint(x, depth, random).network();
    }

    /**
     * The horizontal lift of Z ∈ T_X at a balanced W over X: (dφ_W)ᵀ A_{N,X}^{−1}(Z). It satisfies
     * dφ(lift) = Z, is tangent to M, is orthogonal to the orbit, and ‖lift‖² = g_N(X)(Z, Z).
     *
     * @throws IllegalArgumentException if W is not balanced (max_p ‖D_p‖ &gt; 1e-8·max_p ‖W_p‖²) or X is singular
     */
    public static DeepLinearNetwork horizontalLift(DeepLinearNetwork w, DMatrixRMaj z) {
        requireNetwork(w);
        Require.finite("Z", z);
        double scale = 0;
        for (DMatrixRMaj layer : w.layers()) {
            double n = NormOps_DDRM.normF(layer);
            scale = Math.max(scale, n * n);
        }
        double defect = maxDefect(w);
        if (defect > BALANCE_TOLERANCE * scale) {
            throw new IllegalArgumentException("w: must be balanced for the horizontal lift, max defect " + defect
                    + " vs scale " + scale);
        }
        DMatrixRMaj x = w.endToEnd();
        Require.sameShape("X", x, "Z", z);
        DMatrixRMaj y = EndToEndOperator.of(x, w.depth()).inverseApply(z);
        return w.adjointDifferential(y);
    }

    /** The Gram matrix ⟨v_a, v_b⟩ of tangent vectors in the Frobenius metric. */
    public static DMatrixRMaj gram(List<DeepLinearNetwork> vectors) {
        Require.notNull("vectors", vectors);
        int m = vectors.size();
        DMatrixRMaj g = new DMatrixRMaj(m, m);
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                double v = vectors.get(a).inner(vectors.get(b));
                g.set(a, b, v);
                g.set(b, a, v);
            }
        }
        return g;
    }

    /** log det of a symmetric positive definite matrix by Cholesky (0 for an empty matrix). */
    static double logDetPositiveDefinite(DMatrixRMaj g) {
        if (g.numRows == 0) {
            return 0;
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(g.numRows, true);
        if (!chol.decompose(g.copy())) {
            throw new IllegalArgumentException("gram: must be positive definite (Cholesky failed)");
        }
        DMatrixRMaj l = chol.getT(null);
        double s = 0;
        for (int i = 0; i < g.numRows; i++) {
            s += 2 * Math.log(l.get(i, i));
        }
        return s;
    }

    private static void requireNetwork(DeepLinearNetwork w) {
        Require.notNull("w", w);
    }
}
