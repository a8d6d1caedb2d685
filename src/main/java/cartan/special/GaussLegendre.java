package cartan.special;

import org.hipparchus.analysis.integration.gauss.LegendreRuleFactory;
import org.hipparchus.util.Pair;

/**
 * The n-point Gauss–Legendre rule on [0, 1]:
 * <pre>
 *   ∫_0^1 f(t) dt ≈ Σ_i w_i f(t_i),   t_i = (1 + x_i)/2,   w_i = W_i / 2,
 * </pre>
 * with (x_i, W_i) Hipparchus' double-precision rule on [−1, 1] (exact for polynomials of degree ≤ 2n − 1).
 * Built from {@link LegendreRuleFactory} directly: {@code GaussIntegratorFactory} would also build a
 * high-precision {@code Dfp} field, about 0.1 s of every start-up, that a double rule never uses.
 */
public final class GaussLegendre {

    private final double[] nodes;
    private final double[] weights;

    private GaussLegendre(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * The rule with {@code n} points on [0, 1].
     *
     * @throws IllegalArgumentException if n &lt; 1
     */
    public static GaussLegendre onUnitInterval(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: a Gauss–Legendre rule needs at least 1 point, got " + n);
        }
        Pair<double[], double[]> rule = new LegendreRuleFactory().getRule(n);
        double[] t = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = rule.getFirst()[i] * 0.5 + 0.5;
            w[i] = rule.getSecond()[i] * 0.5;
        }
        return new GaussLegendre(t, w);
    }

    /** Number of points. */
    public int size() {
        return nodes.length;
    }

    /** The nodes t_i in (0, 1), ascending (a copy). */
    public double[] nodes() {
        return nodes.clone();
    }

    /** The weights w_i, summing to 1 (a copy). */
    public double[] weights() {
        return weights.clone();
    }
}
