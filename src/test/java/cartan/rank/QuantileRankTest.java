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
