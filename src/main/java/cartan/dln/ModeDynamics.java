package cartan.dln;

import cartan.Require;

/**
 * Decoupled singular-value dynamics of a balanced deep linear network (Saxe–McClelland–Ganguli;
 * Arora–Cohen–Hu–Luo) for the loss ½‖J − Y‖_F² with a target aligned to J:
 * <pre>
 *   σ̇_k = N σ_k^{2−2/N} (y_k − σ_k).
 * </pre>
 * For N = 2 the solution is logistic, σ(t) = y / (1 + (y/σ_0 − 1) e^{−2yt}).
 * This is the mode equation of the {@link DeepLinearNetwork} on the balanced manifold; it tests the
 * decoupling of modes in {@link GatedLinearNetwork}s.
 */
public final class ModeDynamics {

    private ModeDynamics() {
    }

    /** N σ^{2−2/N}(y − σ), N ≥ 1, σ ≥ 0. */
    public static double rate(int depth, double sigma, double target) {
        Require.atLeast("depth", depth, 1);
        Require.nonNegative("sigma", sigma);
        Require.finite("target", target);
        return depth * Math.pow(sigma, 2 - 2.0 / depth) * (target - sigma);
    }

    /** The N = 2 closed form y / (1 + (y/σ_0 − 1) e^{−2yt}), y &gt; 0, σ_0 &gt; 0, t ≥ 0. */
    public static double depthTwo(double target, double sigma0, double t) {
        Require.positive("target", target);
        Require.positive("sigma0", sigma0);
        Require.nonNegative("t", t);
        return target / (1 + (target / sigma0 - 1) * Math.exp(-2 * target * t));
    }

    /**
     * RK4 solution of σ̇ = N σ^{2−2/N}(y − σ) from σ(0) = σ_0, returning σ at t = 0, dt, …, steps·dt.
     */
    public static double[] trajectory(int depth, double target, double sigma0, double dt, int steps) {
        Require.atLeast("depth", depth, 1);
        Require.finite("target", target);
        Require.positive("sigma0", sigma0);
        Require.positive("dt", dt);
        Require.atLeast("steps", steps, 1);
        double[] out = new double[steps + 1];
        double[] s = {sigma0};
        out[0] = sigma0;
        for (int i = 1; i <= steps; i++) {
            s = RungeKutta4.step(s, dt, x -> new double[] {f(depth, x[0], target)},
                    (x, a, y) -> new double[] {x[0] + a * y[0]});
            if (!Double.isFinite(s[0])) {
                throw new IllegalStateException("the mode ODE diverged at step " + i + "; reduce dt");
            }
            out[i] = s[0];
        }
        return out;
    }

    private static double f(int n, double s, double y) {
        double a = Math.max(s, 0);
        return n * Math.pow(a, 2 - 2.0 / n) * (y - s);
    }
}
