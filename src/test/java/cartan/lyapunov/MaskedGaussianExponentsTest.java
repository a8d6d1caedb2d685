package cartan.lyapunov;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected values are from scipy.special.digamma / polygamma and scipy.stats.binom, printed by
 * src/test/resources/cartan/lyapunov/reference_values.py (independent of Hipparchus).
 */
class MaskedGaussianExponentsTest {

    @Test
    void ginibreMatchesScipy() {
        double[] scipy = {0.33078589332381236, 0.3143968504552648, 0.2974525599904789, 0.2799140918345753,
            0.2617382742761931, 0.24287705479753807};
        for (int k = 1; k <= 6; k++) {
            assertEquals(scipy[k - 1], MaskedGaussianExponents.ginibre(32, 2.0, k), 1e-13);
        }
        double[] small = {-0.18448756706479397, -0.4913403865048487, -1.184487567064794};
        for (int k = 1; k <= 3; k++) {
            assertEquals(small[k - 1], MaskedGaussianExponents.ginibre(3, 1.0, k), 1e-13);
        }
    }

    @Test
    void fixedMaskMatchesScipy() {
        double[] scipy = {-0.03190003186211299, -0.06634202871687456, -0.10332860329068438, -0.14326510563995143,
            -0.18666193662401764, -0.23417419654904237};
        double[] got = MaskedGaussianExponents.fixedMaskSpectrum(32, 16, 2.0, 6);
        for (int k = 0; k < 6; k++) {
            assertEquals(scipy[k], got[k], 1e-13);
        }
    }

    @Test
    void bernoulliMatchesScipy() {
        double[] scipy = {-0.041270104048113376, -0.07719456715364148, -0.1160615727389358, -0.15844303066134902,
            -0.20511552476874262, -0.2571578790667103};
        double[] got = MaskedGaussianExponents.bernoulliSpectrum(32, 0.5, 2.0, 6);
        for (int k = 0; k < 6; k++) {
            assertEquals(scipy[k], got[k], 1e-12);
        }
        // p = 1 is the unmasked Ginibre spectrum
        assertEquals(MaskedGaussianExponents.ginibre(10, 1.5, 3), MaskedGaussianExponents.bernoulli(10, 1, 1.5, 3),
                1e-14);
    }

    @Test
    void gapsVarianceAndDepth() {
        assertEquals(0.19314718055994531, MaskedGaussianExponents.gap(8, 4, 1), 1e-13);
        assertEquals(0.03444199685476157, MaskedGaussianExponents.gap(32, 16, 1), 1e-13);
        double[] var = {0.03328425367350786, 0.03565397417417595, 0.03838629448983439};
        for (int k = 1; k <= 3; k++) {
            assertEquals(var[k - 1], MaskedGaussianExponents.stepVariance(16, 16, k), 1e-13);
        }
        assertEquals(Math.log(100) / 0.19314718055994531, MaskedGaussianExponents.depthForSeparation(8, 4, 1, 100),
                1e-9);
        // the gap is the difference of consecutive exponents
        assertEquals(MaskedGaussianExponents.fixedMask(20, 9, 2, 3) - MaskedGaussianExponents.fixedMask(20, 9, 2, 4),
                MaskedGaussianExponents.gap(20, 9, 3), 1e-14);
    }

    @Test
    void rejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskedGaussianExponents.ginibre(4, 1, 5))
                .getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskedGaussianExponents.fixedMask(4, 0, 1, 1))
                .getMessage().startsWith("m"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskedGaussianExponents.fixedMask(4, 5, 1, 1))
                .getMessage().startsWith("m"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskedGaussianExponents.fixedMask(8, 4, 1, 5))
                .getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MaskedGaussianExponents.ginibre(4, Double.NaN, 1)).getMessage().startsWith("sigmaW2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskedGaussianExponents.bernoulli(8, 0, 1, 1))
                .getMessage().startsWith("p"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MaskedGaussianExponents.gap(8, 4, 4))
                .getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MaskedGaussianExponents.depthForSeparation(8, 4, 1, 0.5)).getMessage().startsWith("ratio"));
    }
}
