package cartan.spectrum;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectrumTest {

    /** The hand-chosen 5x4 matrix of src/test/resources/cartan/spectrum/reference.py. */
    static DMatrixRMaj referenceMatrix() {
        return new DMatrixRMaj(5, 4, true,
                2.0, -1.0, 0.5, 0.0,
                0.3, 1.5, -0.7, 0.2,
                -1.2, 0.4, 0.9, 1.1,
                0.0, 0.8, -0.3, 0.6,
                1.0, 0.0, 0.2, -0.5);
    }

    @Test
    void matchesNumpyOnAFixedMatrix() {
        Spectrum s = Spectrum.of(referenceMatrix());
        // numpy reference.py
        assertArrayEquals(new double[]{2.897707103517702, 1.9316152699851232, 1.316238951926705, 0.5095792503764608},
                s.singularValues(), 1e-13);
        assertArrayEquals(new double[]{0.5946675961598408, 0.26424486906796746, 0.1226972364425716,
                0.01839029832962009}, s.weights(), 1e-14);
        assertArrayEquals(new double[]{0.4332708348287183, 0.02770764486912736, -0.35587054463972584,
                -1.304818828497388}, s.cartanCoordinate(), 1e-13);
        assertEquals(0.4332708348287183, s.topRadial(), 1e-14);
        assertEquals(1.681611721334165, s.stableRank(), 1e-13);
        assertEquals(2.2786947825590036, s.participationRatio(), 1e-13);
        assertEquals(2.6957260738493662, s.entropyRank(), 1e-13);
        assertEquals(1, s.energyQuantileRank(0.5));
        assertEquals(3, s.energyQuantileRank(0.9));
        assertEquals(4, s.energyQuantileRank(0.99));
        assertEquals(4, s.energyQuantileRank(1.0));
        assertEquals(5, s.rows());
        assertEquals(4, s.cols());
        assertEquals(4, s.numericalRank());
        // numpy: np.sum(A**2) and the rank tolerance max(m, n)·eps·σ_1
        assertEquals(14.12, s.frobeniusSquared(), 1e-12);
        assertEquals(5 * Math.ulp(1.0) * 2.897707103517702, s.zeroTolerance(), 1e-28);
        assertEquals(2.897707103517702, s.singularValue(1), 1e-13);
    }

    @Test
    void normalisedEigenvaluesHaveTraceNAndCartanCoordinateIsHalfTheirLog() {
        Spectrum s = Spectrum.of(RandomMatrices.gaussian(7, 7, 1, 3L));
        double[] l = s.normalisedEigenvalues();
        double[] mu = s.cartanCoordinate();
        double tr = 0;
        for (int k = 0; k < 7; k++) {
            tr += l[k];
            assertEquals(0.5 * Math.log(l[k]), mu[k], 1e-13);
        }
        assertEquals(7, tr, 1e-13);
        assertEquals(mu[0], s.topRadial(), 1e-13);
        assertEquals(0.5 * Math.log(7 / s.stableRank()), s.topRadial(), 1e-13);
    }

    @Test
    void identityIsTheOrbitOriginAndPowerLawHasClosedFormRanks() {
        Spectrum id = Spectrum.ofSingularValues(1, 1, 1, 1, 1, 1);
        assertEquals(0, id.topRadial(), 1e-15);
        assertEquals(6, id.stableRank(), 1e-12);
        assertEquals(6, id.participationRatio(), 1e-12);
        assertEquals(6, id.entropyRank(), 1e-12);
        // power law sigma_k = k^-beta: stable rank = H_n(2 beta), PR = H_n(2b)^2/H_n(4b)
        Spectrum pl = Spectrum.powerLaw(50, 0.7);
        double h14 = 0;
        double h28 = 0;
        for (int k = 1; k <= 50; k++) {
            h14 += Math.pow(k, -1.4);
            h28 += Math.pow(k, -2.8);
        }
        assertEquals(h14, pl.stableRank(), 1e-12);
        assertEquals(h14 * h14 / h28, pl.participationRatio(), 1e-11);
    }

    @Test
    void spectrumIsInvariantUnderOrthogonalFramesAndScale() {
        double[] values = {5, 3, 2, 1, 0.5};
        DMatrixRMaj a = RandomMatrices.withSingularValues(values, new SplittableRandom(11));
        Spectrum s = Spectrum.of(a);
        assertArrayEquals(values, s.singularValues(), 1e-12);
        Spectrum t = Spectrum.ofSingularValues(10, 6, 4, 2, 1);
        assertArrayEquals(t.weights(), s.weights(), 1e-14);
        assertArrayEquals(t.cartanCoordinate(), s.cartanCoordinate(), 1e-13);
    }

    @Test
    void hellingerToOrbitHasTheHarmonicClosedForm() {
        // Sigma sqrt(p_a p_b) = H((a+b)/2)/sqrt(H(a)H(b)) for eigenvalue exponents a = 2 beta_a, b = 2 beta_b
        int n = 30;
        double ba = 0.4;
        double bb = 0.9;
        double ha = 0;
        double hb = 0;
        double hm = 0;
        for (int k = 1; k <= n; k++) {
            ha += Math.pow(k, -2 * ba);
            hb += Math.pow(k, -2 * bb);
            hm += Math.pow(k, -(ba + bb));
        }
        double expected = 2 - 2 * hm / Math.sqrt(ha * hb);
        assertEquals(expected, Spectrum.powerLaw(n, ba).hellingerSquaredToOrbit(bb), 1e-14);
        assertEquals(0, Spectrum.powerLaw(n, ba).hellingerToOrbit(ba), 1e-7);
    }

    @Test
    void rankDeficientSpectraKeepRanksButRefuseLogs() {
        Spectrum s = Spectrum.ofSingularValues(3, 2, 0);
        assertEquals(2, s.numericalRank());
        assertEquals(13.0 / 9, s.stableRank(), 1e-14);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::cartanCoordinate);
        assertTrue(e.getMessage().startsWith("matrix: is rank-deficient"), e.getMessage());
        // a numerically rank-deficient matrix: outer product u v^T has sigma_2 at rounding level
        DMatrixRMaj uv = new DMatrixRMaj(3, 3, true, 1, 2, 3, 2, 4, 6, 3, 6, 9);
        Spectrum r = Spectrum.of(uv);
        assertEquals(1, r.numericalRank());
        e = assertThrows(IllegalArgumentException.class, r::cartanCoordinate);
        assertTrue(e.getMessage().contains("σ_2"), e.getMessage());
    }

    @Test
    void badInputIsRejectedWithTheArgumentName() {
        DMatrixRMaj nan = new DMatrixRMaj(2, 2, true, 1, Double.NaN, 0, 1);
        assertMessage("matrix", () -> Spectrum.of(nan));
        DMatrixRMaj inf = new DMatrixRMaj(2, 2, true, 1, 0, Double.POSITIVE_INFINITY, 1);
        assertMessage("matrix", () -> Spectrum.of(inf));
        assertMessage("matrix: is zero", () -> Spectrum.of(new DMatrixRMaj(3, 3)));
        assertMessage("matrix", () -> Spectrum.of(new DMatrixRMaj(0, 3)));
        assertMessage("values", () -> Spectrum.ofSingularValues());
        assertMessage("values", () -> Spectrum.ofSingularValues(1, -1));
        assertMessage("values: are all zero", () -> Spectrum.ofSingularValues(0, 0));
        assertMessage("values", () -> Spectrum.ofSingularValues(1, Double.NaN));
        Spectrum s = Spectrum.ofSingularValues(3, 2, 1);
        assertMessage("tau", () -> s.energyQuantileRank(0));
        assertMessage("tau", () -> s.energyQuantileRank(1.01));
        assertMessage("tau", () -> s.energyQuantileRank(-0.5));
        assertMessage("tau", () -> s.energyQuantileRank(Double.NaN));
        assertMessage("k", () -> s.singularValue(4));
        assertMessage("beta", () -> s.hellingerToOrbit(-1));
        assertMessage("n", () -> Spectrum.powerLaw(0, 1));
    }

    static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "message \"" + e.getMessage() + "\" should start with " + prefix);
    }
}
