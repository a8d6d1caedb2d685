package cartan.rank;

import cartan.spectrum.Spectrum;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantileRankTest {

    static final double[] S = {0.5, 1, 1.5, 2, 3};
    static final int[] D = {100, 1000, 10000};
    /** numpy reference.py: exact r_0.9 for s in S (rows) and d in D (columns). */
    static final int[][] EXACT = {{83, 815, 8114}, {60, 473, 3758}, {21, 40, 51}, {6, 6, 6}, {2, 2, 2}};

    @Test
    void exactRanksMatchNumpyAndTheSpectrumClass() {
        for (int i = 0; i < S.length; i++) {
            for (int j = 0; j < D.length; j++) {
                assertEquals(EXACT[i][j], QuantileRank.exact(S[i], D[j], 0.9), "s=" + S[i] + " d=" + D[j]);
            }
        }
        assertEquals(Spectrum.powerLaw(300, 0.35).energyQuantileRank(0.99), QuantileRank.exact(0.7, 300, 0.99));
        assertEquals(300, QuantileRank.exact(0.7, 300, 1.0));
        assertEquals(1, QuantileRank.exact(0, 1, 0.5));
        // s = 0: uniform weights, r_tau = ceil(tau d)
        assertEquals(90, QuantileRank.exact(0, 100, 0.9));
    }

    @Test
    void integralTailBoundsBracketEveryTail() {
        for (double s : new double[]{0, 0.3, 0.5, 1, 1.5, 2, 3}) {
            for (int d : new int[]{1, 7, 100, 1000}) {
                for (int k = 1; k <= d; k++) {
                    double t = QuantileRank.tail(s, d, k);
                    double lo = QuantileRank.tailLowerBound(s, d, k);
                    double hi = QuantileRank.tailUpperBound(s, d, k);
                    assertTrue(lo <= t * (1 + 1e-13) && t <= hi * (1 + 1e-13) + 1e-300,
                            "s=" + s + " d=" + d + " k=" + k + ": " + lo + " " + t + " " + hi);
                }
            }
        }
        // closed forms: s = 2, integral_k^d x^-2 = 1/k - 1/d; s = 1: log(d/k)
        assertEquals(1.0 / 3 - 1.0 / 10, QuantileRank.tailUpperBound(2, 10, 3), 1e-15);
        assertEquals(Math.log(10.0 / 3), QuantileRank.tailUpperBound(1, 10, 3), 1e-15);
        // continuity through s = 1
        assertEquals(Math.log(10.0 / 3), QuantileRank.tailUpperBound(1 + 1e-9, 10, 3), 1e-8);
        assertEquals(QuantileRank.harmonic(10, 1.3) - 1, QuantileRank.tail(1.3, 10, 1), 1e-14);
    }

    @Test
    void rankBoundsContainTheExactRank() {
        for (double s : new double[]{0.2, 0.5, 1, 1.5, 2, 3}) {
            for (int d : D) {
                for (double tau : new double[]{0.5, 0.9, 0.99}) {
                    RankBounds b = QuantileRank.bounds(s, d, tau);
                    int r = QuantileRank.exact(s, d, tau);
                    assertTrue(b.contains(r), "s=" + s + " d=" + d + " tau=" + tau + " " + b + " r=" + r);
                }
            }
        }
    }

    @Test
    void harmonicNumbersAndTheIntensiveLimit() {
        assertEquals(10, QuantileRank.harmonic(10, 0), 1e-14);
        assertEquals(1 + 0.5 + 1.0 / 3 + 0.25, QuantileRank.harmonic(4, 1), 1e-15);
        assertEquals(1 + 0.25 + 1.0 / 9, QuantileRank.harmonic(3, 2), 1e-15);
        // s = 3, tau = 0.5: [(0.5)(2) zeta(3)]^{-1/2}
        assertEquals(1 / Math.sqrt(1.202056903159594), QuantileRank.intensiveLimit(3, 0.5), 1e-14);
        assertEquals(new RankBounds(2, 4).contains(3), true);
        assertEquals(new RankBounds(2, 4).contains(5), false);
    }

    @Test
    void asymptoticRegimes() {
        assertEquals(0.81 * 1000, QuantileRank.asymptotic(0.5, 1000, 0.9), 1e-9);
        assertEquals(Math.pow(1000, 0.9), QuantileRank.asymptotic(1, 1000, 0.9), 1e-9);
        // s = 2: [(0.1)(1)(pi^2/6)]^-1
        assertEquals(60 / (Math.PI * Math.PI), QuantileRank.asymptotic(2, 1000, 0.9), 1e-12);
        assertEquals(Regime.EXTENSIVE, Regime.of(0.99));
        assertEquals(Regime.CRITICAL, Regime.of(1));
        assertEquals(Regime.INTENSIVE, Regime.of(1.01));
        // the exact rank approaches the limits as d grows (theorems.md E1.6)
        assertEquals(1.0, QuantileRank.exact(0.5, 1_000_000, 0.9) / QuantileRank.asymptotic(0.5, 1_000_000, 0.9), 2e-3);
        assertEquals(6, QuantileRank.exact(2, 1_000_000, 0.9));
    }

    @Test
    void eulerMaclaurinEstimateIsWithinOneOfTheExactRank() {
        for (double s : new double[]{0.3, 0.5, 1, 1.5, 2, 3}) {
            for (int d : D) {
                double x = QuantileRank.eulerMaclaurin(s, d, 0.9);
                int r = QuantileRank.exact(s, d, 0.9);
                assertTrue(Math.abs(r - x) <= 1, "s=" + s + " d=" + d + " x=" + x + " r=" + r);
            }
        }
    }

    /** p1_reference.py (numpy cumulative sums); η = 0 gives the exact rank; random and extremal perturbations. */
    @Test
    void approximatePowerLawBoundsBracketPerturbedSpectra() {
        assertEquals(new RankBounds(345, 595), QuantileRank.approximateBounds(1, 1000, 0.9, 0.2));
        assertEquals(new RankBounds(300, 349), QuantileRank.approximateBounds(0.5, 500, 0.8, 0.1));
        assertEquals(new RankBounds(5, 29), QuantileRank.approximateBounds(2, 300, 0.95, 0.5));
        for (double s : new double[] {0.5, 1, 1.7}) {
            int r = QuantileRank.exact(s, 400, 0.9);
            assertEquals(new RankBounds(r, r), QuantileRank.approximateBounds(s, 400, 0.9, 0));
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        double eta = 0.3;
        for (int trial = 0; trial < 50; trial++) {
            double s = 0.3 + 1.5 * rnd.nextDouble();
            double[] w = new double[300];
            for (int k = 1; k <= 300; k++) {
                w[k - 1] = Math.pow(k, -s) * Math.exp(eta * (2 * rnd.nextDouble() - 1));
            }
            int r = cartan.spectrum.Spectrum.ofSingularValues(sqrt(w)).energyQuantileRank(0.9);
            assertTrue(QuantileRank.approximateBounds(s, 300, 0.9, eta).contains(r), "trial " + trial);
        }
        // the lower end is attained: front-loaded extremal perturbation
        RankBounds b = QuantileRank.approximateBounds(1.1, 300, 0.9, eta);
        double[] w = new double[300];
        for (int k = 1; k <= 300; k++) {
            w[k - 1] = Math.pow(k, -1.1) * Math.exp(k <= b.lower() ? eta : -eta);
        }
        assertEquals(b.lower(), cartan.spectrum.Spectrum.ofSingularValues(sqrt(w)).energyQuantileRank(0.9));
    }

    static double[] sqrt(double[] w) {
        double[] s = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            s[i] = Math.sqrt(w[i]);
        }
        return s;
    }

    @Test
    void transitionScalingLimitsAndBranches() {
        double tau = 0.9;
        assertEquals(Math.log(1 + tau * (Math.E - 1)), QuantileRank.transitionScaling(1, tau), 1e-15);
        assertEquals(-Math.log(1 + tau * (Math.exp(-1) - 1)), QuantileRank.transitionScaling(-1, tau), 1e-15);
        assertEquals(tau, QuantileRank.transitionScaling(0, tau), 1e-15);
        // continuous through the series branch at |u| = 1e-8
        assertEquals(QuantileRank.transitionScaling(2e-8, tau), QuantileRank.transitionScaling(0.5e-8, tau), 1e-8);
        // limits: 1 (extensive) and 0 (intensive), no overflow
        assertEquals(1 + Math.log(tau) / 800, QuantileRank.transitionScaling(800, tau), 1e-12);
        assertEquals(-Math.log(1 - tau) / 800, QuantileRank.transitionScaling(-800, tau), 1e-12);
        // the definition: log r_τ / log d → Φ_τ(u) at fixed u = (1 − s) log d (d = 1e6: within ~0.01)
        int d = 1_000_000;
        double u = 1;
        double s = 1 - u / Math.log(d);
        assertEquals(QuantileRank.transitionScaling(u, tau), Math.log(QuantileRank.exact(s, d, tau)) / Math.log(d), 0.01);
    }

    @Test
    void badInput() {
        assertStarts("tau", () -> QuantileRank.exact(1, 10, 0));
        assertStarts("tau", () -> QuantileRank.exact(1, 10, 1.5));
        assertStarts("tau", () -> QuantileRank.exact(1, 10, Double.NaN));
        assertStarts("tau", () -> QuantileRank.asymptotic(1, 10, 1));
        assertStarts("s", () -> QuantileRank.exact(-1, 10, 0.5));
        assertStarts("s", () -> QuantileRank.exact(Double.NaN, 10, 0.5));
        assertStarts("d", () -> QuantileRank.exact(1, 0, 0.5));
        assertStarts("k", () -> QuantileRank.tail(1, 10, 11));
        assertStarts("k", () -> QuantileRank.tailLowerBound(1, 10, 0));
        assertStarts("s: the intensive limit", () -> QuantileRank.intensiveLimit(1, 0.9));
    }

    static void assertStarts(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "message \"" + e.getMessage() + "\" should start with " + prefix);
    }
}
