package cartan.orbit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same top weight as the orbit point, a k^{-2γ} bulk, weights summing to 1. */
class EqualTopPairsTest {

    @Test
    void topWeightOfTheOrbitPointAndAPowerLawBulk() {
        int d = 20;
        double beta = 0.6, gamma = 1.1;
        double[] q = EqualTopPairs.weights(CartanOrbit.ofWidth(d), beta, gamma);
        double h = 0;
        for (int k = 1; k <= d; k++) {
            h += Math.pow(k, -2 * beta);
        }
        assertEquals(1 / h, q[0], 1e-15);   // p_1 = 1/H_d(2β)
        double sum = 0;
        for (double v : q) {
            sum += v;
        }
        assertEquals(1, sum, 1e-14);
        for (int k = 3; k <= d; k++) {
            assertEquals(Math.pow(k / 2.0, -2 * gamma), q[k - 1] / q[1], 1e-13, "rank " + k);
        }
    }

    @Test
    void flatBulkIsTheSpikePair() {
        double[] q = EqualTopPairs.weights(CartanOrbit.ofWidth(5), 0.5, 0);
        double p1 = 1 / (1 + 0.5 + 1 / 3.0 + 0.25 + 0.2);
        assertArrayEquals(new double[] {p1, (1 - p1) / 4, (1 - p1) / 4, (1 - p1) / 4, (1 - p1) / 4}, q, 1e-15);
    }

    @Test
    void drawsKeepSortedWeightsAndSeparatedExponents() {
        CartanOrbit orbit = CartanOrbit.ofWidth(64);
        List<double[]> pairs = EqualTopPairs.draw(orbit, 21, new SplittableRandom(2605));
        assertEquals(21, pairs.size());
        assertArrayEquals(new double[] {0.5, 0}, pairs.get(0));
        for (double[] bg : pairs.subList(1, 21)) {
            assertTrue(bg[0] >= 0.3 && bg[0] <= 0.8 && bg[1] >= 0 && bg[1] <= 1.5, "range " + bg[0] + ", " + bg[1]);
            assertTrue(Math.abs(bg[1] - bg[0]) > 0.1);
            double[] q = EqualTopPairs.weights(orbit, bg[0], bg[1]);
            assertTrue(q[1] <= q[0]);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        rejects("orbit", () -> EqualTopPairs.weights(null, 0.5, 0));
        rejects("orbit", () -> EqualTopPairs.weights(CartanOrbit.ofWidth(1), 0.5, 0));
        rejects("gamma", () -> EqualTopPairs.weights(CartanOrbit.ofWidth(4), 0.5, Double.NaN));
        rejects("count", () -> EqualTopPairs.draw(CartanOrbit.ofWidth(4), 0, new SplittableRandom(1)));
    }
}
