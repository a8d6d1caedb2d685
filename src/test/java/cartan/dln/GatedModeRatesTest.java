package cartan.dln;

import cartan.linalg.RandomMatrices;
import cartan.linalg.SingularValues;
import cartan.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatedModeRatesTest {

    /** σ̇_k against central differences of the singular values along the flow direction Ẇ = −∇E. */
    @Test
    void exactRatesMatchFiniteDifferencesOfTheSingularValues() {
        SplittableRandom random = new SplittableRandom(12);
        int d = 6;
        List<boolean[]> gates = FixedGates.random(d, 4, 3, random);
        List<DMatrixRMaj> ws = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            ws.add(RandomMatrices.gaussian(d, d, 0.8, random));
        }
        DMatrixRMaj y = RandomMatrices.gaussian(d, d, 1, random);
        GatedLinearNetwork net = new GatedLinearNetwork(ws, gates);
        GatedModeRates rates = GatedModeRates.of(net, y, 3);
        List<DMatrixRMaj> g = net.gradients(y);
        double h = 1e-6;
        double[] plus = SingularValues.of(shifted(ws, g, -h, gates).endToEnd());
        double[] minus = SingularValues.of(shifted(ws, g, h, gates).endToEnd());
        for (int k = 0; k < 3; k++) {
            assertEquals((plus[k] - minus[k]) / (2 * h), rates.rate()[k], 1e-6 * (1 + Math.abs(rates.rate()[k])));
        }
        // the drive is u_kᵀ(Y − J)v_k
        Svd svd = Svd.of(net.endToEnd());
        DMatrixRMaj r = y.copy();
        CommonOps_DDRM.subtractEquals(r, net.endToEnd());
        assertEquals(svd.toSingularBasis(r).get(1, 1), rates.drive()[1], 1e-12);
        // random gates and weights: the modes are coupled, so the decoupled rate is not the exact one
        assertTrue(Math.abs(rates.rate()[0] - rates.decoupledRate(1)) > 1e-3);
    }

    private static GatedLinearNetwork shifted(List<DMatrixRMaj> ws, List<DMatrixRMaj> g, double step, List<boolean[]> gates) {
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int l = 0; l < ws.size(); l++) {
            DMatrixRMaj w = ws.get(l).copy();
            CommonOps_DDRM.addEquals(w, step, g.get(l));
            out.add(w);
        }
        return new GatedLinearNetwork(out, gates);
    }

    /** Balanced and aligned: shared bases, G_k = N σ_k^{2−2/N}, and σ̇_k = N σ_k^{2−2/N}(y_k − σ_k). */
    @Test
    void balancedAlignedNetworkDecouplesWithTheBalancedGain() {
        SplittableRandom random = new SplittableRandom(3);
        int d = 5;
        int n = 4;
        DMatrixRMaj u = RandomMatrices.haarOrthogonal(d, random);
        DMatrixRMaj v = RandomMatrices.haarOrthogonal(d, random);
        double[] sigma = {2.0, 1.3, 0.7, 0.4, 0.1};
        double[] y = {3, 2, 1, 0.5, 0.2};
        GatedLinearNetwork net = GatedLinearNetwork.balancedAligned(u, v, sigma, n, 9);
        GatedModeRates rates = GatedModeRates.of(net, new Svd(u, y, v).compose(y), d);
        for (int k = 1; k <= d; k++) {
            double s = sigma[k - 1];
            assertEquals(s, rates.sigma()[k - 1], 1e-12);
            assertEquals(n * Math.pow(s, 2 - 2.0 / n), rates.gain()[k - 1], 1e-10);
            assertEquals(rates.gain()[k - 1], rates.balancedGain(k), 1e-10);
            assertTrue(rates.misalignment()[k - 1] < 1e-9, "misalignment " + rates.misalignment()[k - 1]);
            assertEquals(ModeDynamics.rate(n, s, y[k - 1]), rates.rate()[k - 1], 1e-10);
            assertEquals(rates.rate()[k - 1], rates.decoupledRate(k), 1e-10);
            assertEquals(rates.rate()[k - 1], rates.balancedRate(k), 1e-10);
        }
    }

    @Test
    void fixedGatesAndReachableTargets() {
        SplittableRandom random = new SplittableRandom(5);
        List<boolean[]> gates = FixedGates.random(10, 4, 3, random);
        for (boolean[] g : gates) {
            int active = 0;
            for (boolean b : g) {
                active += b ? 1 : 0;
            }
            assertEquals(4, active);
        }
        double[] y = {3, 1, 0.5};
        Svd t = FixedGates.reachableTarget(gates.get(2), y, random);
        DMatrixRMaj target = t.compose(y);
        double[] s = SingularValues.of(target);
        for (int k = 0; k < 3; k++) {
            assertEquals(y[k], s[k], 1e-12);
        }
        for (int i = 0; i < 10; i++) {
            if (!gates.get(2)[i]) {
                for (int c = 0; c < 10; c++) {
                    assertEquals(0, target.get(i, c), 0);
                }
            }
        }
    }

    @Test
    void rejectsBadInput() {
        SplittableRandom random = new SplittableRandom(1);
        GatedLinearNetwork net = new GatedLinearNetwork(List.of(RandomMatrices.gaussian(3, 3, 1, random)), null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatedModeRates.of(net, new DMatrixRMaj(2, 2), 1))
                .getMessage().startsWith("target"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatedModeRates.of(net, new DMatrixRMaj(3, 3), 4))
                .getMessage().startsWith("modes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FixedGates.random(3, 4, 1, random))
                .getMessage().startsWith("m"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FixedGates.reachableTarget(new boolean[]{true, false}, new double[]{1, 2}, random))
                .getMessage().startsWith("y"));
    }
}
