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

    /** p1_reference.py: scipy quad of (d/4)(b−a)²∫I and the Jeffreys divergence from the weights. */
    @Test
    void buresActionIsTheFisherEnergyAndBoundsTheSquaredDistance() {
        CartanOrbit o = CartanOrbit.ofWidth(20);
        assertEquals(4.715822426285311, o.buresAction(0.5, 1.5), 1e-12);
        assertEquals(o.buresAction(0.5, 1.5), o.buresAction(1.5, 0.5), 1e-14);
        assertEquals(20 / 4.0 * (o.klDivergence(0.5, 1.5) + o.klDivergence(1.5, 0.5)), o.buresAction(0.5, 1.5), 1e-12);
        double[][] pairs = {{0, 3}, {0.8, 0.81}, {2, 0.1}, {-1, 1}};
        for (double[] ab : pairs) {
            double bw = o.buresWassersteinSquared(ab[0], ab[1]);
            double arc = o.arcLength(ab[0], ab[1]);
            assertTrue(bw <= arc * arc * (1 + 1e-12), "chord <= arc");
            assertTrue(arc * arc <= o.buresAction(ab[0], ab[1]) * (1 + 1e-12), "arc^2 <= action (Cauchy-Schwarz)");
        }
        // for nearby points all three agree to first order: ratio -> 1
        assertEquals(1, o.buresWassersteinSquared(0.8, 0.8001) / o.buresAction(0.8, 0.8001), 1e-4);
    }

    /** p1_reference.py: scipy brentq on each side of s = 1, d = 20, h = 0.3. */
    @Test
    void hellingerRadiusInvertsTheOrbitDistance() {
        CartanOrbit o = CartanOrbit.ofWidth(20);
        assertEquals(0.6445826552319789, o.hellingerRadius(1, 0.3), 1e-11);
        assertEquals(0.3 * 0.3, o.hellingerSquared(1, 1 + o.hellingerRadius(1, 0.3)), 1e-12);
        assertTrue(o.hellingerRadius(1, 0) < 1e-7); // resolved to √ε: Hel² cancels below ~1e-16
        // beyond the limit towards +inf (0.9724...) the upper side is unbounded
        assertEquals(Double.POSITIVE_INFINITY, o.hellingerRadius(1, 0.98));
        // a brute-force scan: every t farther than the radius is farther than h, on both sides, and one
        // side reaches h exactly at the radius
        double r = o.hellingerRadius(0.4, 0.2);
        for (int i = 1; i <= 400; i++) {
            double t = r * (1 + i / 100.0);
            assertTrue(o.hellingerSquared(0.4, 0.4 + t) > 0.04 && o.hellingerSquared(0.4, 0.4 - t) > 0.04);
        }
        assertEquals(0.04, Math.min(o.hellingerSquared(0.4, 0.4 + r), o.hellingerSquared(0.4, 0.4 - r)), 1e-12);
    }

    @Test
    void pointInAFrameIsTheRotatedDiagonalPoint() {
        CartanOrbit o = CartanOrbit.ofWidth(6);
        org.ejml.data.DMatrixRMaj r = cartan.linalg.RandomMatrices.haarOrthogonal(6, 3L);
        org.ejml.data.DMatrixRMaj t = new org.ejml.data.DMatrixRMaj(6, 6);
        org.ejml.data.DMatrixRMaj expected = new org.ejml.data.DMatrixRMaj(6, 6);
        org.ejml.dense.row.CommonOps_DDRM.mult(r, o.point(0.7), t);
        org.ejml.dense.row.CommonOps_DDRM.multTransB(t, r, expected);
        org.ejml.data.DMatrixRMaj got = o.point(0.7, r);
        for (int i = 0; i < 36; i++) {
            assertEquals(expected.data[i], got.data[i], 1e-13);
        }
        assertThrows(IllegalArgumentException.class, () -> o.point(0.7, org.ejml.dense.row.CommonOps_DDRM.identity(5)));
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
