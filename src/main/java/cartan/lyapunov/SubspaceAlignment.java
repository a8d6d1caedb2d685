package cartan.lyapunov;

import cartan.Require;
import cartan.linalg.Svd;
import cartan.linalg.PrincipalAngles;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import cartan.linalg.SingularValues;

/**
 * Separation forces singular-vector alignment in products. For A and invertible B (d × d),
 * <pre>
 *   ‖sin Θ(U_k(AB), U_k(A))‖₂ ≤ κ(B) σ_{k+1}(A)/σ_k(A)     (left subspaces)
 *   ‖sin Θ(V_k(BA), V_k(A))‖₂ ≤ κ(B) σ_{k+1}(A)/σ_k(A)     (right subspaces)
 * </pre>
 * (every y ∈ U_k(AB) is ABw with w in the top right subspace of AB; its part orthogonal to U_k(A) is
 * at most σ_{k+1}(A)‖B‖‖w‖ while ‖ABw‖ ≥ σ_k(A)σ_min(B)‖w‖). Applied to prefixes J_ℓ = M_ℓ J_{ℓ−1}
 * the right subspace moves by at most κ(M_ℓ) e^{−ℓΔ_k} per layer, so V_k(J_ℓ) converges
 * geometrically at rate Δ_k.
 */
public final class SubspaceAlignment {

    private SubspaceAlignment() {
    }

    /** Top-k left singular vectors of A (d × k). */
    public static DMatrixRMaj topLeft(DMatrixRMaj a, int k) {
        return top(a, k, true);
    }

    /** Top-k right singular vectors of A (n × k). */
    public static DMatrixRMaj topRight(DMatrixRMaj a, int k) {
        return top(a, k, false);
    }

    /** The bound κ(B) σ_{k+1}(A)/σ_k(A). */
    public static double bound(DMatrixRMaj a, DMatrixRMaj b, int k) {
        Require.square("a", a);
        Require.square("b", b);
        Require.sameShape("a", a, "b", b);
        checkK(a, k, true);
        double[] sa = SingularValues.of(a);
        double[] sb = SingularValues.of(b);
        if (!(sb[sb.length - 1] > 0)) {
            throw new IllegalArgumentException("b: must be invertible (σ_min = 0)");
        }
        if (!(sa[k - 1] > 0)) {
            throw new IllegalArgumentException("a: σ_k = 0, the bound is undefined");
        }
        return sb[0] / sb[sb.length - 1] * sa[k] / sa[k - 1];
    }

    /** ‖sin Θ(U_k(AB), U_k(A))‖₂. */
    public static double leftDrift(DMatrixRMaj a, DMatrixRMaj b, int k) {
        Require.square("a", a);
        Require.square("b", b);
        Require.sameShape("a", a, "b", b);
        checkK(a, k, false);
        DMatrixRMaj ab = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.mult(a, b, ab);
        return PrincipalAngles.betweenOrthonormal(topLeft(ab, k), topLeft(a, k)).maxSine();
    }

    /** ‖sin Θ(V_k(BA), V_k(A))‖₂. */
    public static double rightDrift(DMatrixRMaj b, DMatrixRMaj a, int k) {
        Require.square("a", a);
        Require.square("b", b);
        Require.sameShape("a", a, "b", b);
        checkK(a, k, false);
        DMatrixRMaj ba = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.mult(b, a, ba);
        return PrincipalAngles.betweenOrthonormal(topRight(ba, k), topRight(a, k)).maxSine();
    }

    /**
     * Right-subspace alignment along depth: for prefixes J_ℓ = M_ℓ ⋯ M_1, ℓ = 1..L,
     * sinΘ_ℓ = ‖sin Θ(V_k(J_ℓ), V_k(J_L))‖₂ and the separation ratio σ_{k+1}(J_ℓ)/σ_k(J_ℓ). The
     * prefixes are formed explicitly but renormalised at each step; only the top k+1 singular values are
     * used, which an explicit product resolves while σ_{k+1}/σ_k stays above ≈ 1e-13.
     *
     * @param factors M_1, …, M_L in order
     */
    public static DepthProfile alongDepth(List<DMatrixRMaj> factors, int k) {
        if (factors == null || factors.isEmpty()) {
            throw new IllegalArgumentException("factors: must not be empty");
        }
        int d = factors.get(0).numRows;
        for (int i = 0; i < factors.size(); i++) {
            Require.square("factors[" + i + "]", factors.get(i));
            if (factors.get(i).numRows != d) {
                throw new IllegalArgumentException("factors[" + i + "]: must be " + d + "x" + d);
            }
        }
        Require.atLeast("k", k, 1);
        if (k >= d) {
            throw new IllegalArgumentException("k: must be below d = " + d + ", got " + k);
        }
        int depth = factors.size();
        List<DMatrixRMaj> bases = new ArrayList<>(depth);
        double[] ratio = new double[depth];
        DMatrixRMaj j = factors.get(0).copy();
        DMatrixRMaj next = new DMatrixRMaj(d, d);
        for (int l = 0; l < depth; l++) {
            if (l > 0) {
                CommonOps_DDRM.mult(factors.get(l), j, next);
                j.setTo(next);
            }
            double n = CommonOps_DDRM.elementMaxAbs(j);
            if (!(n > 0)) {
                throw new IllegalStateException("the prefix product vanished at depth " + (l + 1));
            }
            CommonOps_DDRM.divide(j, n);
            double[] s = SingularValues.of(j);
            if (!(s[k - 1] > 0)) {
                throw new IllegalStateException("σ_k of the prefix vanished at depth " + (l + 1));
            }
            ratio[l] = s[k] / s[k - 1];
            bases.add(topRight(j, k));
        }
        double[] sines = new double[depth];
        for (int l = 0; l < depth; l++) {
            sines[l] = PrincipalAngles.betweenOrthonormal(bases.get(l), bases.get(depth - 1)).maxSine();
        }
        return new DepthProfile(sines, ratio);
    }

    /**
     * @param sinTheta ‖sin Θ(V_k(J_ℓ), V_k(J_L))‖₂ for ℓ = 1..L (index ℓ−1)
     * @param ratio    σ_{k+1}(J_ℓ)/σ_k(J_ℓ)
     */
    public record DepthProfile(double[] sinTheta, double[] ratio) {
        public DepthProfile {
            sinTheta = sinTheta.clone();
            ratio = ratio.clone();
        }
    }

    private static void checkK(DMatrixRMaj a, int k, boolean needNext) {
        Require.atLeast("k", k, 1);
        int max = needNext ? a.numCols - 1 : a.numCols;
        if (k > max) {
            throw new IllegalArgumentException("k: must be at most " + max + " for a " + a.numRows + "x" + a.numCols
                    + " matrix, got " + k);
        }
    }

    private static DMatrixRMaj top(DMatrixRMaj a, int k, boolean left) {
        Svd svd = Svd.of(a);
        return left ? svd.topLeft(k) : svd.topRight(k);
    }
}
