package cartan.orbit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CartanOrbitTest {

    @Test
    void harmonicNumbersMatchExactFractions() {
        // H_10(1) = 7381/2520, H_4(2) = 1 + 1/4 + 1/9 + 1/16 = 205/144, H_5(0) = 5
        assertEquals(7381.0 / 2520, CartanOrbit.ofWidth(10).harmonicNumber(1), 1e-14);
        assertEquals(205.0 / 144, CartanOrbit.ofWidth(4).harmonicNumber(2), 1e-14);
        assertEquals(5, CartanOrbit.ofWidth(5).harmonicNumber(0), 1e-14);
        // negative s: H_3(-1) = 1 + 2 + 3
        assertEquals(6, CartanOrbit.ofWidth(3).harmonicNumber(-1), 1e-13);
    }

    @Test
    void harmonicNumberApproachesZetaTwo() {
        // H_d(2) = π²/6 − 1/d + 1/(2d²) − 1/(6d³) + O(d⁻⁵) (Euler–Maclaurin tail of ζ(2))
        int d = 1000;
        double expected = Math.PI * Math.PI / 6 - 1.0 / d + 1.0 / (2.0 * d * d) - 1.0 / (6.0 * d * d * d);
        assertEquals(expected, CartanOrbit.ofWidth(d).harmonicNumber(2), 1e-14);
    }

    @Test
    void logPartitionIsStableForLargeExponents() {
        // ψ(s) → 0 as s → ∞ (only k = 1 survives); H_d(200) − 1 = 2^{-200} + … underflows gracefully
        assertEquals(Math.pow(2, -200), CartanOrbit.ofWidth(50).logPartition(200), 1e-70);
        // s → −∞: ψ(s) ≈ −s log d
        double psi = CartanOrbit.ofWidth(10).logPartition(-500);
        assertEquals(500 * Math.log(10) + Math.log1p(Math.pow(0.9, 500)), psi, 1e-10);
    }

    @Test
    void weightsAreAProbabilityVectorWithPowerLawRatios() {
        double[] p = CartanOrbit.ofWidth(30).weights(1.3);
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        assertEquals(1, sum, 1e-14);
        assertEquals(Math.pow(7.0 / 3.0, -1.3), p[6] / p[2], 1e-13);
    }

    @Test
    void derivativesOfLogPartitionAreMomentsByFiniteDifferences() {
        CartanOrbit orbit = CartanOrbit.ofWidth(64);
        double h = 1e-3;
        for (double s : new double[] {0, 0.4, 1, 2.5}) {
            // five-point stencils (error O(h⁴)) as an independent route to ψ', ψ'', ψ'''
            double f2m = orbit.logPartition(s - 2 * h), f1m = orbit.logPartition(s - h), f0 = orbit.logPartition(s);
            double f1p = orbit.logPartition(s + h), f2p = orbit.logPartition(s + 2 * h);
            double d1 = (f2m - 8 * f1m + 8 * f1p - f2p) / (12 * h);
            double d2 = (-f2m + 16 * f1m - 30 * f0 + 16 * f1p - f2p) / (12 * h * h);
            double d3 = (-f2m + 2 * f1m - 2 * f1p + f2p) / (2 * h * h * h);
            assertEquals(-orbit.meanLogRank(s), d1, 1e-10, "psi' at s=" + s);
            assertEquals(orbit.fisherInformation(s), d2, 1e-8, "psi'' at s=" + s);
            assertEquals(-orbit.thirdCentralMoment(s), d3, 1e-4, "psi''' at s=" + s);
        }
    }

    @Test
    void klClosedFormMatchesDirectSumAndFisherAction() {
        CartanOrbit orbit = CartanOrbit.ofWidth(40);
        for (double[] ab : new double[][] {{0, 1}, {1.7, 0.2}, {0.5, 0.5001}}) {
            double direct = SpectralDistances.klDivergence(orbit.weights(ab[0]), orbit.weights(ab[1]));
            assertEquals(direct, orbit.klDivergence(ab[0], ab[1]), 1e-13);
            assertEquals(direct, orbit.klAsFisherIntegral(ab[0], ab[1], 400), 1e-11);
        }
        assertEquals(0, orbit.klDivergence(0.7, 0.7), 0);
    }

    @Test
    void hellingerAndBuresClosedFormsMatchDirectComputations() {
        CartanOrbit orbit = CartanOrbit.ofWidth(12);
        double a = 0.3, b = 2.1;
        double hel = SpectralDistances.hellingerSquared(orbit.weights(a), orbit.weights(b));
        assertEquals(hel, orbit.hellingerSquared(a, b), 1e-14);
        double bw = SpectralDistances.buresWassersteinSquared(orbit.point(a), orbit.point(b));
        assertEquals(bw, orbit.buresWassersteinSquared(a, b), 1e-12);
        double bc = 0;
        double[] p = orbit.weights(a);
        double[] q = orbit.weights(b);
        for (int i = 0; i < p.length; i++) {
            bc += Math.sqrt(p[i] * q[i]);
        }
        assertEquals(bc, orbit.bhattacharyya(a, b), 1e-14);
    }

    @Test
    void arcLengthIsTheLimitOfInscribedPolygons() {
        // the BW length of a fine polygon inscribed in the curve (chords between close orbit points)
        // converges to the arc length from below
        CartanOrbit orbit = CartanOrbit.ofWidth(20);
        double a = 0.2, b = 2.2;
        int n = 4000;
        double polygon = 0;
        for (int i = 0; i < n; i++) {
            double s0 = a + (b - a) * i / n, s1 = a + (b - a) * (i + 1) / n;
            polygon += Math.sqrt(orbit.buresWassersteinSquared(s0, s1));
        }
        double arc = orbit.arcLength(a, b);
        assertTrue(polygon <= arc + 1e-12);
        assertEquals(arc, polygon, 1e-6);
    }

    @Test
    void identityIsTheOrbitPointAtZero() {
        assertEquals(0, CartanOrbit.ofWidth(9).buresWassersteinSquared(0, 0), 0);
        double[] lambda = CartanOrbit.ofWidth(9).eigenvalues(0);
        for (double v : lambda) {
            assertEquals(1, v, 1e-15);
        }
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CartanOrbit.ofWidth(0));
        assertTrue(e.getMessage().startsWith("d:"), e.getMessage());
        CartanOrbit orbit = CartanOrbit.ofWidth(5);
        e = assertThrows(IllegalArgumentException.class, () -> orbit.logPartition(Double.NaN));
        assertTrue(e.getMessage().startsWith("s:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> orbit.weights(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> orbit.hellingerSquared(Double.NaN, 1));
        e = assertThrows(IllegalArgumentException.class, () -> orbit.arcLength(0, 1, 1));
        assertTrue(e.getMessage().startsWith("intervals:"), e.getMessage());
    }
}
