package cartan.train;

import cartan.curvature.SpectralNewton;
import cartan.linalg.RandomMatrices;
import cartan.nn.Params;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each optimiser's update against its formula written out by hand for two steps. */
class OptimizerTest {

    static Params[] one(double w, double b) {
        return new Params[]{new Params(new DMatrixRMaj(new double[][]{{w}}), new double[]{b}), null};
    }

    @Test
    void nesterovSgdTwoSteps() {
        SgdMomentum opt = new SgdMomentum(0.9);
        Params[] p = opt.step(one(1, 2), one(0.5, -1), 0.1);
        // m = g; d = g + 0.9 m = 1.9 g
        assertEquals(1 - 0.1 * 1.9 * 0.5, p[0].w().get(0, 0), 1e-15);
        assertEquals(2 + 0.1 * 1.9, p[0].b()[0], 1e-15);
        assertNull(p[1]);
        p = opt.step(p, one(0.2, 0), 0.1);
        double m = 0.9 * 0.5 + 0.2;
        assertEquals(1 - 0.1 * 0.95 - 0.1 * (0.2 + 0.9 * m), p[0].w().get(0, 0), 1e-15);
    }

    @Test
    void adamWTwoSteps() {
        AdamW opt = new AdamW(0.9, 0.999, 1e-8, 0.01);
        double w = 1;
        Params[] p = opt.step(one(w, 0), one(0.5, -2), 0.1);
        // t = 1: m̂ = g, v̂ = g², step = g/(|g| + ε) = sign(g) up to ε; decay on the weight only
        double d1 = 0.5 / (0.5 + 1e-8);
        assertEquals(w - 0.1 * (d1 + 0.01 * w), p[0].w().get(0, 0), 1e-15);
        assertEquals(0.1 * 2 / (2 + 1e-8), p[0].b()[0], 1e-15);
        double w1 = p[0].w().get(0, 0);
        p = opt.step(p, one(-0.3, 0), 0.1);
        double m = 0.9 * 0.1 * 0.5 + 0.1 * -0.3;
        double v = 0.999 * 0.001 * 0.25 + 0.001 * 0.09;
        double d2 = (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertEquals(w1 - 0.1 * (d2 + 0.01 * w1), p[0].w().get(0, 0), 1e-14);
    }

    @Test
    void layerScalesMultiplyTheRate() {
        AdamW a = AdamW.defaults();
        AdamW b = AdamW.defaults();
        b.setLayerScales(new double[]{3, 1});
        double wa = a.step(one(1, 0), one(0.5, 0), 0.01)[0].w().get(0, 0);
        double wb = b.step(one(1, 0), one(0.5, 0), 0.01)[0].w().get(0, 0);
        assertEquals(3 * (1 - wa), 1 - wb, 1e-15);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.setLayerScales(new double[]{0, 1}))
                .getMessage().startsWith("layerScales"));
    }

    @Test
    void muonAndSpectralNewtonApplyTheirMatrixMapsToTheNesterovMomentum() {
        DMatrixRMaj w = RandomMatrices.gaussian(3, 5, 1, 1);
        DMatrixRMaj g = RandomMatrices.gaussian(3, 5, 1, 2);
        Params[] p = {new Params(w, new double[3])};
        Params[] grad = {new Params(g, new double[]{1, 0, 0})};
        DMatrixRMaj nesterov = g.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(1.95, nesterov);
        DMatrixRMaj muon = new Muon(0.95).step(p, grad, 0.1)[0].w();
        DMatrixRMaj ns = SpectralNewton.newtonSchulz(nesterov, 5);
        for (int i = 0; i < 15; i++) {
            assertEquals(w.data[i] - 0.1 * ns.data[i], muon.data[i], 1e-14);   // wide: scale √max(1, 3/5) = 1
        }
        SpectralNewtonOptimizer sn = new SpectralNewtonOptimizer(0.95, 0.1);
        sn.setExponents(new double[]{1.5});
        DMatrixRMaj snw = sn.step(p, grad, 0.1)[0].w();
        DMatrixRMaj t = SpectralNewton.step(nesterov, 1.5, 0.1);
        for (int i = 0; i < 15; i++) {
            assertEquals(w.data[i] - 0.1 * t.data[i], snw.data[i], 1e-12);
        }
    }
}
