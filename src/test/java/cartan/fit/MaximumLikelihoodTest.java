package cartan.fit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Nelder–Mead driver behind the two-parameter tail MLEs, on functions whose minimisers are known in
 * closed form or from scipy: a curved valley that a single simplex run leaves short of the optimum, two
 * basins of which the deeper must win whatever the order of the starts, and a domain edge where the
 * objective is NaN.
 */
class MaximumLikelihoodTest {

    /**
     * Rosenbrock's (1 − x)² + 100 (y − x²)² from the classic start (−1.2, 1): minimiser (1, 1) exactly.
     * Tolerance 1e-9: the minimum value is 0, so the checker's 1e-14 relative criterion keeps the restarts
     * going until f is at rounding level (f ≈ (Δx)² near (1, 1), so Δx ~ 1e-10 or less).
     */
    @Test
    void rosenbrockValleyIsFollowedToItsMinimum() {
        double[] p = MaximumLikelihood.minimize(
                q -> (1 - q[0]) * (1 - q[0]) + 100 * (q[1] - q[0] * q[0]) * (q[1] - q[0] * q[0]),
                new double[][]{{-1.2, 1}}, new double[]{0.5, 0.5});
        assertArrayEquals(new double[]{1, 1}, p, 1e-9);
    }

    /**
     * (x² − 1)² + 0.3x + y² has two minima on y = 0, at the roots of 4x(x² − 1) + 0.3 = 0:
     * x = −1.0355787140888537 (f = −0.305428483743916) and x = 0.9601495555191056 (f = 0.29414648102826285)
     * (scipy.optimize.brentq on [−1.5, −0.5] and [0.5, 1.5]). Started in both basins, in either order,
     * the deeper one is returned. Tolerance 1e-6: at a quadratic minimum of value ~0.3 and curvature ~8,
     * stopping at 1e-14 relative in f leaves Δx of order √(0.3e-14/8) ≈ 2e-8.
     */
    @Test
    void theDeeperOfTwoBasinsWinsInEitherOrder() {
        org.hipparchus.analysis.MultivariateFunction f =
                q -> (q[0] * q[0] - 1) * (q[0] * q[0] - 1) + 0.3 * q[0] + q[1] * q[1];
        double[] steps = {0.1, 0.1};
        double[] deep = {-1.0355787140888537, 0};
        assertArrayEquals(deep, MaximumLikelihood.minimize(f, new double[][]{{-1, 0.2}, {1, 0.2}}, steps), 1e-6);
        assertArrayEquals(deep, MaximumLikelihood.minimize(f, new double[][]{{1, 0.2}, {-1, 0.2}}, steps), 1e-6);
        double[] shallow = {0.9601495555191056, 0};
        assertArrayEquals(shallow, MaximumLikelihood.minimize(f, new double[][]{{1, 0.2}}, steps), 1e-6);
    }

    /**
     * x − ln x + (y − 2)², NaN for x ≤ 0 (ln of a negative): minimiser (1, 2), reached from a start next to
     * the edge with steps that cross it, because NaN counts as +∞. Tolerance 1e-6 as above.
     */
    @Test
    void nanOutsideTheDomainCountsAsInfinity() {
        double[] p = MaximumLikelihood.minimize(q -> q[0] - Math.log(q[0]) + (q[1] - 2) * (q[1] - 2),
                new double[][]{{0.05, 0}}, new double[]{1, 1});
        assertArrayEquals(new double[]{1, 2}, p, 1e-6);
    }

    /** Brent: (x − 2)² on [0, 5] has its minimiser at 2; x − ln x on [−3, 4] at 1, with NaN left of 0 counted as +∞. */
    @Test
    void univariateMinimum() {
        assertEquals(2.0, MaximumLikelihood.minimize(x -> (x - 2) * (x - 2), 0, 5), 1e-6);
        assertEquals(1.0, MaximumLikelihood.minimize(x -> x - Math.log(x), -3, 4), 1e-6);
    }
}
