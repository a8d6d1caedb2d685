package cartan.fit;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExponentsTest {

    @Test
    void conversionsInvertEachOther() {
        for (double a : new double[]{1.2, 2, 2.5, 4, 7}) {
            assertEquals(a, Exponents.densityFromEigenvalueRank(Exponents.eigenvalueRankExponent(a)), 1e-14);
            assertEquals(a, Exponents.densityFromSingularValueRank(Exponents.singularValueRankExponent(a)), 1e-14);
            assertEquals(a, Exponents.eigenvalueDensityExponent(Exponents.singularValueDensityExponent(a)), 1e-14);
        }
        assertEquals(1, Exponents.eigenvalueRankExponent(2), 0);
        assertEquals(0.5, Exponents.singularValueRankExponent(2), 0);
    }

    /**
     * Sampled eigenvalues with density exponent α = 2.5: the least-squares slope of ln λ₍ₖ₎ against ln k
     * over ranks 100…10000 of 200000 is −γ_λ = −1/(α − 1); of ln √λ₍ₖ₎, −γ_σ. The order statistics
     * fluctuate by about 1/((α−1)√k) in the log, ≤ 0.07 at k = 100, so over two decades the slope is
     * within about 0.01 (we allow 0.02); the density exponent of σ = √λ is recovered by the MLE.
     */
    @Test
    void rankOrderedSlopesMatchTheConversion() {
        double alpha = 2.5;
        int n = 200_000;
        double[] lambda = new PowerLaw(alpha, 1).sample(n, new SplittableRandom(17));
        Arrays.sort(lambda);
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (int k = 100; k <= 10_000; k++) {
            double lx = Math.log(k);
            double ly = Math.log(lambda[n - k]);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
            m++;
        }
        double slope = (sxy - sx * sy / m) / (sxx - sx * sx / m);
        assertEquals(-Exponents.eigenvalueRankExponent(alpha), slope, 0.02);
        assertEquals(-Exponents.singularValueRankExponent(alpha), slope / 2, 0.01);
        double[] sigma = Arrays.stream(lambda).map(Math::sqrt).toArray();
        PowerLaw fitSigma = PowerLaw.mle(sigma, 1);
        assertEquals(Exponents.singularValueDensityExponent(alpha), fitSigma.alpha(),
                4 * (fitSigma.alpha() - 1) / Math.sqrt(n));
    }

    @Test
    void rejectsExponentsAtOrBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Exponents.eigenvalueRankExponent(1));
        assertTrue(e.getMessage().startsWith("alpha"));
        e = assertThrows(IllegalArgumentException.class, () -> Exponents.densityFromSingularValueRank(0));
        assertTrue(e.getMessage().startsWith("gammaSigma"));
    }
}
