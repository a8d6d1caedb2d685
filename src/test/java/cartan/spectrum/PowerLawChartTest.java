package cartan.spectrum;

import cartan.linalg.RandomMatrices;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.spectrum.SpectrumTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PowerLawChartTest {

    @Test
    void matchesNumpyPolyfitOnAFixedMatrix() {
        ChartFit f = PowerLawChart.fit(Spectrum.of(SpectrumTest.referenceMatrix()));
        // numpy reference.py (np.polyfit with cov='unscaled')
        assertEquals(1.1321032361495373, f.beta(), 1e-12);
        assertEquals(0.3517395671506866, f.standardError(), 1e-12);
        assertEquals(0.5995435331387678, f.intercept(), 1e-12);
        assertEquals(0.838178288976326, f.rSquared(), 1e-12);
        assertEquals(0.258977735583006, f.rmsResidual(), 1e-12);
    }

    @Test
    void exactPowerLawInRandomFramesIsFittedExactly() {
        int n = 64;
        double beta = 0.45;
        double[] v = new double[n];
        for (int k = 1; k <= n; k++) {
            v[k - 1] = 3.7 * Math.pow(k, -beta);
        }
        Spectrum s = Spectrum.of(RandomMatrices.withSingularValues(v, new SplittableRandom(5)));
        ChartFit f = PowerLawChart.fit(s);
        assertEquals(beta, f.beta(), 1e-12);
        assertEquals(0, f.standardError(), 1e-12);
        assertEquals(0, f.rmsResidual(), 1e-12);
        assertEquals(1, f.rSquared(), 1e-12);
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += Math.pow(k, -2 * beta);
        }
        assertEquals(0.5 * Math.log(n / h), f.intercept(), 1e-12);
        assertEquals(0, f.signedResidual(), 1e-12);
        assertEquals(0, f.hellingerResidual(), 1e-6);
    }

    @Test
    void windowFitsOnlyItsRanks() {
        // sigma_k = k^-0.3 for k <= 10, then k^-1: the window 1..10 sees the first law only
        double[] v = new double[40];
        for (int k = 1; k <= 40; k++) {
            v[k - 1] = k <= 10 ? Math.pow(k, -0.3) : Math.pow(10, -0.3) * Math.pow(k / 10.0, -1.0);
        }
        Spectrum s = Spectrum.ofSingularValues(v);
        assertEquals(0.3, PowerLawChart.fit(s, RankRange.of(1, 10)).beta(), 1e-12);
        assertEquals(1.0, PowerLawChart.fit(s, RankRange.of(10, 40)).beta(), 1e-12);
        // zero singular values outside the window are allowed
        double[] w = {1, 0.5, 0.25, 0.125, 0};
        // numpy: -np.polyfit(log k, log 2^-(k-1), 1)[0] for k = 1..4
        assertEquals(1.4590219582913313, PowerLawChart.fit(Spectrum.ofSingularValues(w),
                RankRange.of(1, 4)).beta(), 1e-13);
        assertMessage("matrix: is rank-deficient", () -> PowerLawChart.fit(Spectrum.ofSingularValues(w)));
    }

    @Test
    void badWindowsAreRejected() {
        Spectrum s = Spectrum.powerLaw(10, 0.5);
        assertMessage("window: is empty", () -> RankRange.of(5, 4));
        assertMessage("window: needs at least 3", () -> RankRange.of(2, 3));
        assertMessage("window: first rank", () -> RankRange.of(0, 4));
        assertMessage("window: last rank 11 exceeds", () -> PowerLawChart.fit(s, RankRange.of(1, 11)));
        assertMessage("window: fractions", () -> RankRange.fraction(10, 0.5, 0.5));
        assertMessage("window: must not be null", () -> PowerLawChart.fit(s, null));
        assertMessage("spectrum", () -> PowerLawChart.fit(null));
        assertMessage("window: needs at least 3", () -> PowerLawChart.fit(Spectrum.ofSingularValues(2, 1)));
        assertEquals(new RankRange(1, 5), RankRange.fraction(10, 0, 0.5));
        assertEquals(new RankRange(3, 8), RankRange.fraction(10, 0.25, 0.8));
        assertEquals(6, RankRange.of(3, 8).size());
        assertEquals(new RankRange(1, 7), RankRange.all(7));
    }
}
