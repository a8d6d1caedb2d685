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
 * {@link #step} and {@link #polar} use an explicit compact SVD (singular values below 1e-14·σ_1 count
 * as zero). {@link #viaPolar} is the paper's route for training: with the polar decomposition G = P Q,
 * P = (G Gᵀ)^{1/2}, the step is the matrix function T(P) Q = (P^α + d I)^{−1} G, evaluated through the
 * eigendecomposition of the smaller Gram matrix (no SVD of G, zero singular values harmless for
 * d &gt; 0). {@link #newtonSchulz} is Muon's quintic Newton–Schulz approximation of the polar factor.
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

    /**
     * The Spectral Newton direction as a matrix function of the polar factor P = (G Gᵀ)^{1/2}:
     * (P^α + d I)^{−1} G = U diag(σ/(σ^α + d)) Vᵀ. For m ≤ n, f(G Gᵀ) G with f(λ) = 1/(λ^{α/2} + d);
     * for m &gt; n, G f(GᵀG). Needs d &gt; 0.
     */
    public static DMatrixRMaj viaPolar(DMatrixRMaj g, double alpha, double damping) {
        Require.finite("g", g);
        Require.finite("alpha", alpha);
        Require.positive("damping", damping);
        boolean wide = g.numRows <= g.numCols;
        DMatrixRMaj gram = wide ? new DMatrixRMaj(g.numRows, g.numRows) : new DMatrixRMaj(g.numCols, g.numCols);
        cartan.linalg.Gemm.mult(1, g, !wide, g, wide, 0, gram);
        for (int i = 0; i < gram.numRows; i++) {   // symmetrise away rounding before the eigensolver
            for (int j = i + 1; j < gram.numCols; j++) {
                double v = 0.5 * (gram.get(i, j) + gram.get(j, i));
                gram.set(i, j, v);
                gram.set(j, i, v);
            }
        }
        DMatrixRMaj f = cartan.linalg.SymmetricMatrixFunction.apply(gram,
                l -> 1 / (Math.pow(Math.max(l, 0), alpha / 2) + damping));
        DMatrixRMaj out = new DMatrixRMaj(g.numRows, g.numCols);
        if (wide) {
            cartan.linalg.Gemm.mult(1, f, false, g, false, 0, out);
        } else {
            cartan.linalg.Gemm.mult(1, g, false, f, false, 0, out);
        }
        return out;
    }

    /** Muon's quintic Newton–Schulz coefficients (a, b, c) (Jordan 2024). */
    private static final double NS_A = 3.4445;
    private static final double NS_B = -4.7750;
    private static final double NS_C = 2.0315;

    /**
     * Muon's approximate polar factor: X₀ = G/‖G‖_F, then {@code steps} times X ← aX + (bA + cA²)X with
     * A = X Xᵀ (on the wide orientation), (a, b, c) = (3.4445, −4.7750, 2.0315). The singular vectors are
     * those of G; the singular values land near 1 (roughly in [0.7, 1.2]) rather than exactly on it.
     */
    public static DMatrixRMaj newtonSchulz(DMatrixRMaj g, int steps) {
        Require.finite("g", g);
        Require.atLeast("steps", steps, 1);
        boolean tall = g.numRows > g.numCols;
        DMatrixRMaj x = tall ? CommonOps_DDRM.transpose(g, null) : g.copy();
        double norm = org.ejml.dense.row.NormOps_DDRM.normF(x);
        if (norm == 0) {
            return new DMatrixRMaj(g.numRows, g.numCols);
        }
        CommonOps_DDRM.divide(x, norm);
        int m = x.numRows;
        DMatrixRMaj a = new DMatrixRMaj(m, m);
        DMatrixRMaj b = new DMatrixRMaj(m, m);
        for (int s = 0; s < steps; s++) {
            cartan.linalg.Gemm.mult(1, x, false, x, true, 0, a);
            cartan.linalg.Gemm.mult(NS_C, a, false, a, false, 0, b);
            CommonOps_DDRM.addEquals(b, NS_B, a);
            DMatrixRMaj next = x.copy();
            cartan.linalg.Gemm.mult(1, b, false, x, false, NS_A, next);
            x = next;
        }
        return tall ? CommonOps_DDRM.transpose(x, null) : x;
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
