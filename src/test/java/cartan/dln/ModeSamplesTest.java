package cartan.dln;

import cartan.linalg.RandomMatrices;
import cartan.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModeSamplesTest {

    /**
     * A balanced aligned network with σ = (2, 1, 0.3, 0.01, 0.001, 1e-4): modes 1–3 are separated (ratios 2, 3.3,
     * 30), modes 4–5 are bulk (below 0.05); the decoupled and balanced laws are exact there, and the depth-(N−1)
     * error is |(N−1)σ^{2−2/(N−1)}/(Nσ^{2−2/N}) − 1| by hand.
     */
    @Test
    void classesAndErrorsOfABalancedAlignedNetwork() {
        SplittableRandom random = new SplittableRandom(2);
        int d = 6;
        int n = 4;
        DMatrixRMaj u = RandomMatrices.haarOrthogonal(d, random);
        DMatrixRMaj v = RandomMatrices.haarOrthogonal(d, random);
        double[] sigma = {2, 1, 0.3, 0.01, 0.001, 1e-4};
        double[] y = {3, 2, 1, 0.5, 0.2, 0.1};
        GatedLinearNetwork net = GatedLinearNetwork.balancedAligned(u, v, sigma, n, 5);
        ModeSamples samples = new ModeSamples(0.05, 1.5, 0.01);
        samples.add(GatedModeRates.of(net, new Svd(u, y, v).compose(y), 5));
        assertEquals(3, samples.count(ModeSamples.Stat.SEPARATED_MISALIGNMENT));
        assertEquals(3, samples.count(ModeSamples.Stat.DECOUPLED_ERROR));
        assertEquals(2, samples.count(ModeSamples.Stat.BULK_MISALIGNMENT));
        assertTrue(samples.median(ModeSamples.Stat.SEPARATED_MISALIGNMENT) < 1e-9);
        assertTrue(samples.median(ModeSamples.Stat.DECOUPLED_ERROR) < 1e-9);
        assertTrue(samples.median(ModeSamples.Stat.BALANCED_ERROR) < 1e-9);
        double[] rival = new double[3];
        for (int k = 0; k < 3; k++) {
            rival[k] = Math.abs(3 * Math.pow(sigma[k], 2 - 2.0 / 3) / (4 * Math.pow(sigma[k], 1.5)) - 1);
        }
        Arrays.sort(rival);
        assertEquals(rival[1], samples.median(ModeSamples.Stat.DEPTH_MINUS_ONE_ERROR), 1e-12);
        // exact decoupled and balanced rates tie, so ε_G < ε_B holds in no sample or by rounding only
        assertTrue(samples.fractionDecoupledBeatsBalanced() >= 0 && samples.fractionDecoupledBeatsBalanced() <= 1);
    }

    @Test
    void rejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModeSamples(0, 1.5, 0.1)).getMessage().startsWith("level"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModeSamples(0.1, 1, 0.1)).getMessage().startsWith("ratio"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModeSamples(0.1, 2, -1)).getMessage().startsWith("drive"));
        ModeSamples empty = new ModeSamples(0.1, 2, 0.1);
        assertThrows(IllegalStateException.class, () -> empty.median(ModeSamples.Stat.BULK_MISALIGNMENT));
        GatedLinearNetwork net = new GatedLinearNetwork(java.util.List.of(RandomMatrices.gaussian(3, 3, 1, 1L)), null);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> empty.add(GatedModeRates.of(net, new DMatrixRMaj(3, 3), 3))).getMessage().startsWith("g"));
    }
}
