package cartan.train;

import cartan.Require;
import cartan.nn.Batch;
import cartan.nn.Examples;
import cartan.nn.Network;
import cartan.nn.Pass;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Mini-batch training: each epoch visits a fresh random permutation of the examples in ⌊N/B⌋ full
 * batches (the remainder is dropped); step t of T uses the learning rate
 * η_t = η · min(1, (t+1)/(w·T)) · ½(1 + cos(π t/T)) (linear warm-up over a fraction w, then cosine
 * decay to zero). Everything random comes from one {@link SplittableRandom} seeded by the config, so a
 * run is a deterministic function of its inputs.
 */
public final class Trainer {

    private Trainer() {
    }

    /**
     * @param epochs         passes over the data
     * @param batchSize      examples per step
     * @param learningRate   the peak rate η
     * @param warmupFraction fraction w of the steps over which η ramps up (0: none)
     * @param seed           seed of the batch order
     */
    public record Config(int epochs, int batchSize, double learningRate, double warmupFraction, long seed) {
        public Config {
            Require.atLeast("epochs", epochs, 1);
            Require.atLeast("batchSize", batchSize, 1);
            Require.positive("learningRate", learningRate);
            Require.inRange("warmupFraction", warmupFraction, 0, 1);
        }

        /** η_t for step t of {@code total}. */
        public double rate(long t, long total) {
            double warm = warmupFraction == 0 ? 1 : Math.min(1, (t + 1) / (warmupFraction * total));
            return learningRate * warm * 0.5 * (1 + Math.cos(Math.PI * t / total));
        }
    }

    /** Called before each epoch (and once after the last, with epoch = epochs) with the current network. */
    public interface Hook {
        void beforeEpoch(int epoch, Network network, Optimizer optimizer);
    }

    /**
     * @param network       the trained network
     * @param epochLoss     mean training loss of each epoch's batches
     * @param steps         optimisation steps taken
     * @param stepSeconds   wall time of the steps (forward, backward and update), in seconds
     * @param hookSeconds   wall time spent in the hook, in seconds
     * @param diverged      whether training stopped early because a loss or a parameter became non-finite
     *                      ({@code network} is then the last finite one)
     */
    public record Result(Network network, double[] epochLoss, long steps, double stepSeconds, double hookSeconds,
                         boolean diverged) {
        /** Mean wall time per step in seconds. */
        public double secondsPerStep() {
            return stepSeconds / steps;
        }
    }

    /**
     * Trains {@code network} on {@code data}.
     *
     * @param progress receives the number of steps done after every step (may be null)
     * @throws IllegalArgumentException if the data has fewer examples than a batch
     */
    public static Result train(Network network, Examples data, Optimizer optimizer, Config config, Hook hook,
                               IntConsumer progress) {
        Require.notNull("network", network);
        Require.notNull("data", data);
        Require.notNull("optimizer", optimizer);
        Require.notNull("config", config);
        int perEpoch = data.size() / config.batchSize();
        if (perEpoch < 1) {
            throw new IllegalArgumentException("data: " + data.size() + " examples do not fill one batch of " + config.batchSize());
        }
        long total = (long) perEpoch * config.epochs();
        SplittableRandom random = new SplittableRandom(config.seed());
        double[] epochLoss = new double[config.epochs()];
        long stepNanos = 0;
        long hookNanos = 0;
        int t = 0;
        boolean diverged = false;
        for (int epoch = 0; epoch < config.epochs() && !diverged; epoch++) {
            if (hook != null) {
                long h0 = System.nanoTime();
                hook.beforeEpoch(epoch, network, optimizer);
                hookNanos += System.nanoTime() - h0;
            }
            int[] order = permutation(data.size(), random);
            double sum = 0;
            for (int s = 0; s < perEpoch; s++) {
                int[] idx = new int[config.batchSize()];
                System.arraycopy(order, s * config.batchSize(), idx, 0, idx.length);
                Batch batch = data.batch(idx);
                long t0 = System.nanoTime();
                double loss;
                try {
                    Pass pass = network.pass(batch.x(), batch.y());
                    loss = pass.loss();
                    network = network.withParams(optimizer.step(network.params(), pass.gradient(), config.rate(t, total)));
                } catch (IllegalArgumentException e) {
                    // the inputs were checked when the run started, so this is an activation or a parameter
                    // that overflowed to NaN or infinity: the run diverged
                    loss = Double.NaN;
                    diverged = true;
                }
                sum += loss;
                stepNanos += System.nanoTime() - t0;
                t++;
                if (progress != null) {
                    progress.accept(t);
                }
                if (diverged || !Double.isFinite(loss)) {
                    diverged = true;
                    break;
                }
            }
            epochLoss[epoch] = diverged ? Double.NaN : sum / perEpoch;
        }
        if (diverged) {
            for (int e = 0; e < epochLoss.length; e++) {
                epochLoss[e] = epochLoss[e] == 0 ? Double.NaN : epochLoss[e];
            }
            return new Result(network, epochLoss, t, stepNanos / 1e9, hookNanos / 1e9, true);
        }
        if (hook != null) {
            long h0 = System.nanoTime();
            hook.beforeEpoch(config.epochs(), network, optimizer);
            hookNanos += System.nanoTime() - h0;
        }
        return new Result(network, epochLoss, t, stepNanos / 1e9, hookNanos / 1e9, false);
    }

    /** A uniformly random permutation of 0 … n−1 (Fisher–Yates). */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
