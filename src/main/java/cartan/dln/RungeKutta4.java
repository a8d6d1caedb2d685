package cartan.dln;

import java.util.function.UnaryOperator;

/**
 * The classical fourth-order Runge–Kutta step for ẋ = f(x) on a vector space V (matrices, tuples of
 * matrices, numbers), the one RK4 of the deep-linear-network family ({@link DeepLinearNetwork},
 * {@link EndToEndFlow}, {@link GatedLinearNetwork}, {@link ModeDynamics}):
 *
 * <pre>
 *   k₁ = f(x),  k₂ = f(x + h/2·k₁),  k₃ = f(x + h/2·k₂),  k₄ = f(x + h·k₃),
 *   x ← x + h/6·k₁ + h/3·k₂ + h/3·k₃ + h/6·k₄.
 * </pre>
 *
 * A gradient flow ẋ = −g(x) is the step of ẋ = g(x) with h = −dt (the same stages and result), so no
 * negated copies are made. Hipparchus' {@code ClassicalRungeKuttaIntegrator} (module hipparchus-ode) would
 * need every state flattened into a {@code double[]} and back at each stage; the states here are matrix
 * tuples, hence this generic step.
 */
final class RungeKutta4 {

    /** The vector-space operation the step needs: x + a·y as a new value (x and y unchanged). */
    @FunctionalInterface
    interface Axpy<V> {
        V apply(V x, double a, V y);
    }

    private RungeKutta4() {
    }

    /** One step of size h for ẋ = f(x). */
    static <V> V step(V x, double h, UnaryOperator<V> f, Axpy<V> axpy) {
        V k1 = f.apply(x);
        V k2 = f.apply(axpy.apply(x, h / 2, k1));
        V k3 = f.apply(axpy.apply(x, h / 2, k2));
        V k4 = f.apply(axpy.apply(x, h, k3));
        V out = axpy.apply(x, h / 6, k1);
        out = axpy.apply(out, h / 3, k2);
        out = axpy.apply(out, h / 3, k3);
        return axpy.apply(out, h / 6, k4);
    }
}
