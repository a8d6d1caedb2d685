package cartan.dln;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.dln.DlnTesting.diffNorm;
import static cartan.dln.DlnTesting.mul;
import static cartan.dln.DlnTesting.t;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndToEndFlowTest {

    @Test
    void depthTwoAlignedFlowIsLogistic() {
        // X_0 = U diag(s0) Vᵀ, Y = U diag(y) Vᵀ, N = 2: σ̇ = 2σ(y − σ) (Saxe et al.), solved in closed form
        // σ(t) = y / (1 + (y/σ0 − 1) e^{−2yt})
        SplittableRandom rnd = new SplittableRandom(1);
        DMatrixRMaj u = RandomMatrices.haarOrthogonal(3, rnd);
        DMatrixRMaj v = RandomMatrices.haarOrthogonal(3, rnd);
        double[] s0 = {0.05, 0.2, 0.5};
        double[] y = {2.0, 1.0, 0.3};
        DMatrixRMaj x0 = mul(u, CommonOps_DDRM.diag(s0), t(v));
        SquareLoss loss = SquareLoss.of(mul(u, CommonOps_DDRM.diag(y), t(v)));
        double time = 2;
        DMatrixRMaj xt = new EndToEndFlow(2, loss).rk4(x0, 1e-3, 2000);
        double[] st = new double[3];
        for (int i = 0; i < 3; i++) {
            st[i] = y[i] / (1 + (y[i] / s0[i] - 1) * Math.exp(-2 * y[i] * time));
        }
        DMatrixRMaj expected = mul(u, CommonOps_DDRM.diag(st), t(v));
        assertTrue(diffNorm(expected, xt) < 1e-10, "error " + diffNorm(expected, xt));
    }

    @Test
    void balancedParameterFlowFollowsTheEndToEndFlow() {
        SplittableRandom rnd = new SplittableRandom(2);
        int n = 3;
        DMatrixRMaj x0 = RandomMatrices.gaussian(3, 3, 0.6, rnd);
        SquareLoss loss = SquareLoss.of(RandomMatrices.gaussian(3, 3, 0.6, rnd));
        DeepLinearNetwork w = BalancedManifold.balanced(x0, n, rnd).rk4(loss, 1e-3, 500);
        DMatrixRMaj x = new EndToEndFlow(n, loss).rk4(x0, 1e-3, 500);
        assertTrue(diffNorm(w.endToEnd(), x) < 1e-10, "gap " + diffNorm(w.endToEnd(), x));
    }
}
