package cartan.orbit;

import java.util.function.DoubleUnaryOperator;

/**
 * Composite Simpson's rule ∫_a^b f ≈ (h/3)[f(x_0) + 4f(x_1) + 2f(x_2) + … + f(x_n)], n even,
 * h = (b − a)/n. For f with a bounded fourth derivative the error is −(b − a)h⁴f⁽⁴⁾(ξ)/180.
 */
final class Simpson {

    private Simpson() {
    }

    static double integrate(DoubleUnaryOperator f, double a, double b, int intervals) {
        int n = intervals % 2 == 0 ? intervals : intervals + 1;
        double h = (b - a) / n;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return sum * h / 3;
    }
}
