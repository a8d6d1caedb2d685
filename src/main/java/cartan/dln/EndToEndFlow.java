package cartan.dln;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;

import java.util.function.UnaryOperator;

/**
 * The end-to-end dynamics of a balanced deep linear network (Arora–Cohen–Hazan, Thm 2):
 * <pre>
 *   Ẋ = −A_{N,X}(∇E(X)) = −Σ_p (XXᵀ)^{(N−p)/N} ∇E(X) (XᵀX)^{(p−1)/N},
 * </pre>
 * integrated here directly in X-space (classical RK4), independently of any parametrisation. With
 * balanced initial weights, φ(W(t)) for the parameter flow equals X(t).
 *
 * @param depth N ≥ 1
 * @param loss  the loss E on end-to-end matrices, given by its gradient
 */
public record EndToEndFlow(int depth, LossGradient loss) {

    /** Validates N ≥ 1 and a non-null loss. */
    public EndToEndFlow {
        Require.atLeast("N (depth)", depth, 1);
        Require.notNull("loss", loss);
    }

    /** The velocity −A_{N,X}(∇E(X)). */
    public DMatrixRMaj velocity(DMatrixRMaj x) {
        Require.square("X", x);
        DMatrixRMaj g = loss.gradient(x);
        if (g == null) {
            throw new IllegalArgumentException("loss: returned a null gradient");
        }
        Require.finite("loss gradient", g);
        Require.sameShape("X", x, "loss gradient", g);
        DMatrixRMaj v = EndToEndOperator.of(x, depth).apply(g);
        CommonOps_DDRM.scale(-1, v);
        return v;
    }

    /** One classical RK4 step of size dt. */
    public DMatrixRMaj rk4Step(DMatrixRMaj x, double dt) {
        Require.positive("dt", dt);
        return RungeKutta4.step(x, dt, this::velocity, EndToEndFlow::axpy);
    }

    /** {@code steps} RK4 steps of size dt from X_0. */
    public DMatrixRMaj rk4(DMatrixRMaj x0, double dt, int steps) {
        Require.square("X0", x0);
        Require.positive("dt", dt);
        Require.atLeast("steps", steps, 0);
        DMatrixRMaj x = x0.copy();
        for (int s = 0; s < steps; s++) {
            x = rk4Step(x, dt);
        }
        return x;
    }

    /**
     * {@code steps} classical RK4 steps of size dt for any matrix ODE Ẋ = F(X) from X_0 (the same RK4 as
     * {@link #rk4}); used to integrate rival end-to-end dynamics side by side with this one.
     */
    public static DMatrixRMaj integrate(UnaryOperator<DMatrixRMaj> velocity, DMatrixRMaj x0, double dt, int steps) {
        Require.notNull("velocity", velocity);
        Require.finite("X0", x0);
        Require.positive("dt", dt);
        Require.atLeast("steps", steps, 0);
        DMatrixRMaj x = x0.copy();
        for (int s = 0; s < steps; s++) {
            x = RungeKutta4.step(x, dt, velocity, EndToEndFlow::axpy);
            if (MatrixFeatures_DDRM.hasUncountable(x)) {
                throw new IllegalStateException("the flow left the finite matrices at step " + (s + 1) + "; reduce dt");
            }
        }
        return x;
    }

    private static DMatrixRMaj axpy(DMatrixRMaj x, double a, DMatrixRMaj y) {
        DMatrixRMaj out = x.copy();
        CommonOps_DDRM.addEquals(out, a, y);
        return out;
    }
}
