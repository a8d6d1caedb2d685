package cartan.spectrum;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;
import java.util.List;

/**
 * The near-identity expansion of the normalised Cartan coordinate (P1.7). For A = I + εB,
 * AᵀA = I + εS + ε²BᵀB with S = B + Bᵀ = Σ_k s_k v_k v_kᵀ (s_1 &gt; … &gt; s_d, s̄ = tr S/d). First- and
 * second-order eigenvalue perturbation (S is diagonal in its own basis, so the ε² correction is
 * ⟨v_k, BᵀB v_k⟩ = ‖Bv_k‖²) and log(1 + x) = x − x²/2 give
 *
 * <pre>
 *   μ̃_k(I + εB) = ε·ℓ_k + ε²·c_k + O(ε³),
 *   ℓ_k = ½(s_k − s̄),   c_k = ½[(‖Bv_k‖² − ½s_k²) − (‖B‖_F²/d − ½s̄²)],
 * </pre>
 *
 * so the fitted exponent of a near-identity factor is O(ε). For a chain ∏_ℓ(I + εB_ℓ) (B_1 applied first)
 * the Baker–Campbell–Hausdorff series gives ∏_ℓ(I + εB_ℓ) = exp(εX + ε²Y + O(ε³)) with
 * X = Σ_ℓ B_ℓ and Y = −½Σ_ℓ B_ℓ² + ½Σ_{i&lt;j}[B_j, B_i] ({@link #chainGenerator}).
 *
 * <p>The coefficients come from a symmetric eigendecomposition of S, a route independent of the SVD
 * that {@link Spectrum} takes. The expansion needs simple eigenvalues of S (true almost surely for a
 * random B).
 *
 * @param linear ℓ_k, k = 1..d (descending)
 * @param second c_k, k = 1..d, in the same order
 */
public record NearIdentity(double[] linear, double[] second) {

    /** The expansion of I + εB for a square finite B. */
    public static NearIdentity of(DMatrixRMaj b) {
        Require.square("b", b);
        int d = b.numRows;
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.transpose(b, s);
        CommonOps_DDRM.addEquals(s, b);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(s.copy())) {
            throw new IllegalStateException("symmetric eigendecomposition did not converge");
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(eig.getEigenvalue(j).real, eig.getEigenvalue(i).real));
        double[] sk = new double[d];
        double[] tk = new double[d];
        DMatrixRMaj bv = new DMatrixRMaj(d, 1);
        double mean = 0;
        for (int k = 0; k < d; k++) {
            sk[k] = eig.getEigenvalue(order[k]).real;
            CommonOps_DDRM.mult(b, eig.getEigenVector(order[k]), bv);
            double n = NormOps_DDRM.normF(bv);
            tk[k] = n * n;
            mean += sk[k] / d;
        }
        double fro = NormOps_DDRM.normF(b);
        double shift = fro * fro / d - 0.5 * mean * mean;
        double[] lin = new double[d];
        double[] sec = new double[d];
        for (int k = 0; k < d; k++) {
            lin[k] = 0.5 * (sk[k] - mean);
            sec[k] = 0.5 * ((tk[k] - 0.5 * sk[k] * sk[k]) - shift);
        }
        return new NearIdentity(lin, sec);
    }

    /** The predicted μ̃_k(I + εB) to second order, ε·ℓ_k + ε²·c_k. */
    public double[] predicted(double eps) {
        Require.finite("eps", eps);
        double[] out = new double[linear.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = eps * linear[k] + eps * eps * second[k];
        }
        return out;
    }

    /**
     * The first two BCH generators {X, Y} of a chain ∏(I + εB_ℓ) (factors.get(0) = B_1 applied first):
     * X = Σ B_ℓ, Y = −½Σ B_ℓ² + ½Σ_{i&lt;j}[B_j, B_i].
     */
    public static List<DMatrixRMaj> chainGenerator(List<DMatrixRMaj> factors) {
        Require.notNull("factors", factors);
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("factors: must contain at least one matrix");
        }
        int d = factors.get(0).numRows;
        for (int i = 0; i < factors.size(); i++) {
            DMatrixRMaj f = Require.finite("factors[" + i + "]", factors.get(i));
            if (f.numRows != d || f.numCols != d) {
                throw new IllegalArgumentException("factors[" + i + "]: must be " + d + "x" + d + ", got "
                        + f.numRows + "x" + f.numCols);
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(d, d);
        DMatrixRMaj y = new DMatrixRMaj(d, d);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj later = new DMatrixRMaj(d, d); // Σ_{j>i} B_j, accumulated from the end
        for (int i = factors.size() - 1; i >= 0; i--) {
            DMatrixRMaj bi = factors.get(i);
            CommonOps_DDRM.addEquals(x, bi);
            CommonOps_DDRM.mult(bi, bi, tmp);
            CommonOps_DDRM.addEquals(y, -0.5, tmp);
            // ½[Σ_{j>i} B_j, B_i] = ½(later·B_i − B_i·later)
            CommonOps_DDRM.mult(later, bi, tmp);
            CommonOps_DDRM.addEquals(y, 0.5, tmp);
            CommonOps_DDRM.mult(bi, later, tmp);
            CommonOps_DDRM.addEquals(y, -0.5, tmp);
            CommonOps_DDRM.addEquals(later, bi);
        }
        return List.of(x, y);
    }
}
