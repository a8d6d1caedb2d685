package cartan.lyapunov;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LyapunovSpectrumTest {

    /**
     * Constant triangular factor T with diagonal (3, −2, 0.5) conjugated by a fixed rotation: the
     * exponents are exactly log 3, log 2, log 0.5 (eigenvalue moduli), reached with O(1/L) error.
     */
    @Test
    void triangularFactorsHaveKnownExponents() {
        DMatrixRMaj t = new DMatrixRMaj(new double[][]{{3, 1, -2}, {0, -2, 0.7}, {0, 0, 0.5}});
        DMatrixRMaj o = RandomMatrices.haarOrthogonal(3, 9);
        DMatrixRMaj ot = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(o, t, ot);
        DMatrixRMaj m = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(ot, o, m);
        LyapunovSpectrum s = LyapunovSpectrum.estimate(ProductEnsemble.cycling(List.of(m)), 3, 20000, 1);
        assertEquals(Math.log(3), s.exponent(1), 1e-3);
        assertEquals(Math.log(2), s.exponent(2), 1e-3);
        assertEquals(Math.log(0.5), s.exponent(3), 1e-3);
        // alternating diagonal factors: exponents are the averages of the log diagonals, ordered
        DMatrixRMaj a = CommonOps_DDRM.diag(4, 1, 0.25);
        DMatrixRMaj b = CommonOps_DDRM.diag(0.5, 2, 1);
        LyapunovSpectrum alt = LyapunovSpectrum.estimate(ProductEnsemble.cycling(List.of(a, b)), 3, 20000, 2);
        assertEquals(0.5 * Math.log(2), alt.exponent(1), 1e-3);
        assertEquals(0.5 * Math.log(2), alt.exponent(2), 1e-3);
        assertEquals(-Math.log(2), alt.exponent(3), 1e-3);
    }

    /** Monte Carlo against Newman's formula, within 4 of the standard errors the estimator reports. */
    @Test
    void ginibreAndMaskedMonteCarloWithinFourStandardErrors() {
        LyapunovSpectrum g = LyapunovSpectrum.estimate(ProductEnsemble.ginibre(8, 1.0, 42), 4, 20000, 7);
        for (int k = 1; k <= 4; k++) {
            double expected = MaskedGaussianExponents.ginibre(8, 1.0, k);
            assertEquals(expected, g.exponent(k), 4 * g.standardError(k));
            // the per-step spread must match sqrt(ψ'/4) (SE of a sample SD ≈ sd/√(2L))
            double sd = Math.sqrt(MaskedGaussianExponents.stepVariance(8, 8, k));
            assertEquals(sd, g.stepStdDevs()[k - 1], 4 * sd / Math.sqrt(2 * 20000.0));
        }
        LyapunovSpectrum f = LyapunovSpectrum.estimate(ProductEnsemble.fixedMask(10, 4, 2.0, 43), 3, 20000, 8);
        for (int k = 1; k <= 3; k++) {
            assertEquals(MaskedGaussianExponents.fixedMask(10, 4, 2.0, k), f.exponent(k), 4 * f.standardError(k));
        }
    }

    @Test
    void rejectsBadInput() {
        ProductEnsemble g = ProductEnsemble.ginibre(4, 1, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LyapunovSpectrum.estimate(g, 5, 10, 1))
                .getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LyapunovSpectrum.estimate(g, 0, 10, 1))
                .getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LyapunovSpectrum.estimate(g, 2, 0, 1))
                .getMessage().startsWith("depth"));
        ProductEnsemble masked = ProductEnsemble.fixedMask(6, 2, 1, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LyapunovSpectrum.estimate(masked, 3, 10, 1))
                .getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProductEnsemble.fixedMask(6, 0, 1, 1))
                .getMessage().startsWith("m"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProductEnsemble.bernoulliMask(6, 0, 1, 1))
                .getMessage().startsWith("p"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProductEnsemble.bernoulliMask(6, 0.5, 1, 0, 1))
                .getMessage().startsWith("minActive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProductEnsemble.ginibre(6, Double.NaN, 1))
                .getMessage().startsWith("sigmaW2"));
        DMatrixRMaj nan = new DMatrixRMaj(2, 2);
        nan.set(0, 1, Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProductEnsemble.cycling(List.of(nan)))
                .getMessage().startsWith("factors[0]"));
    }

    @Test
    void masksHaveTheRequestedActiveCounts() {
        ProductEnsemble f = ProductEnsemble.fixedMask(12, 5, 1, 3);
        ProductEnsemble b = ProductEnsemble.bernoulliMask(12, 0.2, 1, 4, 3);
        for (int t = 0; t < 50; t++) {
            assertEquals(5, activeRows(f.next()));
            assertTrue(activeRows(b.next()) >= 4);
        }
    }

    private static int activeRows(DMatrixRMaj m) {
        int n = 0;
        for (int r = 0; r < m.numRows; r++) {
            boolean any = false;
            for (int c = 0; c < m.numCols; c++) {
                any |= m.get(r, c) != 0;
            }
            n += any ? 1 : 0;
        }
        return n;
    }
}
