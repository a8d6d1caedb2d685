package cartan.dln;

import cartan.Require;
import cartan.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * The stratum M_k of d × d matrices of rank k, with the metric g_N of the depth-N deep linear network
 * (Bah–Rauhut–Terstiege–Westdickenberg; Menon–Yu, Theorem 3). At X = U Σ Vᵀ of rank k
 * (σ_1 ≥ … ≥ σ_k &gt; 0 = σ_{k+1} = … = σ_d; indices below are 0-based, i &lt; k means σ_i &gt; 0):
 * <pre>
 *   T_X M_k = {Z : U_⊥ᵀ Z V_⊥ = 0} = span{u_i v_jᵀ : i &lt; k or j &lt; k},   dim M_k = k(2d − k),
 *   A_{N,X}(u_i v_jᵀ) = a_ij u_i v_jᵀ,  a_ij = Σ_{p=1}^N σ_i^{2(N−p)/N} σ_j^{2(p−1)/N}   (0⁰ = 1),
 *   g_N(X)(Z, Z') = Σ_{i &lt; k or j &lt; k} Z̃_ij Z̃'_ij / a_ij,   Z̃ = UᵀZV,
 *   grad_{g_N} E(X) = U (a_ij · (Uᵀ∇E V)_ij)_{i &lt; k or j &lt; k} Vᵀ.
 * </pre>
 * For N ≥ 2, a_ij &gt; 0 exactly on the tangent pairs (a_ij = σ_i^{2−2/N} when σ_j = 0) and a_ij = 0 on
 * the normal block, so the gradient is A_{N,X}(∇E): the end-to-end velocity of the balanced flow is
 * tangent to M_k and is minus the Riemannian gradient of E for g_N. For N = 1 every a_ij = 1: the
 * Frobenius metric of M_k and the projected Euclidean gradient (the rival dynamics that does not keep the
 * stratum's geometry). The rank is numerical: σ_i counts as zero when σ_i ≤ d·ε·σ_1.
 */
public final class RankStratum {

    /** Relative size of the normal part above which {@link #metric} refuses a direction as not tangent. */
    public static final double TANGENT_TOLERANCE = 1e-10;

    private final int depth;
    private final Svd svd;
    private final int rank;

    private RankStratum(Svd svd, int rank, int depth) {
        this.svd = svd;
        this.rank = rank;
        this.depth = depth;
    }

    /** The stratum through a finite square X, with the metric of depth N ≥ 1. */
    public static RankStratum of(DMatrixRMaj x, int depth) {
        Require.square("X", x);
        Require.finite("X", x);
        Require.atLeast("N (depth)", depth, 1);
        Svd raw = Svd.of(x);
        double[] s = raw.sigma().clone();
        double tol = s.length * Math.ulp(1.0) * s[0];
        int k = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] > tol) {
                k++;
            } else {
                s[i] = 0;
            }
        }
        return new RankStratum(new Svd(raw.u(), s, raw.v()), k, depth);
    }

    /** The rank k of X. */
    public int rank() {
        return rank;
    }

    /** The width d. */
    public int width() {
        return svd.dimension();
    }

    /** The depth N of the metric. */
    public int depth() {
        return depth;
    }

    /** dim M_k = k(2d − k) = d² − (d − k)². */
    public int dimension() {
        int d = width();
        return rank * (2 * d - rank);
    }

    /** The SVD of X with the singular values below the rank tolerance set to zero. */
    public Svd svd() {
        return new Svd(svd.u().copy(), svd.sigma().clone(), svd.v().copy());
    }

    /** a_ij, the eigenvalue of A_{N,X} on u_i v_jᵀ (0-based, σ descending). */
    public double eigenvalue(int i, int j) {
        int d = width();
        if (i < 0 || i >= d || j < 0 || j >= d) {
            throw new IllegalArgumentException("i, j: must lie in 0.." + (d - 1) + ", got " + i + ", " + j);
        }
        return EndToEndOperator.eigenvalue(svd.sigma()[i], svd.sigma()[j], depth);
    }

    /** The normal part U_⊥U_⊥ᵀ Z V_⊥V_⊥ᵀ of Z (zero exactly for Z ∈ T_X M_k). */
    public DMatrixRMaj normalPart(DMatrixRMaj z) {
        DMatrixRMaj zt = toBasis(z);
        int d = width();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (tangentPair(i, j)) {
                    zt.set(i, j, 0);
                }
            }
        }
        return svd.fromSingularBasis(zt);
    }

    /** The orthogonal (Frobenius) projection of Z onto T_X M_k: Z minus its normal part. */
    public DMatrixRMaj tangentProjection(DMatrixRMaj z) {
        DMatrixRMaj zt = toBasis(z);
        int d = width();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (!tangentPair(i, j)) {
                    zt.set(i, j, 0);
                }
            }
        }
        return svd.fromSingularBasis(zt);
    }

    /**
     * g_N(X)(Z, Z') = Σ_{i &lt; k or j &lt; k} Z̃_ij Z̃'_ij / a_ij for Z, Z' tangent to M_k.
     *
     * @throws IllegalArgumentException if Z or Z' has a normal part above 1e-10 of its norm
     */
    public double metric(DMatrixRMaj z, DMatrixRMaj z2) {
        requireTangent("Z", z);
        requireTangent("Z'", z2);
        DMatrixRMaj a = svd.toSingularBasis(z);
        DMatrixRMaj b = svd.toSingularBasis(z2);
        int d = width();
        double sum = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (tangentPair(i, j)) {
                    sum += a.get(i, j) * b.get(i, j) / eigenvalue(i, j);
                }
            }
        }
        return sum;
    }

    /** g_N(X)(Z, Z). */
    public double metric(DMatrixRMaj z) {
        return metric(z, z);
    }

    /**
     * The Riemannian gradient of E on (M_k, g_N) from its Euclidean gradient ∇E(X):
     * U (a_ij (Uᵀ∇E V)_ij on the tangent pairs) Vᵀ — equal to A_{N,X}(∇E) for N ≥ 2.
     */
    public DMatrixRMaj gradient(DMatrixRMaj euclideanGradient) {
        DMatrixRMaj gt = toBasis(euclideanGradient);
        int d = width();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                gt.set(i, j, tangentPair(i, j) ? gt.get(i, j) * eigenvalue(i, j) : 0);
            }
        }
        return svd.fromSingularBasis(gt);
    }

    private boolean tangentPair(int i, int j) {
        return i < rank || j < rank;
    }

    private DMatrixRMaj toBasis(DMatrixRMaj z) {
        Require.finite("Z", z);
        if (z.numRows != width() || z.numCols != width()) {
            throw new IllegalArgumentException("Z: must be " + width() + "x" + width() + ", got " + z.numRows + "x" + z.numCols);
        }
        return svd.toSingularBasis(z);
    }

    private void requireTangent(String name, DMatrixRMaj z) {
        Require.finite(name, z);
        if (z.numRows != width() || z.numCols != width()) {
            throw new IllegalArgumentException(name + ": must be " + width() + "x" + width());
        }
        double normal = NormOps_DDRM.normF(normalPart(z));
        if (normal > TANGENT_TOLERANCE * NormOps_DDRM.normF(z)) {
            throw new IllegalArgumentException(name + ": must be tangent to the rank-" + rank + " stratum, normal part "
                    + normal + " of norm " + NormOps_DDRM.normF(z));
        }
    }
}
