package cartan.dln;

import cartan.linalg.Svd;
import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

import java.util.ArrayList;
import java.util.List;

/**
 * A point of the balanced fibre O_X over X in the balanced parametrisation: with X = U Σ Vᵀ,
 * Λ = Σ^{1/N}, Q_0 = V, Q_N = U and free Q_1, …, Q_{N−1} ∈ O(d),
 * <pre>
 *   W_p = Q_p Λ Q_{p−1}ᵀ,  p = 1..N,
 * </pre>
 * so that φ(W) = U Λ^N Vᵀ = X and W_{p+1}ᵀW_{p+1} = Q_p Λ² Q_pᵀ = W_pW_pᵀ.
 *
 * <p><b>Orbit tangents.</b> Moving Q_p ↦ Q_p e^{tA_p} (A_p skew, A_0 = A_N = 0) gives
 * δW_p = Q_p (A_pΛ − ΛA_{p−1}) Q_{p−1}ᵀ ({@link #orbitTangent(DMatrixRMaj[])}). The standard
 * generators use A_p = (E_ij − E_ji)/√2 (unit Frobenius norm) at a single layer p, i &lt; j, giving
 * (N−1)·d(d−1)/2 tangent vectors ({@link #orbitTangents()}); their Gram matrix has
 * ½ log det = S(X) − (N−1) log c_d (Theorem 4).
 *
 * @param depth  N ≥ 1
 * @param svd    X = U Σ Vᵀ, σ descending
 * @param frames Q_0 = V, Q_1, …, Q_{N−1}, Q_N = U (N + 1 orthogonal matrices)
 */
public record FibrePoint(int depth, Svd svd, List<DMatrixRMaj> frames) {

    /** Validates the shapes; the frames list is copied. */
    public FibrePoint {
        Require.atLeast("N (depth)", depth, 1);
        if (frames == null || frames.size() != depth + 1) {
            throw new IllegalArgumentException("frames: must hold N + 1 = " + (depth + 1) + " matrices");
        }
        frames = List.copyOf(frames);
    }

    /** Width d. */
    public int width() {
        return svd.dimension();
    }

