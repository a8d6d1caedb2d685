package cartan.orbit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/** HarmonicNumbers against exact fractions, factorials (Hipparchus' log-gamma) and Gauss' sum. */
class HarmonicNumbersTest {

    @Test
    void sumsMatchExactFractions() {
        assertEquals(7381.0 / 2520.0, HarmonicNumbers.of(10, 1), 1e-15);          // H_10
        assertEquals(205.0 / 144.0, HarmonicNumbers.of(4, 2), 1e-15);            // 1 + 1/4 + 1/9 + 1/16
        assertEquals(7, HarmonicNumbers.of(7, 0), 0);                            // d terms of 1
        assertEquals(55, HarmonicNumbers.of(10, -1), 1e-12);                     // 1 + 2 + ... + 10
        assertEquals(1.0 / 9 + 1.0 / 16, HarmonicNumbers.tail(2, 4, 2), 1e-15);  // T_2 = k = 3, 4
        assertEquals(0, HarmonicNumbers.tail(4, 4, 2), 0);                       // empty tail
        assertEquals(205.0 / 144.0, HarmonicNumbers.tail(0, 4, 2), 1e-15);       // T_0 = H_d
    }

    @Test
    void partialSumsAreTheHarmonicNumbersOfEveryPrefix() {
        assertArrayEquals(new double[] {1, 1.5, 11.0 / 6, 25.0 / 12}, HarmonicNumbers.partialSums(4, 1), 1e-15);
        assertArrayEquals(new double[] {1, 3, 6, 10}, HarmonicNumbers.partialSums(4, -1), 1e-15);
    }

    @Test
    void meanLogRankIsLogFactorialOverDAtSZero() {
        // uniform weights: E[log k] = log(d!) / d; at s = -1 the weights are k/(d(d+1)/2)
        assertEquals(Gamma.logGamma(51) / 50, HarmonicNumbers.meanLog(50, 0), 1e-13);
        double expected = (2 * Math.log(2) + 3 * Math.log(3)) / 6;                // d = 3, weights 1/6, 2/6, 3/6
        assertEquals(expected, HarmonicNumbers.meanLog(3, -1), 1e-15);
    }

    @Test
    void logHarmonicKeepsRelativeAccuracyAtBothEnds() {
        // s = 60: log H = log(1 + 2^-60 + ...) ~ 2^-60, which log(of(...)) rounds to 0
        double tiny = Math.pow(2, -60) + Math.pow(3, -60);
        // each term exp(-s log k) carries a relative error of about s log k ε ≈ 66 ε (the condition of exp):
        // allow 1e-13 relative, far below the relative error 1 of log(of(3, 60)) = 0
        assertEquals(tiny, HarmonicNumbers.logHarmonic(3, 60), 1e-13 * tiny);
        // s < 0: the largest term is k = d; log(1 + 2 + ... + d) = log(d(d+1)/2)
        assertEquals(Math.log(50.0 * 51 / 2), HarmonicNumbers.logHarmonic(50, -1), 1e-14);
        assertEquals(Math.log(7381.0 / 2520.0), HarmonicNumbers.logHarmonic(10, 1), 1e-15);
        // s = -700: every term but k = d underflows in a plain sum's ratios, the log stays finite
        assertEquals(700 * Math.log(2) + Math.log1p(Math.pow(0.5, 700)), HarmonicNumbers.logHarmonic(2, -700), 1e-12);
        assertEquals(0, HarmonicNumbers.logHarmonic(1, 3), 0);
    }

    @Test
    void rejectsBadArguments() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HarmonicNumbers.of(0, 1)).getMessage().startsWith("d"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HarmonicNumbers.of(3, Double.NaN)).getMessage().startsWith("s"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HarmonicNumbers.tail(4, 3, 1)).getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HarmonicNumbers.tail(-1, 3, 1)).getMessage().startsWith("k"));
        assertThrows(IllegalArgumentException.class, () -> HarmonicNumbers.partialSums(0, 1));
        assertThrows(IllegalArgumentException.class, () -> HarmonicNumbers.meanLog(2, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> HarmonicNumbers.logHarmonic(0, 1));
    }
}
