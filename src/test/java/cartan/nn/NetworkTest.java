package cartan.nn;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Gradients and Hessian-vector products against central finite differences (step 1e-5 on the loss
 * for gradients, on the exact gradient for HVPs; truncation error O(h²) ≈ 1e-10 relative, so the
 * tolerance 1e-6 leaves room only for rounding).
 */
class NetworkTest {

    static final double H = 1e-5;

    static double[] randomVector(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = RandomMatrices.standardNormal(r);
        }
        return v;
    }

    static double[] axpy(double[] x, double a, double[] v) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += a * v[i];
        }
        return y;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Checks the gradient along random directions and the full HVP against FD of the gradient. */
    static void checkDerivatives(Network net, DMatrixRMaj x, DMatrixRMaj y) {
        double[] theta = net.flatParameters();
        Pass pass = net.pass(x, y);
        double[] g = pass.flatGradient();
        for (int t = 0; t < 3; t++) {
            double[] v = randomVector(theta.length, 100 + t);
            double fd = (net.withFlatParameters(axpy(theta, H, v)).pass(x, y).loss()
                    - net.withFlatParameters(axpy(theta, -H, v)).pass(x, y).loss()) / (2 * H);
            assertEquals(fd, dot(g, v), 1e-6 * Math.max(1, Math.abs(fd)), "directional derivative");
        }
        double[] v = randomVector(theta.length, 7);
        double[] hv = pass.flatHvp(v);
        double[] gp = net.withFlatParameters(axpy(theta, H, v)).pass(x, y).flatGradient();
        double[] gm = net.withFlatParameters(axpy(theta, -H, v)).pass(x, y).flatGradient();
        double scale = Math.max(1e-3, maxAbs(hv));
        for (int i = 0; i < hv.length; i++) {
            double fd = (gp[i] - gm[i]) / (2 * H);
            assertEquals(fd, hv[i], 1e-6 * scale, "HVP entry " + i);
        }
        // symmetry of the Hessian: uᵀ(Hv) = vᵀ(Hu)
        double[] u = randomVector(theta.length, 8);
        double[] hu = pass.flatHvp(u);
        assertEquals(dot(u, hv), dot(v, hu), 1e-10 * Math.max(1, Math.abs(dot(u, hv))));
    }

    static DMatrixRMaj regressionTargets(int b, int c, long seed) {
        return RandomMatrices.gaussian(b, c, 1, seed);
    }

    static int[] labels(int b, int c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] l = new int[b];
        for (int i = 0; i < b; i++) {
            l[i] = r.nextInt(c);
        }
        return l;
    }

    @Test
    void tanhMlpWithCrossEntropy() {
        Network net = Network.mlp(new int[]{5, 7, 6, 4}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 1);
        // nonzero biases so they matter
        net = net.withFlatParameters(axpy(net.flatParameters(), 0.1, randomVector(net.parameterCount(), 3)));
        DMatrixRMaj x = RandomMatrices.gaussian(9, 5, 1, 2);
        checkDerivatives(net, x, Network.oneHot(labels(9, 4, 4), 4));
    }

    @Test
    void reluMlpWithSquaredLoss() {
        Network net = Network.mlp(new int[]{4, 8, 3}, Activation.Kind.RELU, Loss.SQUARED, 11);
        DMatrixRMaj x = RandomMatrices.gaussian(10, 4, 1, 12);
        checkDerivatives(net, x, regressionTargets(10, 3, 13));
    }

    @Test
    void squaredLossValueAndGradientClosedForm() {
        // one linear layer, squared loss: L = (1/2B)‖X Wᵀ − Y‖², ∇_W = (X Wᵀ − Y)ᵀ X / B, H = I ⊗ XᵀX / B
        DMatrixRMaj w = RandomMatrices.gaussian(2, 3, 1, 21);
        Network net = Network.of(List.of(new Dense(3, 2)), List.of(Params.weightOnly(w)), Loss.SQUARED);
        DMatrixRMaj x = RandomMatrices.gaussian(4, 3, 1, 22);
        DMatrixRMaj y = RandomMatrices.gaussian(4, 2, 1, 23);
        Pass p = net.pass(x, y);
        double loss = 0;
        double[][] r = new double[4][2];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                double z = 0;
                for (int k = 0; k < 3; k++) {
                    z += x.get(i, k) * w.get(j, k);
                }
                r[i][j] = z - y.get(i, j);
                loss += 0.5 * r[i][j] * r[i][j] / 4;
            }
        }
        assertEquals(loss, p.loss(), 1e-14);
        DMatrixRMaj d = RandomMatrices.gaussian(2, 3, 1, 24);
        // dᵀ H d = (1/B) Σ_i ‖d x_i‖²
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += d.get(j, k) * x.get(i, k);
                }
                expected += s * s / 4;
            }
        }
        assertEquals(expected, p.curvature(0, d), 1e-13);
    }

    static Network smallCnn(long seed) {
        Conv2d conv = new Conv2d(6, 6, 2, 3, 3, 3);            // → 4×4×3
        MaxPool2d pool = new MaxPool2d(4, 4, 3, 2);           // → 2×2×3
        Dense head = new Dense(12, 4);
        List<Layer> ls = List.of(conv, Activation.tanh(48), pool, head);
        SplittableRandom r = new SplittableRandom(seed);
        List<Params> ps = new java.util.ArrayList<>();
        ps.add(new Params(RandomMatrices.gaussian(3, 18, 0.4, r), new double[]{0.1, -0.2, 0.05}));
        ps.add(null);
        ps.add(null);
        ps.add(new Params(RandomMatrices.gaussian(4, 12, 0.5, r), new double[]{0.0, 0.1, -0.1, 0.2}));
        return Network.of(ls, ps, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    @Test
    void cnnWithConvPoolAndDense() {
        Network net = smallCnn(31);
        DMatrixRMaj x = RandomMatrices.gaussian(5, 72, 1, 32);
        checkDerivatives(net, x, Network.oneHot(labels(5, 4, 33), 4));
    }

    @Test
    void convolutionMatchesDirectSum() {
        Conv2d conv = new Conv2d(5, 4, 2, 2, 3, 3);
        DMatrixRMaj x = RandomMatrices.gaussian(2, conv.inputSize(), 1, 41);
        Params p = new Params(RandomMatrices.gaussian(3, conv.patchSize(), 1, 42), new double[]{0.5, 0, -1});
        DMatrixRMaj out = conv.forward(x, p).out();
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < conv.outHeight(); i++) {
                for (int j = 0; j < conv.outWidth(); j++) {
                    for (int f = 0; f < 3; f++) {
                        double z = p.b()[f];
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 3; dx++) {
                                for (int c = 0; c < 2; c++) {
                                    // Keras kernel [kh,kw,C,F] → row (dy·kw+dx)·C+c of Wᵀ
                                    z += x.get(s, ((i + dy) * 4 + (j + dx)) * 2 + c) * p.w().get(f, (dy * 3 + dx) * 2 + c);
                                }
                            }
                        }
                        assertEquals(z, out.get(s, (i * conv.outWidth() + j) * 3 + f), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void layerCurvatureEqualsFlatHvpAndSignalsGiveGradient() {
        Network net = Network.mlp(new int[]{6, 8, 5}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 51);
        DMatrixRMaj x = RandomMatrices.gaussian(12, 6, 1, 52);
        Pass p = net.pass(x, labels(12, 5, 53));
        for (int layer : net.weightLayers()) {
            DMatrixRMaj d = RandomMatrices.gaussian(net.params(layer).w().numRows, net.params(layer).w().numCols, 1, 54 + layer);
            Params[] v = new Params[net.layers().size()];
            v[layer] = Params.weightOnly(d);
            double[] flatV = net.flatten(v);
            assertEquals(NetworkTest.dot(flatV, p.flatHvp(flatV)), p.curvature(layer, d), 1e-12);
            DMatrixRMaj g = p.signals(layer).gradient();
            DMatrixRMaj exact = p.gradient()[layer].w();
            for (int i = 0; i < g.getNumElements(); i++) {
                assertEquals(exact.data[i], g.data[i], 1e-14);
            }
        }
        Network cnn = smallCnn(61);
        Pass pc = cnn.pass(RandomMatrices.gaussian(3, 72, 1, 62), labels(3, 4, 63));
        DMatrixRMaj g = pc.signals(0).gradient();
        for (int i = 0; i < g.getNumElements(); i++) {
            assertEquals(pc.gradient()[0].w().data[i], g.data[i], 1e-14);
        }
    }

    @Test
    void rankOneCurvatureEqualsGeneralCurvature() {
        Network cnn = smallCnn(71);
        Pass p = cnn.pass(RandomMatrices.gaussian(4, 72, 1, 72), labels(4, 4, 73));
        for (int layer : cnn.weightLayers()) {
            int m = cnn.params(layer).w().numRows;
            int n = cnn.params(layer).w().numCols;
            double[] u = randomVector(m, 74);
            double[] v = randomVector(n, 75);
            DMatrixRMaj d = new DMatrixRMaj(m, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    d.set(i, j, u[i] * v[j]);
                }
            }
            double general = p.curvature(layer, d);
            assertEquals(general, p.curvatureRankOne(layer, u, v), 1e-12 * Math.max(1, Math.abs(general)));
        }
    }

    @Test
    void badInputIsRejectedWithTheArgumentName() {
        Network net = Network.mlp(new int[]{3, 4, 2}, Activation.Kind.RELU, Loss.SQUARED, 1);
        DMatrixRMaj x = RandomMatrices.gaussian(2, 3, 1, 1);
        DMatrixRMaj bad = x.copy();
        bad.set(0, 0, Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.pass(bad, new DMatrixRMaj(2, 2)))
                .getMessage().startsWith("x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.pass(new DMatrixRMaj(2, 4), new DMatrixRMaj(2, 2)))
                .getMessage().startsWith("x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.pass(x, new DMatrixRMaj(2, 3)))
                .getMessage().startsWith("y"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Network.oneHot(new int[]{0, 5}, 3))
                .getMessage().startsWith("labels"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Network.of(List.of(new Dense(3, 4), new Dense(5, 2)), java.util.Arrays.asList(Params.zeros(4, 3), Params.zeros(2, 5)), Loss.SQUARED))
                .getMessage().startsWith("layers"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Network.of(List.of(new Dense(3, 4)), List.of(Params.zeros(3, 4)), Loss.SQUARED))
                .getMessage().startsWith("params"));
        Pass p = net.pass(x, new DMatrixRMaj(2, 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.curvature(1, new DMatrixRMaj(4, 3)))
                .getMessage().startsWith("layer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.curvature(0, new DMatrixRMaj(3, 3)))
                .getMessage().startsWith("d"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.withFlatParameters(new double[3]))
                .getMessage().startsWith("flat"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Conv2d(2, 2, 1, 3, 3, 1))
                .getMessage().startsWith("kernelHeight"));
    }
}
