package cartan.dln;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModeDynamicsTest {

    @Test
    void rk4MatchesTheDepthTwoClosedForm() {
        double[] s = ModeDynamics.trajectory(2, 1.5, 1e-3, 1e-3, 8000);
        for (int i = 0; i <= 8000; i += 500) {
            assertEquals(ModeDynamics.depthTwo(1.5, 1e-3, i * 1e-3), s[i], 1e-10);
        }
    }

    @Test
    void closedFormSolvesTheOde() {
        double h = 1e-5;
        for (double t : new double[]{0.5, 2, 4}) {
            double derivative = (ModeDynamics.depthTwo(2, 0.01, t + h) - ModeDynamics.depthTwo(2, 0.01, t - h)) / (2 * h);
            assertEquals(ModeDynamics.rate(2, ModeDynamics.depthTwo(2, 0.01, t), 2), derivative, 1e-7);
        }
    }

    /** Gradients of the fixed-gates network against central finite differences of the loss. */
    @Test
    void gradientsMatchFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(4);
        List<DMatrixRMaj> ws = new ArrayList<>();
        List<boolean[]> gates = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            ws.add(RandomMatrices.gaussian(4, 4, 0.7, random));
            boolean[] g = {true, l != 1, true, l != 0};
            gates.add(g);
        }
        GatedLinearNetwork net = new GatedLinearNetwork(ws, gates);
        DMatrixRMaj y = RandomMatrices.gaussian(4, 4, 1, random);
        List<DMatrixRMaj> grads = net.gradients(y);
        double h = 1e-6;
        for (int l = 0; l < 3; l++) {
            for (int i = 0; i < 16; i++) {
                List<DMatrixRMaj> plus = copy(ws);
                List<DMatrixRMaj> minus = copy(ws);
                plus.get(l).data[i] += h;
                minus.get(l).data[i] -= h;
                double fd = (new GatedLinearNetwork(plus, gates).loss(y) - new GatedLinearNetwork(minus, gates).loss(y))
                        / (2 * h);
                assertEquals(fd, grads.get(l).data[i], 1e-7);
            }
        }
    }

    private static List<DMatrixRMaj> copy(List<DMatrixRMaj> ws) {
        List<DMatrixRMaj> out = new ArrayList<>();
        ws.forEach(w -> out.add(w.copy()));
        return out;
    }

    /** A balanced aligned linear network under gradient flow follows the mode ODE (N = 3). */
    @Test
    void balancedNetworkFollowsModeOde() {
        SplittableRandom random = new SplittableRandom(9);
        DMatrixRMaj u = RandomMatrices.haarOrthogonal(3, random);
        DMatrixRMaj v = RandomMatrices.haarOrthogonal(3, random);
        double[] y = {2, 1, 0.5};
        DMatrixRMaj target = new DMatrixRMaj(3, 3);
        DMatrixRMaj uy = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(u, CommonOps_DDRM.diag(y), uy);
        CommonOps_DDRM.multTransB(uy, v, target);
        double s0 = 0.1;
        GatedLinearNetwork net = GatedLinearNetwork.balancedAligned(u, v, new double[]{s0, s0, s0}, 3, 1);
        double dt = 1e-3;
        int steps = 3000;
        for (int i = 0; i < steps; i++) {
            net.rk4Step(target, dt);
        }
        double[] modes = GatedLinearNetwork.modeValues(net.endToEnd(), u, v);
        for (int k = 0; k < 3; k++) {
            double ode = ModeDynamics.trajectory(3, y[k], s0, dt, steps)[steps];
            assertEquals(ode, modes[k], 1e-8);
        }
        assertTrue(GatedLinearNetwork.alignmentError(net.endToEnd(), u, v) < 1e-10);
    }

    @Test
    void rejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModeDynamics.rate(0, 1, 1)).getMessage()
                .startsWith("depth"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModeDynamics.depthTwo(1, 0, 1)).getMessage()
                .startsWith("sigma0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ModeDynamics.trajectory(2, 1, 0.1, Double.NaN, 3)).getMessage().startsWith("dt"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GatedLinearNetwork(List.of(), null))
                .getMessage().startsWith("weights"));
    }
}
