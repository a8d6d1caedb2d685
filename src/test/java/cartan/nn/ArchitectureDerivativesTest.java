package cartan.nn;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.nn.NetworkTest.axpy;
import static cartan.nn.NetworkTest.checkDerivatives;
import static cartan.nn.NetworkTest.labels;
import static cartan.nn.NetworkTest.randomVector;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every layer type of the trained zoo against central finite differences (gradient along random
 * directions from loss differences, the full Hessian-vector product from differences of the exact
 * gradient, and Hessian symmetry uᵀHv = vᵀHu), on small instances of each architecture: padded and
 * strided convolutions, residual sums, LayerNorm, softmax attention (bidirectional and causal), GELU,
 * token / position / patch embeddings, token mean pooling, and cross-entropy over sequences. Then, for
 * every weight layer, the rank-one curvature uᵀR{∇_W}v against vec(uvᵀ)ᵀHvec(uvᵀ) from the full HVP
 * and the gradient factors G = δᵀA/R against the exact gradient.
 */
class ArchitectureDerivativesTest {

    /** All parameters moved off their initial values (biases nonzero) so every term of the passes matters. */
    static Network perturbed(Network net, long seed) {
        return net.withFlatParameters(axpy(net.flatParameters(), 0.05, randomVector(net.parameterCount(), seed)));
    }

    static DMatrixRMaj tokens(int b, int t, int vocabulary, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj x = new DMatrixRMaj(b, t);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = r.nextInt(vocabulary);
        }
        return x;
    }

    static DMatrixRMaj sequenceTargets(int b, int t, int vocabulary, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj y = new DMatrixRMaj(b, t * vocabulary);
        for (int i = 0; i < b * t; i++) {
            y.data[i * vocabulary + r.nextInt(vocabulary)] = 1;
        }
        return y;
    }

    /** Rank-one curvature vs the full HVP, and (A, δ) vs the gradient, for every weight layer. */
    static void checkLayers(Network net, Pass p) {
        for (int layer : net.weightLayers()) {
            int m = net.params(layer).w().numRows;
            int n = net.params(layer).w().numCols;
            double[] u = randomVector(m, 200 + layer);
            double[] v = randomVector(n, 300 + layer);
            DMatrixRMaj d = new DMatrixRMaj(m, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    d.set(i, j, u[i] * v[j]);
                }
            }
            Params[] dir = new Params[net.layers().size()];
            dir[layer] = Params.weightOnly(d);
            double[] flat = net.flatten(dir);
            double full = NetworkTest.dot(flat, p.flatHvp(flat));
            double tol = 1e-11 * Math.max(1, Math.abs(full));
            assertEquals(full, p.curvature(layer, d), tol, "curvature, layer " + net.name(layer));
            assertEquals(full, p.curvatureRankOne(layer, u, v), tol, "rank-one curvature, layer " + net.name(layer));
            DMatrixRMaj g = p.signals(layer).gradient();
            DMatrixRMaj exact = p.gradient()[layer].w();
            double scale = Math.max(1e-3, NetworkTest.maxAbs(exact.data));
            for (int i = 0; i < g.getNumElements(); i++) {
                assertEquals(exact.data[i], g.data[i], 1e-13 * scale, "δᵀA/R, layer " + net.name(layer));
            }
        }
    }

    @Test
    void paddedAndStridedConvolutions() {
        Network net = Network.builder()
                .add("conv_same", Conv2d.same(6, 6, 2, 3, 3), Params.weightOnly(RandomMatrices.gaussian(3, 18, 0.4, 1)))
                .add(Activation.tanh(108))
                .add("conv_stride", new Conv2d(6, 6, 3, 3, 3, 4, 2, 1), Params.weightOnly(RandomMatrices.gaussian(4, 27, 0.3, 2)))
                .add(Activation.gelu(36))
                .add("head", new Dense(36, 5), Params.weightOnly(RandomMatrices.gaussian(5, 36, 0.3, 3)))
                .build(Loss.SOFTMAX_CROSS_ENTROPY);
        net = perturbed(net, 4);
        DMatrixRMaj x = RandomMatrices.gaussian(4, 72, 1, 5);
        DMatrixRMaj y = Network.oneHot(labels(4, 5, 6), 5);
        checkDerivatives(net, x, y);
        checkLayers(net, net.pass(x, y));
    }

    @Test
    void residualCnnWithGlobalPooling() {
        // tanh stands in for ReLU so the finite differences never straddle a kink; the residual
        // bookkeeping is the same
        Architecture a = Architectures.residualCnn("res", 8, 1, 3, 1, 4, 7);
        Network net = perturbed(a.network(), 8);
        DMatrixRMaj x = RandomMatrices.gaussian(3, 64, 1, 9);
        DMatrixRMaj y = Network.oneHot(labels(3, 4, 10), 4);
        checkDerivatives(net, x, y);
        checkLayers(net, net.pass(x, y));
    }

    @Test
    void visionTransformer() {
        Architecture a = Architectures.visionTransformer("vit", 6, 1, 3, new Architectures.TransformerShape(4, 2, 2, 8), 3, 11);
        Network net = perturbed(a.network(), 12);
        DMatrixRMaj x = RandomMatrices.gaussian(3, 36, 1, 13);
        DMatrixRMaj y = Network.oneHot(labels(3, 3, 14), 3);
        checkDerivatives(net, x, y);
        checkLayers(net, net.pass(x, y));
    }

    @Test
    void causalCharacterTransformerWithSequenceCrossEntropy() {
        int vocab = 5;
        int context = 4;
        Architecture a = Architectures.charTransformer("lm", vocab, context, new Architectures.TransformerShape(4, 2, 2, 6), 15);
        Network net = perturbed(a.network(), 16);
        DMatrixRMaj x = tokens(3, context, vocab, 17);
        DMatrixRMaj y = sequenceTargets(3, context, vocab, 18);
        checkDerivatives(net, x, y);
        checkLayers(net, net.pass(x, y));
    }

    @Test
    void causalAttentionIgnoresTheFuture() {
        int vocab = 5;
        int context = 4;
        Network net = perturbed(Architectures.charTransformer("lm", vocab, context,
                new Architectures.TransformerShape(4, 1, 2, 6), 19).network(), 20);
        DMatrixRMaj x = tokens(1, context, vocab, 21);
        DMatrixRMaj z = net.predict(x, 1);
        DMatrixRMaj x2 = x.copy();
        x2.data[context - 1] = (x.data[context - 1] + 1) % vocab;
        DMatrixRMaj z2 = net.predict(x2, 1);
        for (int j = 0; j < (context - 1) * vocab; j++) {
            assertEquals(z.data[j], z2.data[j], 0.0, "logit " + j + " depends on the last token");
        }
    }
}
