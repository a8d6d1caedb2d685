package cartan.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The transfer null model against what OLS linearity implies: with no scatter (r = 0), h = σ^α exactly and
 * the fitted s is α·γ for any σ (log h = α log σ, and OLS is linear in the response), so the error is zero;
 * with scatter the error is positive and grows with r.
 */
class TransferNullTest {

    /** A spectrum that is not a power law: σ_k = 1/(k + 3) + e^(−k/4). */
    private static double[] sigma(int n) {
        double[] s = new double[n];
        for (int k = 1; k <= n; k++) {
            s[k - 1] = 1.0 / (k + 3) + Math.exp(-k / 4.0);
        }
        return s;
    }

    @Test
    void noScatterMeansNoTransferError() {
        assertEquals(0, TransferNull.medianError(sigma(20), 1.7, 0, 5, 1), 1e-12);
        assertEquals(0, TransferNull.medianError(sigma(12), 2.0, 0, 4, 2), 1e-12);
    }

    @Test
    void scatterMakesTheErrorPositiveAndGrowWithIt() {
        double[] s = sigma(20);
        double small = TransferNull.medianError(s, 1.7, 0.05, 201, 3);
        double large = TransferNull.medianError(s, 1.7, 0.5, 201, 3);
        assertTrue(small > 1e-4, "r = 0.05: " + small);
        assertTrue(large > 3 * small, "r = 0.05: " + small + ", r = 0.5: " + large);
        // the same seed gives the same draws: reproducible
        assertEquals(large, TransferNull.medianError(s, 1.7, 0.5, 201, 3), 0);
    }

    @Test
    void residualSdIsTheRootMeanSquareResidualWithTwoParametersFitted() {
        double[] s = sigma(10);
        double[] h = new double[10];
        for (int k = 0; k < 10; k++) {
            h[k] = Math.pow(s[k], 2) * Math.exp(0.3 * Math.sin(3.0 * k)); // a known wiggle around σ²
        }
        CurvatureExponents e = CurvatureExponents.fit(s, h, 10);
        // OLS of log h on log σ, written out
        double mx = 0;
        double my = 0;
        for (int k = 0; k < 10; k++) {
            mx += Math.log(s[k]) / 10;
            my += Math.log(h[k]) / 10;
        }
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < 10; k++) {
            sxy += (Math.log(s[k]) - mx) * (Math.log(h[k]) - my);
            sxx += (Math.log(s[k]) - mx) * (Math.log(s[k]) - mx);
        }
        double b = sxy / sxx;
        double rss = 0;
        for (int k = 0; k < 10; k++) {
            double res = Math.log(h[k]) - my - b * (Math.log(s[k]) - mx);
            rss += res * res;
        }
        assertEquals(Math.sqrt(rss / 8), TransferNull.residualSd(e), 1e-12);
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TransferNull.medianError(new double[] {1, -1, 0.5}, 2, 0.1, 3, 1))
                .getMessage().startsWith("sigma"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TransferNull.medianError(sigma(5), Double.NaN, 0.1, 3, 1))
                .getMessage().startsWith("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TransferNull.medianError(sigma(5), 2, -0.1, 3, 1))
                .getMessage().startsWith("residualSd"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TransferNull.medianError(sigma(5), 2, 0.1, 0, 1))
                .getMessage().startsWith("draws"));
    }
}
