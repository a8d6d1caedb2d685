package cartan.lyapunov;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closed-form values are from scipy.special.digamma (src/test/resources/cartan/lyapunov/reference_values.py);
 * the Monte Carlo tests compare the closed forms with Haar frames and with Ginibre products, which do
 * not use them.
 */
class FiniteDepthCorrectionTest {

    @Test
    void correctionsMatchScipy() {
        double[] d16 = {1.9895757519885167, 1.2619865745738097, 0.9181471805599453, 0.6850634976507328};
        for (int k = 1; k <= 4; k++) {
            assertEquals(d16[k - 1], FiniteDepthCorrection.correction(16, k), 1e-13);
        }
        double[] d5 = {1.3333333333333335, 0.5, 0.0, -0.5, -1.3333333333333335};
        double[] got = FiniteDepthCorrection.corrections(5);
        for (int k = 0; k < 5; k++) {
            assertEquals(d5[k], got[k], 1e-13);
        }
        double[] det7 = {-3.0666666666666664, -4.566666666666666, -5.233333333333333};
        for (int k = 1; k <= 3; k++) {
            assertEquals(det7[k - 1], FiniteDepthCorrection.meanLogSquaredDeterminant(7, k), 1e-13);
        }
    }

    /** Σ_k c_k = 0, c_{d+1−k} = −c_k, and C_k is the running sum of the c_k. */
    @Test
    void logDeterminantConstraint() {
        for (int d : new int[]{1, 2, 7, 16, 33}) {
            double[] c = FiniteDepthCorrection.corrections(d);
            double sum = 0;
            for (int k = 1; k <= d; k++) {
                sum += c[k - 1];
                assertEquals(sum, FiniteDepthCorrection.cumulative(d, k), 1e-12);
                assertEquals(-c[k - 1], c[d - k], 1e-12);
            }
            assertEquals(0, sum, 1e-12);
        }
    }

    /** E log det(O_kk)² of the top-left block of Haar orthogonal matrices (Wilks' Λ), by Monte Carlo. */
    @Test
    void haarBlockDeterminantByMonteCarlo() {
        SplittableRandom random = new SplittableRandom(17);
        int d = 7;
        int n = 20000;
        for (int k = 1; k <= 3; k++) {
            double mean = 0;
            double m2 = 0;
            for (int t = 1; t <= n; t++) {
                DMatrixRMaj o = RandomMatrices.haarOrthogonal(d, random);
                DMatrixRMaj block = CommonOps_DDRM.extract(o, 0, k, 0, k);
                double x = Math.log(Math.pow(CommonOps_DDRM.det(block), 2));
                double delta = x - mean;
                mean += delta / t;
                m2 += delta * (x - mean);
            }
            double se = Math.sqrt(m2 / (n - 1) / n);
            assertEquals(FiniteDepthCorrection.meanLogSquaredDeterminant(d, k), mean, 5 * se);
        }
    }

    /**
     * E[log σ_k(J_L) − Σ_ℓ log (R_ℓ)_kk] = c_k for Ginibre d = 4 at L = 40 (every gap ≥ 0.19, so the o(1)
     * is below e^{−7}); for a mask of m = 3 units in d = 6 the correction is c_k(d = 6), not c_k(m = 3).
     */
    @Test
    void productsBiasedByTheClosedForm() {
        checkProducts(4, 4, 3000, 40, 3);
        double[] masked = checkProducts(6, 3, 3000, 40, 3);
        // the rival "c_k of the m-dimensional product" is far off at k = 1
        assertTrue(Math.abs(masked[0] - FiniteDepthCorrection.correction(3, 1)) > 0.2);
    }

    private static double[] checkProducts(int d, int m, int n, int depth, int kMax) {
        double[] sum = new double[kMax];
        double[] sum2 = new double[kMax];
        for (int t = 0; t < n; t++) {
            ProductEnsemble e = m == d ? ProductEnsemble.ginibre(d, 1.0, 500 + t) : ProductEnsemble.fixedMask(d, m, 1.0, 500 + t);
            ProductSvd p = m == d ? new ProductSvd(d) : ProductSvd.ofSingularFactors(d);
            for (int l = 0; l < depth; l++) {
                p.push(e.next());
            }
            double[] logs = p.decompose().logSingularValues();
            double[] s = p.logDiagonalSums();
            for (int k = 0; k < kMax; k++) {
                double x = logs[k] - s[k];
                sum[k] += x;
                sum2[k] += x * x;
            }
        }
        double[] mean = new double[kMax];
        for (int k = 0; k < kMax; k++) {
            mean[k] = sum[k] / n;
            double se = Math.sqrt((sum2[k] / n - mean[k] * mean[k]) / (n - 1));
            assertEquals(FiniteDepthCorrection.correction(d, k + 1), mean[k], 5 * se, "d=" + d + " m=" + m + " k=" + (k + 1));
        }
        return mean;
    }

    @Test
    void rejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FiniteDepthCorrection.correction(0, 1))
                .getMessage().startsWith("d"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FiniteDepthCorrection.correction(4, 5))
                .getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FiniteDepthCorrection.cumulative(4, 0))
                .getMessage().startsWith("k"));
    }
}
