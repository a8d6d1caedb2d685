package cartan.dln;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

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

    private static DMatrixRMaj axpy(DMatrixRMaj x, double a, DMatrixRMaj y) {
        DMatrixRMaj out = x.copy();
        CommonOps_DDRM.addEquals(out, a, y);
        return out;
    }
}
