package cartan.curvature;

import cartan.linalg.RandomMatrices;
import cartan.linalg.SymmetricMatrixFunction;
import cartan.nn.Pass;
import cartan.nn.Activation;
import cartan.nn.Loss;
import cartan.nn.Network;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Lanczos, Hutchinson and SLQ against a dense eigendecomposition of a small network's Hessian. */
class SpectraTest {

    static Pass smallPass() {
        Network net = Network.mlp(new int[]{5, 8, 4}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 3);
        DMatrixRMaj x = RandomMatrices.gaussian(40, 5, 1, 4);
        int[] labels = new int[40];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 40; i++) {
            labels[i] = r.nextInt(4);
        }
        return net.pass(x, labels);
    }

    @Test
    void lanczosTopEigenvaluesMatchDense() {
        LinearOperator h = LinearOperator.hessian(smallPass());   // dim = 5·8+8 + 8·4+4 = 84
        DMatrixRMaj dense = LinearOperator.toDense(h);
        double[] ev = SymmetricMatrixFunction.eigenvalues(dense);
        double[] top = Lanczos.topEigenvalues(h, 4, 60, 11);
        for (int i = 0; i < 4; i++) {
            assertEquals(ev[i], top[i], 1e-8 * ev[0], "eigenvalue " + i);
        }
    }

    @Test
    void lanczosQuadratureIsExactForLowDegreeMoments() {
        LinearOperator h = LinearOperator.hessian(smallPass());
        double[] q = new double[h.dim()];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < q.length; i++) {
            q[i] = RandomMatrices.standardNormal(r);
        }
        double nq = Math.sqrt(Lanczos.dot(q, q));
        q = Lanczos.scale(q, 1 / nq);
        int m = 6;
        Lanczos.Result res = Lanczos.run(h, q, m);
        double[] mq = q.clone();
        for (int j = 0; j <= 2 * m - 1; j++) {
            double direct = Lanczos.dot(q, mq);           // qᵀ M^j q by repeated products
            double quad = 0;
            for (int i = 0; i < res.steps(); i++) {
                quad += res.weights()[i] * Math.pow(res.ritzValues()[i], j);
            }
            assertEquals(direct, quad, 1e-9 * Math.max(1e-12, Math.abs(direct)) + 1e-15, "moment " + j);
            mq = h.apply(mq);
        }
    }

    @Test
    void hutchinsonIsExactOnDiagonalsAndWithinItsIntervalOnAHessian() {
        DMatrixRMaj d = new DMatrixRMaj(6, 6);
        for (int i = 0; i < 6; i++) {
            d.set(i, i, i - 2.5);
        }
        HutchinsonTrace t = HutchinsonTrace.estimate(LinearOperator.of(d), 10, 1);
        assertEquals(CommonOps_DDRM.trace(d), t.estimate(), 1e-14);
        assertEquals(0, t.standardError(), 1e-14);

        LinearOperator h = LinearOperator.hessian(smallPass());
        double trace = CommonOps_DDRM.trace(LinearOperator.toDense(h));
        HutchinsonTrace est = HutchinsonTrace.estimate(h, 400, 7);
        // 4 standard errors: a failure would be a > 4σ event (probability < 1e-4 under the CLT)
        assertTrue(Math.abs(est.estimate() - trace) <= 4 * est.standardError(),
                "trace " + trace + " vs " + est.estimate() + " ± " + est.standardError());
        assertTrue(est.standardError() > 0);
    }

    @Test
    void slqMatchesHutchinsonProbesAndExactSpectrumWhenComplete() {
        LinearOperator h = LinearOperator.hessian(smallPass());
        int n = h.dim();
        SpectralDensity sd = SpectralDensity.estimate(h, 5, 12, 9);
        assertEquals(1, sd.moment(0), 1e-12);
        // first moment from the quadrature = (1/P) Σ zᵀHz / N with the same Rademacher probes
        HutchinsonTrace t = HutchinsonTrace.estimate(h, 5, 9);
        assertEquals(t.estimate() / n, sd.moment(1), 1e-10 * Math.abs(t.estimate() / n) + 1e-14);
        // a full-length run on a small dense matrix recovers its eigenvalues as nodes
        DMatrixRMaj s = RandomMatrices.gaussian(7, 7, 1, 3);
        DMatrixRMaj sym = new DMatrixRMaj(7, 7);
        CommonOps_DDRM.multTransA(s, s, sym);
        double[] ev = SymmetricMatrixFunction.eigenvalues(sym);
        SpectralDensity full = SpectralDensity.estimate(LinearOperator.of(sym), 1, 7, 4);
        assertEquals(7, full.nodes().length);
        for (int i = 0; i < 7; i++) {
            assertEquals(ev[i], full.nodes()[i], 1e-9 * ev[0]);
        }
        // smoothed density integrates to 1
        double[] xs = new double[4001];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -20 + i * 0.02 * (ev[0] + 40) / 80;
        }
        double dx = xs[1] - xs[0];
        double integral = 0;
        for (double v : full.density(xs, 0.5)) {
            integral += v * dx;
        }
        assertEquals(1, integral, 1e-6);
    }

    @Test
    void badInput() {
        LinearOperator h = LinearOperator.of(CommonOps_DDRM.identity(3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.topEigenvalues(h, 5, 10, 1)).getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanczos.run(h, new double[2], 2)).getMessage().startsWith("start"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HutchinsonTrace.estimate(h, 1, 1)).getMessage().startsWith("samples"));
        DMatrixRMaj ns = new DMatrixRMaj(new double[][]{{1, 2}, {0, 1}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LinearOperator.of(ns)).getMessage().startsWith("m"));
    }
}
