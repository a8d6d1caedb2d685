package cartan.curvature;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import java.util.function.DoubleUnaryOperator;

/**
 * Update directions built from the SVD of a gradient G = U Σ Vᵀ (arXiv 2606.02596, Spectral
 * Newton; B14 Muon):
 * <ul>
 *   <li>Spectral Newton: ΔW = U diag(T(σ_k)) Vᵀ with transfer T(σ; α, d) = σ/(σ^α + d). If the
 *       directional curvature is h_k = σ_k^α, this divides each singular component by its curvature
 *       (a Newton step restricted to the gradient's singular directions); d &gt; 0 damps small σ.</li>
 *   <li>Polar (Muon): ΔW = U Vᵀ (all singular values set to 1).</li>
 *   <li>Gradient: ΔW = G.</li>
 * </ul>
 * Computed by an explicit compact SVD (the paper's implementation recovers the matrix function
 * after a Newton–Schulz polar decomposition; for the small matrices here the SVD is exact and cheaper
 * to reason about). Singular values below 1e-14·σ_1 are treated as zero.
 */
public final class SpectralNewton {

    private SpectralNewton() {
    }

    /** T(σ; α, d) = σ/(σ^α + d). */
    public static double transfer(double sigma, double alpha, double damping) {
        Require.nonNegative("sigma", sigma);
        Require.finite("alpha", alpha);
        Require.nonNegative("damping", damping);
        if (sigma == 0) {
            return 0;
        }
        double den = Math.pow(sigma, alpha) + damping;
        if (!(den > 0)) {
            throw new IllegalArgumentException("damping: σ^α + d must be positive, got " + den);
        }
        return sigma / den;
    }

    /** U diag(T(σ_k; α, d)) Vᵀ. */
    public static DMatrixRMaj step(DMatrixRMaj g, double alpha, double damping) {
        Require.finite("alpha", alpha);
        Require.nonNegative("damping", damping);
        return apply(g, s -> transfer(s, alpha, damping));
    }

    /** The polar factor U Vᵀ of G (the Muon direction). */
    public static DMatrixRMaj polar(DMatrixRMaj g) {
        return apply(g, s -> 1.0);
    }

    private static DMatrixRMaj apply(DMatrixRMaj g, DoubleUnaryOperator f) {
        Require.finite("g", g);
        int m = g.numRows;
        int n = g.numCols;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
        if (!svd.decompose(g.copy())) {
            throw new IllegalStateException("SVD did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        int r = Math.min(m, n);
        double top = w.get(0, 0);
        DMatrixRMaj scaled = u.copy();
        for (int j = 0; j < r; j++) {
            double s = w.get(j, j);
            double t = s > 1e-14 * top ? f.applyAsDouble(s) : 0;
            for (int i = 0; i < m; i++) {
                scaled.set(i, j, scaled.get(i, j) * t);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(m, n);
        CommonOps_DDRM.multTransB(scaled, v, out);
        return out;
    }
}
