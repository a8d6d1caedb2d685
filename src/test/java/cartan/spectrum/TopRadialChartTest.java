package cartan.spectrum;

import cartan.linalg.RandomMatrices;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.spectrum.SpectrumTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopRadialChartTest {

    @Test
    void closedFormsAtTheEnds() {
        assertEquals(0, TopRadialChart.radial(64, 0), 1e-15);
        assertEquals(0.5 * Math.log(64), TopRadialChart.radial(64, 200), 1e-15);
        // n = 2: r = ½ log(2/(1 + 2^{-2β}))
        assertEquals(0.5 * Math.log(2 / (1 + Math.pow(2, -1.4))), TopRadialChart.radial(2, 0.7), 1e-15);
        // m(0) = mean of log k = log(n!)/n
        double lf = 0;
        for (int k = 1; k <= 20; k++) {
            lf += Math.log(k);
        }
        assertEquals(lf / 20, TopRadialChart.slope(20, 0), 1e-14);
    }

    @Test
    void slopeIsTheDerivativeAndMatchesNumpyAtE14() {
        // numpy reference.py: m(0.3) at d = 64 and r(0.3)
        assertEquals(2.502211284854026, TopRadialChart.slope(64, 0.3), 1e-12);
        assertEquals(0.8677669078632883, TopRadialChart.radial(64, 0.3), 1e-13);
        for (double b : new double[]{0.05, 0.3, 1.0, 2.5}) {
            double h = 1e-5;
            double fd = (TopRadialChart.radial(64, b + h) - TopRadialChart.radial(64, b - h)) / (2 * h);
            assertEquals(TopRadialChart.slope(64, b), fd, 1e-8);
        }
        // strictly increasing r, strictly decreasing m
        double prevR = -1;
        double prevM = Double.MAX_VALUE;
        for (double b = 0; b < 5; b += 0.1) {
            double r = TopRadialChart.radial(64, b);
            double m = TopRadialChart.slope(64, b);
            assertTrue(r > prevR && m < prevM);
            prevR = r;
            prevM = m;
        }
    }

    @Test
    void agreesWithTheCartanOrbitOfPackageOrbit() {
        // cartan.orbit.CartanOrbit is an independent implementation (log-partition ψ(s) = log H_d(s), s = 2β)
        cartan.orbit.CartanOrbit orbit = cartan.orbit.CartanOrbit.ofWidth(64);
        for (double b : new double[]{0, 0.3, 1.1, 3}) {
            assertEquals(orbit.meanLogRank(2 * b), TopRadialChart.slope(64, b), 1e-12);
            assertEquals(0.5 * (Math.log(64) - orbit.logPartition(2 * b)), TopRadialChart.radial(64, b), 1e-13);
        }
    }

    @Test
    void inversionRecoversTheExponentOfAMatrixInRandomFrames() {
        for (double beta : new double[]{0.0, 0.05, 0.3, 1.2, 4.0}) {
            double[] v = new double[64];
            for (int k = 1; k <= 64; k++) {
                v[k - 1] = 0.2 * Math.pow(k, -beta);
            }
            Spectrum s = Spectrum.of(RandomMatrices.withSingularValues(v, new SplittableRandom(17)));
            assertEquals(beta, TopRadialChart.fit(s), 1e-12, "beta = " + beta);
        }
    }

    @Test
    void marginAndConverseBoundsBracketTheTrueExponentGap() {
        int n = 64;
        double[][] pairs = {{0.1, 0.2}, {0.3, 0.31}, {0.5, 2.0}, {1.0, 0.2}};
        for (double[] p : pairs) {
            double ra = TopRadialChart.radial(n, p[0]);
            double rb = TopRadialChart.radial(n, p[1]);
            double gap = Math.abs(p[1] - p[0]);
            assertTrue(TopRadialChart.converseBound(n, ra, rb) <= gap + 1e-12);
            assertTrue(gap <= TopRadialChart.marginBound(n, ra, rb) + 1e-12);
        }
    }

    @Test
    void badInputIsRejected() {
        assertMessage("r: must lie", () -> TopRadialChart.invert(10, -0.1));
        assertMessage("r: must lie", () -> TopRadialChart.invert(10, 2));
        assertMessage("r: = ", () -> TopRadialChart.invert(10, 0.5 * Math.log(10)));
        assertMessage("r", () -> TopRadialChart.invert(10, Double.NaN));
        assertMessage("n", () -> TopRadialChart.invert(1, 0));
        assertMessage("beta", () -> TopRadialChart.radial(10, Double.POSITIVE_INFINITY));
        assertMessage("spectrum: has p_1 = 1", () -> TopRadialChart.fit(Spectrum.ofSingularValues(1, 0, 0)));
        assertMessage("spectrum: needs at least 2", () -> TopRadialChart.fit(Spectrum.ofSingularValues(1)));
    }
}
