package cartan.dln;

import cartan.linalg.Svd;
import cartan.Require;
import cartan.linalg.SymmetricMatrixFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The end-to-end operator of a depth-N deep linear network at X (Arora–Cohen–Hazan):
 * <pre>
 *   A_{N,X}(P) = Σ_{p=1}^N (XXᵀ)^{(N−p)/N} P (XᵀX)^{(p−1)/N},
 * </pre>
 * a symmetric positive semi-definite operator on R^{d×d} with A_{N,X} = dφ∘(dφ)ᵀ at every balanced W
 * over X. In the singular bases (X = U Σ Vᵀ) it is diagonal: A(u_i v_jᵀ) = a_ij u_i v_jᵀ with
 * <pre>
 *   a_ij = Σ_p σ_i^{2(N−p)/N} σ_j^{2(p−1)/N} = (σ_i² − σ_j²)/(σ_i^{2/N} − σ_j^{2/N}),  a_ii = N σ_i^{2−2/N}.
 * </pre>
 * The metric of the Riemannian submersion is g_N(X)(Z, Z') = tr(Zᵀ A_{N,X}^{−1}(Z')), in closed form
 * Σ_{ij} Z̃_ij Z̃'_ij / a_ij with Z̃ = UᵀZV ({@link #metric}); {@link #metricBySolve} computes the same
 * through the explicit d² × d² matrix and a dense linear solve.
 *
 * <p>Powers come from {@link SymmetricMatrixFunction#power}. A_{N,X} itself is defined for every X;
 * its inverse (and hence g_N) needs X nonsingular when N ≥ 2 (a_dd = N σ_d^{2−2/N} = 0 otherwise);
 * "singular" means σ_min ≤ d·ε·σ_max, and the inverse then throws an {@link IllegalArgumentException}.
 * Repeated singular values need no special case: a_ij takes its limit N σ^{2−2/N}.
 *
 * <p>At a (numerically) rank-deficient X the eigenvalues of XXᵀ that should vanish come out of order
 * ε‖X‖², and their fractional powers (ε‖X‖²)^{(N−p)/N} make {@link #apply} accurate only to about 1e-6
 * relative there; {@link RankStratum} works in the singular bases with exact zeros instead.
 */
public final class EndToEndOperator {

    private final int depth;
    private final DMatrixRMaj x;
    private final DMatrixRMaj[] leftPowers;   // (XXᵀ)^{(N−p)/N}, index p−1
    private final DMatrixRMaj[] rightPowers;  // (XᵀX)^{(p−1)/N}, index p−1
    private final Svd svd;

    private EndToEndOperator(DMatrixRMaj x, int depth) {
        this.x = x;
        this.depth = depth;
        this.svd = Svd.of(x);
        int d = x.numRows;
        DMatrixRMaj xxt = new DMatrixRMaj(d, d);
        DMatrixRMaj xtx = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(x, x, xxt);
        CommonOps_DDRM.multTransA(x, x, xtx);
        symmetrise(xxt);
        symmetrise(xtx);
        leftPowers = new DMatrixRMaj[depth];
        rightPowers = new DMatrixRMaj[depth];
        for (int p = 1; p <= depth; p++) {
            leftPowers[p - 1] = SymmetricMatrixFunction.power(xxt, (double) (depth - p) / depth);
            rightPowers[p - 1] = SymmetricMatrixFunction.power(xtx, (double) (p - 1) / depth);
        }
    }

    /** A_{N,X} for a finite square X and depth N ≥ 1. */
    public static EndToEndOperator of(DMatrixRMaj x, int depth) {
        Require.square("X", x);
        Require.atLeast("N (depth)", depth, 1);
        return new EndToEndOperator(x.copy(), depth);
    }

    /** Depth N. */
    public int depth() {
        return depth;
    }

    /** Width d. */
    public int width() {
        return x.numRows;
    }

    /** A copy of X. */
    public DMatrixRMaj point() {
        return x.copy();
    }

    /** A_{N,X}(P) = Σ_p (XXᵀ)^{(N−p)/N} P (XᵀX)^{(p−1)/N}. */
    public DMatrixRMaj apply(DMatrixRMaj pm) {
        Require.finite("P", pm);
        Require.sameShape("X", x, "P", pm);
        int d = width();
        DMatrixRMaj sum = new DMatrixRMaj(d, d);
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        DMatrixRMaj term = new DMatrixRMaj(d, d);
        for (int p = 0; p < depth; p++) {
            CommonOps_DDRM.mult(pm, rightPowers[p], t);
            CommonOps_DDRM.mult(leftPowers[p], t, term);
            CommonOps_DDRM.addEquals(sum, term);
        }
        return sum;
    }

    /**
     * The d² × d² matrix of A_{N,X} acting on row-major vectorisations vec(P) = P.data:
     * Σ_p (XXᵀ)^{(N−p)/N} ⊗ (XᵀX)^{(p−1)/N} (row-major vec(BPC) = (B ⊗ Cᵀ) vec(P), C symmetric).
     */
    public DMatrixRMaj matrix() {
        int d = width();
        DMatrixRMaj m = new DMatrixRMaj(d * d, d * d);
        DMatrixRMaj k = new DMatrixRMaj(d * d, d * d);
        for (int p = 0; p < depth; p++) {
            CommonOps_DDRM.kron(leftPowers[p], rightPowers[p], k);
            CommonOps_DDRM.addEquals(m, k);
        }
        return m;
    }

    /** The singular value decomposition of X used by the closed forms. */
    public Svd svd() {
        return new Svd(svd.u().copy(), svd.sigma().clone(), svd.v().copy());
    }

    /**
     * The eigenvalue a_ij = Σ_p σ_i^{2(N−p)/N} σ_j^{2(p−1)/N} of A on u_i v_jᵀ (i, j = 0..d−1 in
     * descending order of σ). Equals (σ_i² − σ_j²)/(σ_i^{2/N} − σ_j^{2/N}) off collisions and
     * N σ_i^{2−2/N} at σ_i = σ_j.
     */
    public double eigenvalue(int i, int j) {
        double[] s = svd.sigma();
        if (i < 0 || i >= s.length || j < 0 || j >= s.length) {
            throw new IllegalArgumentException("i, j: must lie in 0.." + (s.length - 1) + ", got " + i + ", " + j);
        }
        return eigenvalue(s[i], s[j], depth);
    }

    /** a(σ_i, σ_j) = Σ_p σ_i^{2(N−p)/N} σ_j^{2(p−1)/N} for σ ≥ 0 (0⁰ = 1: a(σ, 0) = σ^{2−2/N}). */
    static double eigenvalue(double si, double sj, int depth) {
        if (si > 0 && sj > 0) {
            return Math.exp(DlnEntropy.sectorLogRatio(si, sj, depth));
        }
        double sum = 0;
        for (int p = 1; p <= depth; p++) {
            sum += pow0(si, 2.0 * (depth - p) / depth) * pow0(sj, 2.0 * (p - 1) / depth);
        }
        return sum;
    }

    /**
     * A_{N,X}^{−1}(Z) in closed form: U (Z̃_ij / a_ij) Vᵀ with Z̃ = UᵀZV.
     *
     * @throws IllegalArgumentException if N ≥ 2 and X is (numerically) singular
     */
    public DMatrixRMaj inverseApply(DMatrixRMaj z) {
        Require.finite("Z", z);
        Require.sameShape("X", x, "Z", z);
        requireInvertible();
        Svd s = svd;
        DMatrixRMaj zt = s.toSingularBasis(z);
        int d = width();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                zt.set(i, j, zt.get(i, j) / eigenvalue(i, j));
            }
        }
        return s.fromSingularBasis(zt);
    }

    /**
     * A_{N,X}^{−1}(Z) by a dense LU solve of the d² × d² system {@link #matrix()} vec(P) = vec(Z).
     *
     * @throws IllegalArgumentException if N ≥ 2 and X is (numerically) singular
     */
    public DMatrixRMaj inverseApplyBySolve(DMatrixRMaj z) {
        Require.finite("Z", z);
        Require.sameShape("X", x, "Z", z);
        requireInvertible();
        int d = width();
        DMatrixRMaj b = new DMatrixRMaj(d * d, 1, true, z.data);
        DMatrixRMaj sol = new DMatrixRMaj(d * d, 1);
        if (!CommonOps_DDRM.solve(matrix(), b, sol)) {
            throw new IllegalArgumentException("X: the d²×d² matrix of A_{N,X} could not be solved (singular X)");
        }
        return new DMatrixRMaj(d, d, true, sol.data);
    }

    /** g_N(X)(Z, Z') = Σ_{ij} Z̃_ij Z̃'_ij / a_ij, the SVD-basis closed form. */
    public double metric(DMatrixRMaj z, DMatrixRMaj z2) {
        Require.finite("Z", z);
        Require.finite("Z'", z2);
        Require.sameShape("X", x, "Z", z);
        Require.sameShape("X", x, "Z'", z2);
        requireInvertible();
        Svd s = svd;
        DMatrixRMaj a = s.toSingularBasis(z);
        DMatrixRMaj b = s.toSingularBasis(z2);
        int d = width();
        double sum = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                sum += a.get(i, j) * b.get(i, j) / eigenvalue(i, j);
            }
        }
        return sum;
    }

    /** g_N(X)(Z, Z) in closed form. */
    public double metric(DMatrixRMaj z) {
        return metric(z, z);
    }

    /** g_N(X)(Z, Z) = tr(Zᵀ A^{−1}(Z)) with A^{−1}(Z) from {@link #inverseApplyBySolve}. */
    public double metricBySolve(DMatrixRMaj z) {
        DMatrixRMaj y = inverseApplyBySolve(z);
        double sum = 0;
        for (int k = 0; k < z.data.length && k < z.getNumElements(); k++) {
            sum += z.data[k] * y.data[k];
        }
        return sum;
    }

    private void requireInvertible() {
        if (depth == 1) {
            return; // A_{1,X} is the identity
        }
        double[] s = svd.sigma();
        if (svd.isSingular()) {
            throw new IllegalArgumentException("X: must be nonsingular for A_{N,X}^{-1} (N = " + depth
                    + "), smallest singular value " + s[s.length - 1] + " vs largest " + s[0]);
        }
    }

    private static double pow0(double base, double exponent) {
        return exponent == 0 ? 1 : Math.pow(base, exponent);
    }

    private static void symmetrise(DMatrixRMaj m) {
        int n = m.numRows;
        for (int r = 0; r < n; r++) {
            for (int c = r + 1; c < n; c++) {
                double v = 0.5 * (m.get(r, c) + m.get(c, r));
                m.set(r, c, v);
                m.set(c, r, v);
            }
        }
    }
}
