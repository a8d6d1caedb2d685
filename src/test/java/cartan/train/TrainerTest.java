package cartan.train;

import cartan.linalg.RandomMatrices;
import cartan.nn.Activation;
import cartan.nn.Batch;
import cartan.nn.Examples;
import cartan.nn.Loss;
import cartan.nn.Network;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule's closed form, the batch order as a permutation, determinism, and learning on a teacher task. */
class TrainerTest {

    static Examples teacher(int n, long seed) {
        DMatrixRMaj x = RandomMatrices.gaussian(n, 6, 1, seed);
        Network t = Network.mlp(new int[]{6, 12, 3}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, seed + 1);
        DMatrixRMaj z = t.predict(x, n);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = z.get(i, 0) > z.get(i, 1) ? (z.get(i, 0) > z.get(i, 2) ? 0 : 2) : (z.get(i, 1) > z.get(i, 2) ? 1 : 2);
        }
        return new Examples() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Batch batch(int[] idx) {
                DMatrixRMaj b = new DMatrixRMaj(idx.length, 6);
                int[] l = new int[idx.length];
                for (int r = 0; r < idx.length; r++) {
                    System.arraycopy(x.data, idx[r] * 6, b.data, r * 6, 6);
                    l[r] = labels[idx[r]];
                }
                return new Batch(b, Network.oneHot(l, 3), l);
            }
        };
    }

    @Test
    void scheduleIsWarmupThenCosine() {
        Trainer.Config c = new Trainer.Config(1, 1, 0.2, 0.1, 0);
        assertEquals(0.2 * (1.0 / 10) * 0.5 * (1 + Math.cos(0)), c.rate(0, 100), 1e-15);
        assertEquals(0.2 * 0.5 * (1 + Math.cos(Math.PI / 2)), c.rate(50, 100), 1e-15);
        assertEquals(0.2 * 0.5 * (1 + Math.cos(Math.PI * 99 / 100)), c.rate(99, 100), 1e-15);
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = Trainer.permutation(50, new SplittableRandom(3));
        int[] s = p.clone();
        Arrays.sort(s);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, s[i]);
        }
    }

    @Test
    void sameSeedSameNetworkAndTheLossFalls() {
        Examples data = teacher(256, 5);
        Network net = Network.mlp(new int[]{6, 16, 3}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 9);
        Trainer.Config c = new Trainer.Config(8, 32, 0.01, 0, 11);
        Trainer.Result a = Trainer.train(net, data, AdamW.defaults(), c, null, null);
        Trainer.Result b = Trainer.train(net, data, AdamW.defaults(), c, null, null);
        assertArrayEquals(a.network().flatParameters(), b.network().flatParameters());
        assertEquals(64, a.steps());
        assertTrue(a.epochLoss()[7] < 0.6 * a.epochLoss()[0], Arrays.toString(a.epochLoss()));
        int[] hooked = {0};
        Trainer.train(net, data, new SgdMomentum(0.9), c, (e, n, o) -> hooked[0]++, null);
        assertEquals(9, hooked[0]);   // before each of 8 epochs and once after the last
    }

    @Test
    void aDivergingRunStopsAndSaysSo() {
        Examples data = teacher(64, 6);
        Network net = Network.mlp(new int[]{6, 16, 3}, Activation.Kind.RELU, Loss.SOFTMAX_CROSS_ENTROPY, 9);
        Trainer.Result r = Trainer.train(net, data, new SgdMomentum(0.9), new Trainer.Config(50, 16, 1e200, 0, 1), null, null);
        assertTrue(r.diverged());
        assertTrue(r.steps() < 200);
    }
}