    /** Λ = Σ^{1/N}: the common singular values λ_i = σ_i^{1/N} of every layer. */
    public double[] lambda() {
        double[] s = svd.sigma();
        double[] l = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            l[i] = Math.pow(s[i], 1.0 / depth);
        }
        return l;
    }

    /** The balanced network W_p = Q_p Λ Q_{p−1}ᵀ. */
    public DeepLinearNetwork network() {
        int d = width();
        DMatrixRMaj lam = CommonOps_DDRM.diag(lambda());
        DMatrixRMaj[] w = new DMatrixRMaj[depth];
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        for (int p = 1; p <= depth; p++) {
            CommonOps_DDRM.multTransB(lam, frames.get(p - 1), t);
            w[p - 1] = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(frames.get(p), t, w[p - 1]);
        }
        return DeepLinearNetwork.of(w);
    }

    /**
     * The orbit tangent for skew generators A_1, …, A_{N−1}:
     * δW_p = Q_p (A_pΛ − ΛA_{p−1}) Q_{p−1}ᵀ with A_0 = A_N = 0.
     */
    public DeepLinearNetwork orbitTangent(DMatrixRMaj[] generators) {
        if (generators == null || generators.length != depth - 1) {
            throw new IllegalArgumentException("generators: must hold N − 1 = " + (depth - 1) + " skew matrices");
        }
        int d = width();
        for (int p = 0; p < generators.length; p++) {
            String name = "generators[" + p + "]";
            Require.square(name, generators[p]);
            if (generators[p].numRows != d) {
                throw new IllegalArgumentException(name + ": must be " + d + "x" + d);
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double a = generators[p].get(i, j);
                    double b = generators[p].get(j, i);
                    if (Math.abs(a + b) > 1e-12 * (1 + Math.abs(a))) {
                        throw new IllegalArgumentException(name + ": must be skew-symmetric, entry (" + i + ", " + j
                                + ") = " + a + ", (" + j + ", " + i + ") = " + b);
                    }
                }
            }
        }
        DMatrixRMaj lam = CommonOps_DDRM.diag(lambda());
        DMatrixRMaj[] out = new DMatrixRMaj[depth];
        DMatrixRMaj core = new DMatrixRMaj(d, d);
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        DMatrixRMaj t2 = new DMatrixRMaj(d, d);
        for (int p = 1; p <= depth; p++) {
            core.zero();
            if (p <= depth - 1) {
                CommonOps_DDRM.mult(generators[p - 1], lam, t);
                CommonOps_DDRM.addEquals(core, t);
            }
            if (p >= 2) {
                CommonOps_DDRM.mult(lam, generators[p - 2], t);
                CommonOps_DDRM.subtractEquals(core, t);
            }
            CommonOps_DDRM.multTransB(core, frames.get(p - 1), t2);
            out[p - 1] = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(frames.get(p), t2, out[p - 1]);
        }
        return DeepLinearNetwork.of(out);
    }

    /** The orbit tangent of A_p = (E_ij − E_ji)/√2 at layer p ∈ 1..N−1, 0 ≤ i &lt; j &lt; d. */
    public DeepLinearNetwork orbitTangent(int p, int i, int j) {
        int d = width();
        if (p < 1 || p > depth - 1) {
            throw new IllegalArgumentException("p: must lie in 1..N−1 = 1.." + (depth - 1) + ", got " + p);
        }
        if (i < 0 || j <= i || j >= d) {
            throw new IllegalArgumentException("i, j: need 0 ≤ i < j < " + d + ", got " + i + ", " + j);
        }
        DMatrixRMaj[] a = new DMatrixRMaj[depth - 1];
        for (int k = 0; k < a.length; k++) {
            a[k] = new DMatrixRMaj(d, d);
        }
        a[p - 1].set(i, j, Math.sqrt(0.5));
        a[p - 1].set(j, i, -Math.sqrt(0.5));
        return orbitTangent(a);
    }

    /** All (N−1)·d(d−1)/2 standard orbit tangents, ordered by layer p, then (i, j). */
    public List<DeepLinearNetwork> orbitTangents() {
        List<DeepLinearNetwork> out = new ArrayList<>();
        int d = width();
        for (int p = 1; p <= depth - 1; p++) {
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    out.add(orbitTangent(p, i, j));
                }
            }
        }
        return out;
    }

    /** The Gram matrix ⟨δW^a, δW^b⟩ of {@link #orbitTangents()} in the Frobenius metric. */
    public DMatrixRMaj orbitGram() {
        return BalancedManifold.gram(orbitTangents());
    }

    /** ½ log det of {@link #orbitGram()} by a Cholesky factorisation (0 when N = 1 or d = 1). */
    public double halfLogDetOrbitGram() {
        DMatrixRMaj g = orbitGram();
        return 0.5 * BalancedManifold.logDetPositiveDefinite(g);
    }

    /**
     * The fraction of v that is vertical: ‖P v‖/‖v‖ with P the orthogonal projection onto the orbit tangent
     * space, ‖P v‖² = bᵀ G^{−1} b, b_a = ⟨v, t_a⟩, G the {@link #orbitGram()} of the standard tangents t_a
     * (a Cholesky solve; no Jacobi formula involved). Zero for a horizontal vector, one for a vertical one;
     * 0 when the orbit is a point (N = 1 or d = 1).
     *
     * @throws IllegalArgumentException if v is zero or has the wrong shape, or the orbit Gram matrix is singular
     *                                  (a collision of singular values or a rank-deficient X)
     */
    public double verticalFraction(DeepLinearNetwork v) {
        Require.notNull("v", v);
        if (v.depth() != depth || v.width() != width()) {
            throw new IllegalArgumentException("v: must have depth " + depth + " and width " + width());
        }
        double vn = v.norm();
        if (!(vn > 0)) {
            throw new IllegalArgumentException("v: must be nonzero");
        }
        List<DeepLinearNetwork> t = orbitTangents();
        if (t.isEmpty()) {
            return 0;
        }
        DMatrixRMaj b = new DMatrixRMaj(t.size(), 1);
        for (int a = 0; a < t.size(); a++) {
            b.set(a, 0, v.inner(t.get(a)));
        }
        DMatrixRMaj c = new DMatrixRMaj(t.size(), 1);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(t.size());
        if (!chol.setA(BalancedManifold.gram(t))) {
            throw new IllegalArgumentException("v: the orbit Gram matrix is singular here (collision or rank-deficient X)");
        }
        chol.solve(b, c);
        double p2 = 0;
        for (int a = 0; a < t.size(); a++) {
            p2 += b.get(a, 0) * c.get(a, 0);
        }
        return Math.sqrt(Math.max(p2, 0)) / vn;
    }

    /**
     * A tangent vector read in the frames of the balanced parametrisation: the matrices
     * Q_pᵀ v_p Q_{p−1}, p = 1..N (at v = W itself these are Λ).
     */
    public List<DMatrixRMaj> inFrames(DeepLinearNetwork v) {
        Require.notNull("v", v);
        if (v.depth() != depth || v.width() != width()) {
            throw new IllegalArgumentException("v: must have depth " + depth + " and width " + width());
        }
        int d = width();
        List<DMatrixRMaj> out = new ArrayList<>();
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        for (int p = 1; p <= depth; p++) {
            DMatrixRMaj m = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(frames.get(p), v.layer(p), t);
            CommonOps_DDRM.mult(t, frames.get(p - 1), m);
            out.add(m);
        }
        return out;
    }
}
