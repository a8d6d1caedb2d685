package cartan.special;

import cartan.Require;

/**
 * Digamma ψ and trigamma ψ' to full double precision for x &gt; 0. (Hipparchus' {@code Gamma.digamma}
 * is accurate only to about 1e-9, too coarse to test closed forms against high-precision values.)
 * Method: the recurrences ψ(x) = ψ(x+1) − 1/x and ψ'(x) = ψ'(x+1) + 1/x² lift x to at least 12, then
 * the asymptotic (Stirling) series with Bernoulli numbers B_2 … B_14, whose first omitted term is
 * below 1e-17 there.
 */
public final class Polygamma {

    private static final double SHIFT = 12;

    private Polygamma() {
    }

    /** ψ(x) = d/dx log Γ(x), x &gt; 0. */
    public static double digamma(double x) {
        Require.positive("x", x);
        double acc = 0;
        while (x < SHIFT) {
            acc -= 1 / x;
            x += 1;
        }
        double r = 1 / (x * x);
        double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132
                - r * (691.0 / 32760 - r / 12))))));
        return acc + Math.log(x) - 0.5 / x - series;
    }

    /** ψ'(x), x &gt; 0. */
    public static double trigamma(double x) {
        Require.positive("x", x);
        double acc = 0;
        while (x < SHIFT) {
            acc += 1 / (x * x);
            x += 1;
        }
        double r = 1 / (x * x);
        double series = 1 / x + r / 2 + (1 / x) * r * (1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30
                - r * (5.0 / 66 - r * (691.0 / 2730 - r * 7.0 / 6))))));
        return acc + series;
    }
}
