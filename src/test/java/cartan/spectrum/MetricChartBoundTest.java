package cartan.spectrum;

import cartan.orbit.CartanOrbit;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On the orbit the bound is the exponent gap itself; off the orbit it bounds the gap. */
class MetricChartBoundTest {

    @Test
    void orbitPointsHaveTheirExponentAndATightBound() {
        CartanOrbit orbit = CartanOrbit.ofWidth(32);
        for (double[] st : new double[][] {{0.4, 1.0}, {1.6, 0.2}, {0.9, 0.95}}) {
            double[] p = orbit.weights(st[0]);
            double[] q = orbit.weights(st[1]);
            assertEquals(st[0] / 2, MetricChartBound.exponent(p), 1e-12);   // σ_k = √p_k ∝ k^{−s/2}
            // h_p = h_q = 0, so the bound is ½ρ_s(Hel(p_s, p_t)): the radius r reaches |t − s| on t's side and
            // Hel(p_s, p_{s±r}) = Hel(p_s, p_t) on the side where it is attained (summed here from the weights)
            double r = 2 * MetricChartBound.of(orbit, p, q);
            double h = hel(p, q);
            assertTrue(r >= Math.abs(st[1] - st[0]) - 1e-7, "radius " + r);
            double up = hel(p, orbit.weights(st[0] + r));
            double down = hel(p, orbit.weights(st[0] - r));
            assertTrue(Math.abs(up - h) < 1e-7 || Math.abs(down - h) < 1e-7, "attained: " + up + ", " + down + " vs " + h);
        }
    }

    @Test
    void boundsTheGapOfPerturbedSpectra() {
        CartanOrbit orbit = CartanOrbit.ofWidth(24);
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 20; t++) {
            double[] p = perturbed(orbit.weights(2 * r.nextDouble()), r);
            double[] q = perturbed(orbit.weights(2 * r.nextDouble()), r);
            double gap = Math.abs(MetricChartBound.exponent(p) - MetricChartBound.exponent(q));
            assertTrue(gap <= MetricChartBound.of(orbit, p, q) * (1 + 1e-9), "draw " + t);
        }
    }

    private static double hel(double[] p, double[] q) {
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += (Math.sqrt(p[k]) - Math.sqrt(q[k])) * (Math.sqrt(p[k]) - Math.sqrt(q[k]));
        }
        return Math.sqrt(s);
    }

    private static double[] perturbed(double[] p, SplittableRandom r) {
        double[] q = new double[p.length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            q[k] = p[k] * Math.exp(0.4 * (r.nextDouble() - 0.5));
            sum += q[k];
        }
        for (int k = 0; k < p.length; k++) {
            q[k] /= sum;
        }
        return q;
    }

    @Test
    void badArgumentsAreNamed() {
        CartanOrbit orbit = CartanOrbit.ofWidth(4);
        rejects("orbit", () -> MetricChartBound.of(null, orbit.weights(0), orbit.weights(1)));
        rejects("p", () -> MetricChartBound.of(orbit, new double[] {0.5, 0.5, 0, 0}, orbit.weights(1)));
        rejects("p", () -> MetricChartBound.of(orbit, orbit.weights(0), CartanOrbit.ofWidth(5).weights(1)));
    }
}
