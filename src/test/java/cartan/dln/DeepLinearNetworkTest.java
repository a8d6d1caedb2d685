package cartan.dln;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static cartan.dln.DlnTesting.assertBadArgument;
import static cartan.dln.DlnTesting.diffNorm;
import static cartan.dln.DlnTesting.mul;
import static cartan.dln.DlnTesting.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepLinearNetworkTest {

    private static final SplittableRandom RND = new SplittableRandom(2024);

    private static DeepLinearNetwork net(int n, int d, long seed) {
        return DeepLinearNetwork.gaussian(n, d, 0.6, new SplittableRandom(seed));
    }

    @Test
    void endToEndIsTheProductLastLayerFirst() {
        DeepLinearNetwork w = net(3, 4, 1);
        DMatrixRMaj expected = mul(w.layer(3), w.layer(2), w.layer(1));
        assertTrue(diffNorm(expected, w.endToEnd()) < 1e-15);
        assertTrue(diffNorm(mul(w.layer(3), w.layer(2)), w.product(3, 2)) < 1e-15);
        assertTrue(diffNorm(CommonOps_DDRM.identity(4), w.product(1, 2)) == 0);
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        DeepLinearNetwork w = net(3, 3, 2);
        SquareLoss loss = SquareLoss.of(RandomMatrices.gaussian(3, 3, 1, 5));
        DeepLinearNetwork g = w.gradient(loss);
        double h = 1e-6;
        double[] gv = g.toVector();
        for (int k = 0; k < gv.length; k++) {
            double[] e = new double[gv.length];
            e[k] = 1;
            DeepLinearNetwork dir = fromVector(e, 3, 3);
            double fd = (loss.value(w.plus(dir, h).endToEnd()) - loss.value(w.plus(dir, -h).endToEnd())) / (2 * h);
            assertEquals(fd, gv[k], 1e-8, "coordinate " + k);
        }
    }

    @Test
    void adjointDifferentialIsTheAdjoint() {
        DeepLinearNetwork w = net(4, 3, 3);
        DeepLinearNetwork dw = net(4, 3, 4);
        DMatrixRMaj g = RandomMatrices.gaussian(3, 3, 1, 6);
        double lhs = DlnTesting.dot(w.differential(dw), g);
        double rhs = dw.inner(w.adjointDifferential(g));
        assertEquals(lhs, rhs, 1e-13 * Math.abs(lhs) + 1e-14);
        // the differential against a central difference of φ (φ is polynomial of degree N: error O(h²))
        double h = 1e-5;
        DMatrixRMaj fd = w.plus(dw, h).endToEnd();
        CommonOps_DDRM.subtractEquals(fd, w.plus(dw, -h).endToEnd());
        CommonOps_DDRM.scale(1 / (2 * h), fd);
        assertTrue(diffNorm(fd, w.differential(dw)) < 1e-8);
    }

    @Test
    void oneGradientStepChangesDefectsByEtaSquaredTerm() {
        // Thm 1 (ACH): D_p(W − ηG) − D_p(W) = η²(G_{p+1}ᵀG_{p+1} − G_pG_pᵀ) exactly
        DeepLinearNetwork w = net(3, 4, 7);
        SquareLoss loss = SquareLoss.of(RandomMatrices.gaussian(4, 4, 1, 8));
        double eta = 0.05;
        DeepLinearNetwork g = w.gradient(loss);
        DeepLinearNetwork w1 = w.gradientDescentStep(loss, eta);
        List<DMatrixRMaj> d0 = BalancedManifold.defects(w);
        List<DMatrixRMaj> d1 = BalancedManifold.defects(w1);
        for (int p = 1; p <= 2; p++) {
            DMatrixRMaj expected = mul(t(g.layer(p + 1)), g.layer(p + 1));
            CommonOps_DDRM.subtractEquals(expected, mul(g.layer(p), t(g.layer(p))));
            CommonOps_DDRM.scale(eta * eta, expected);
            DMatrixRMaj change = d1.get(p - 1).copy();
            CommonOps_DDRM.subtractEquals(change, d0.get(p - 1));
            assertTrue(diffNorm(expected, change) < 1e-14, "p=" + p + ": " + diffNorm(expected, change));
        }
    }

    @Test
    void rk4ConservesBalanceAndIsFourthOrder() {
        // E4.1 setting: d = 4, N = 3, W_p and Y with i.i.d. N(0, 1/d) entries, T = 1
        DeepLinearNetwork w0 = DeepLinearNetwork.gaussian(3, 4, 0.5, new SplittableRandom(9));
        SquareLoss loss = SquareLoss.of(RandomMatrices.gaussian(4, 4, 0.5, 10));
        double drift = BalancedManifold.defectDrift(w0, w0.rk4(loss, 1e-3, 1000));
        assertTrue(drift < 1e-9, "drift " + drift);
        // the drift is the RK4 global error: it shrinks by 2^4 = 16 per halving of dt (allow 12..20)
        double d1 = BalancedManifold.defectDrift(w0, w0.rk4(loss, 1e-2, 100));
        double d2 = BalancedManifold.defectDrift(w0, w0.rk4(loss, 5e-3, 200));
        assertTrue(d1 / d2 > 12 && d1 / d2 < 20, "drift ratio " + d1 / d2);
        // order of the trajectory: errors at dt and dt/2 against a dt/8 reference shrink by 16
        DeepLinearNetwork ref = w0.rk4(loss, 0.1 / 8, 8 * 5);
        double e1 = w0.rk4(loss, 0.1, 5).plus(ref, -1).norm();
        double e2 = w0.rk4(loss, 0.05, 10).plus(ref, -1).norm();
        double ratio = e1 / e2;
        assertTrue(ratio > 12 && ratio < 20, "RK4 error ratio " + ratio);
    }

    @Test
    void gradientDescentConvergesTowardsReachableTarget() {
        // a general loss through its gradient: E(X) = ½‖X − Y‖² with Y = φ(W*) reachable
        DeepLinearNetwork star = net(2, 3, 12);
        DMatrixRMaj y = star.endToEnd();
        LossGradient grad = x -> {
            DMatrixRMaj r = x.copy();
            CommonOps_DDRM.subtractEquals(r, y);
            return r;
        };
        DeepLinearNetwork w = star.plus(net(2, 3, 13), 0.05).gradientDescent(grad, 0.05, 2000);
        assertTrue(diffNorm(w.endToEnd(), y) < 1e-6);
    }

    @Test
    void badInput() {
        assertBadArgument("N", () -> DeepLinearNetwork.of());
        assertBadArgument("layers[1]", () -> DeepLinearNetwork.of(new DMatrixRMaj(2, 2), new DMatrixRMaj(3, 3)));
        assertBadArgument("layers[0]", () -> DeepLinearNetwork.of(new DMatrixRMaj(2, 3)));
        DMatrixRMaj nan = new DMatrixRMaj(2, 2);
        nan.set(0, 0, Double.NaN);
        assertBadArgument("layers[0]", () -> DeepLinearNetwork.of(nan));
        assertBadArgument("depth", () -> DeepLinearNetwork.gaussian(0, 2, 1, RND));
        DeepLinearNetwork w = net(2, 2, 1);
        assertBadArgument("eta", () -> w.gradientDescentStep(x -> x, -1));
        assertBadArgument("loss gradient", () -> w.gradient(x -> new DMatrixRMaj(3, 3)));
        assertBadArgument("other", () -> w.plus(net(3, 2, 1), 1));
        assertBadArgument("p", () -> w.layer(0));
    }

    static DeepLinearNetwork fromVector(double[] v, int n, int d) {
        DMatrixRMaj[] m = new DMatrixRMaj[n];
        for (int p = 0; p < n; p++) {
            m[p] = new DMatrixRMaj(d, d);
            System.arraycopy(v, p * d * d, m[p].data, 0, d * d);
        }
        return DeepLinearNetwork.of(m);
    }
}
