package cartan.dln;

import cartan.Require;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;

import java.util.function.DoubleBinaryOperator;

/**
 * The Frobenius volume of the balanced manifold disintegrated over the end-to-end matrix. φ : (M,
 * Frobenius) → (GL_d, g_N) is a Riemannian submersion (Theorem 8) whose fibre over X has volume e^{S(X)}
 * (Theorem 4), so by the coarea formula
 * <pre>
 *   ∫_M F(φ(W)) dvol_M(W) = ∫_{GL_d} F(X) e^{S(X)} dvol_{g_N}(X) = ∫ F(X) ρ_N(X) dX,
 *   ρ_N(X) = e^{S(X)} √det g_N(X) = c_d^{N−1} ∏_{i&lt;j} a_ij^{−1/2} ∏_i (N σ_i^{2−2/N})^{−1/2},
 * </pre>
 * since g_N has the eigenvalues 1/a_ij on the orthonormal basis u_i v_jᵀ of R^{d×d} (a_ij = a_ji the
 * sector ratios of {@link DlnEntropy}; a_ii = N σ_i^{2−2/N}), and e^{S} = c_d^{N−1} ∏_{i&lt;j} a_ij^{1/2}.
 * {@link PolarChart#integrate} computes the left side without any of these formulas.
 *
 * <p>{@link #integrateOverGl2} computes the right side for d = 2 through the singular values: with the SVD
 * Jacobian dX ∝ |σ_1² − σ_2²| dσ dU dV (Edelman), ∫_{R^{2×2}} F(σ(X)) dX = 4π² ∫∫_{σ_1&gt;σ_2&gt;0} F(σ)(σ_1² − σ_2²) dσ,
 * the constant fixed by ∫ e^{−‖X‖²/2} dX = (2π)² (in polar coordinates ∫∫ e^{−|σ|²/2}(σ_1² − σ_2²) dσ
 * = ∫ r³e^{−r²/2} dr · ∫_0^{π/4} cos 2φ dφ = 2 · ½ = 1).
 */
public final class Disintegration {

    private Disintegration() {
    }

    /**
     * log ρ_N = (N−1) log c_d − ½ Σ_{i&lt;j} log a_ij − ½ Σ_i log(N σ_i^{2−2/N}), for positive singular values.
     */
    public static double logDensity(double[] sigma, int depth) {
        Require.positive("sigma", sigma);
        Require.atLeast("N (depth)", depth, 1);
        double s = (depth - 1) * DlnEntropy.logVolumeOrthogonalGroup(sigma.length);
        for (int i = 0; i < sigma.length; i++) {
            s -= 0.5 * DlnEntropy.sectorLogRatio(sigma[i], sigma[i], depth);
            for (int j = i + 1; j < sigma.length; j++) {
                s -= 0.5 * DlnEntropy.sectorLogRatio(sigma[i], sigma[j], depth);
            }
        }
        return s;
    }

    /**
     * ∫_{R^{2×2}} F(σ_1(X), σ_2(X)) dX = 4π² ∫∫_{σ_1&gt;σ_2&gt;0} F(σ)(σ_1² − σ_2²) dσ, by nested adaptive Gauss–Legendre
     * quadrature (relative accuracy 1e-9) in polar coordinates σ = r(cos φ, sin φ), r &lt; cutoff, 0 &lt; φ &lt; π/4, where
     * (σ_1² − σ_2²) dσ = r³ cos 2φ dr dφ, after the substitutions r = s² (smooth at r = 0 for integrands with a
     * fractional power of r) and φ = (π/4) u^m (which makes an integrable singularity F ~ σ_2^{−(1−1/m)} at σ_2 → 0
     * smooth; m = 1: none). F must be negligible beyond |σ| = cutoff.
     */
    public static double integrateOverGl2(DoubleBinaryOperator f, int singularityOrder, double cutoff) {
        Require.notNull("f", f);
        Require.atLeast("singularityOrder", singularityOrder, 1);
        Require.positive("cutoff", cutoff);
        int m = singularityOrder;
        double quarter = Math.PI / 4;
        IterativeLegendreGaussIntegrator outer = new IterativeLegendreGaussIntegrator(16, 1e-9, 1e-15);
        IterativeLegendreGaussIntegrator in = new IterativeLegendreGaussIntegrator(16, 1e-10, 1e-16); // built once: rules are costly
        double inner = outer.integrate(Integer.MAX_VALUE, sv -> {
            double r = sv * sv;
            return 2 * sv * r * r * r * in.integrate(Integer.MAX_VALUE, u -> {
                double phi = quarter * Math.pow(u, m);
                double v = f.applyAsDouble(r * Math.cos(phi), r * Math.sin(phi));
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("f: not finite at sigma = (" + r * Math.cos(phi) + ", "
                            + r * Math.sin(phi) + ")");
                }
                return quarter * m * Math.pow(u, m - 1) * Math.cos(2 * phi) * v;
            }, 0, 1);
        }, 0, Math.sqrt(cutoff));
        return 4 * Math.PI * Math.PI * inner;
    }
}
