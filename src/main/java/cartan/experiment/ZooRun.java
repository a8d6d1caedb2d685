package cartan.experiment;

import cartan.nn.Architecture;
import cartan.nn.Batch;
import cartan.nn.Embedding;
import cartan.nn.Examples;
import cartan.nn.Network;
import cartan.nn.Pass;
import cartan.nn.TextCorpus;
import cartan.nn.TextExamples;
import cartan.train.AdamW;
import cartan.train.Trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Trains one {@link ZooModel} with AdamW and measures every weight matrix on the model's fixed batch
 * (and, for a trajectory model, before every epoch as well).
 */
public final class ZooRun {

    /** The paper's window: the top 20 gradient directions. */
    public static final int WINDOW = 20;

    private ZooRun() {
    }

    /**
     * @param model       the model
     * @param trainLoss   mean training loss of the last epoch
     * @param testLoss    mean cross-entropy on the test set (nats per example or per character)
     * @param testAccuracy test accuracy (NaN for the language model)
     * @param steps       training steps
     * @param parameters  number of parameters
     * @param layers      one measurement per weight layer, after training
     * @param trajectory  (epoch, measurement) for trajectory models: before every epoch and after the last
     * @param secondsPerStep wall time per training step (not deterministic)
     * @param measureSeconds wall time of the curvature measurements (not deterministic)
     * @param trained        the trained network
     * @param unmeasured     layers whose curvature exponents could not be fitted at the end (fewer than 3 usable
     *                       directions or positive h_k), each with the reason; they are not in {@code layers}
     */
    public record Result(ZooModel model, double trainLoss, double testLoss, double testAccuracy, long steps,
                         int parameters, List<LayerMeasurement> layers, List<Checkpoint> trajectory,
                         double secondsPerStep, double measureSeconds, Network trained, List<String> unmeasured) {
    }

    /** One layer measured at the start of an epoch (epoch = number of epochs done). */
    public record Checkpoint(int epoch, LayerMeasurement layer) {
    }

    /** The fixed measurement batch of a model (the first examples of its training set). */
    public static Batch measurementBatch(ZooModel m, Paper3Data source, Network net) {
        return data(m, source, net).measure();
    }

    /** Training, test and measurement data of a model. */
    record Data(Examples train, Examples test, Batch measure) {
    }

    static Data data(ZooModel m, Paper3Data source, Network net) {
        if (m.dataset().equals("moby-dick")) {
            TextCorpus corpus;
            try {
                corpus = source.mobyDick();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Embedding embed = (Embedding) net.layers().get(0);
            if (embed.vocabulary() != corpus.vocabularySize()) {
                throw new IllegalStateException("the model's vocabulary " + embed.vocabulary() + " is not the corpus's "
                        + corpus.vocabularySize());
            }
            int context = embed.tokens();
            int split = corpus.length() * 9 / 10;
            TextCorpus train = corpus.slice(0, split);
            TextCorpus test = corpus.slice(split, corpus.length());
            int stride = Math.max(1, (train.length() - context - 1) / (m.trainCount() - 1));
            TextExamples tr = TextExamples.of(train, context, stride);
            TextExamples te = TextExamples.of(test, context, context);
            Examples trainSet = firstItems(tr, Math.min(m.trainCount(), tr.size()));
            return new Data(trainSet, firstItems(te, Math.min(128, te.size())), tr.range(0, m.measureBatch()));
        }
        Paper3Data.Images set = m.dataset().equals("mnist") ? Paper3Data.Images.MNIST : Paper3Data.Images.FASHION_MNIST;
        Examples train = source.images(set, "train", 0, m.trainCount());
        Examples test = source.images(set, "t10k", 0, 10000);
        return new Data(train, test, train.range(0, m.measureBatch()));
    }

    /** The first n items of a set. */
    static Examples firstItems(Examples e, int n) {
        return new Examples() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Batch batch(int[] indices) {
                return e.batch(indices);
            }
        };
    }

    /** Mean loss and accuracy (NaN for sequences) of a network on a set, in chunks of 500. */
    static double[] evaluate(Network net, Examples set) {
        double loss = 0;
        int right = 0;
        int n = set.size();
        boolean classify = true;
        for (int start = 0; start < n; start += 500) {
            Batch b = set.range(start, Math.min(500, n - start));
            org.ejml.data.DMatrixRMaj z = net.predict(b.x(), 500);
            loss += net.loss().value(z, b.y()) * b.size();
            if (b.labels() == null) {
                classify = false;
                continue;
            }
            for (int r = 0; r < z.numRows; r++) {
                int best = 0;
                for (int j = 1; j < z.numCols; j++) {
                    if (z.get(r, j) > z.get(r, best)) {
                        best = j;
                    }
                }
                right += best == b.labels()[r] ? 1 : 0;
            }
        }
        return new double[]{loss / n, classify ? right / (double) n : Double.NaN};
    }

    /** Measures every weight layer of a trained model of the zoo on its fixed batch (what the experiment does). */
    public static List<LayerMeasurement> remeasure(ZooModel m, Paper3Data source, Architecture trained) {
        return measure(trained, data(m, source, trained.network()).measure(), u -> { }, new ArrayList<>());
    }

    /**
     * Measures every weight layer on a batch. A layer whose exponents cannot be fitted (too few usable gradient
     * directions or positive curvatures h_k: α is a fit of log h on log σ) is not measured: its name and the
     * reason go to {@code unmeasured}, and the tables say so.
     */
    static List<LayerMeasurement> measure(Architecture arch, Batch batch, LongConsumer progress, List<String> unmeasured) {
        Pass pass = arch.network().pass(batch.x(), batch.y());
        List<LayerMeasurement> out = new ArrayList<>();
        unmeasured.clear();
        for (int i : arch.network().weightLayers()) {
            try {
                out.add(LayerMeasurement.of(arch, pass, i, WINDOW));
            } catch (IllegalArgumentException e) {
                unmeasured.add(arch.network().name(i) + " (" + e.getMessage() + ")");
            }
            progress.accept(WINDOW);
        }
        return out;
    }

    /** Work units of a model for the progress bar: its training steps plus 20 per layer measurement. */
    static long units(ZooModel m, long seed) {
        Architecture a = m.architecture().apply(seed);
        long steps = (long) (m.trainCount() / m.batchSize()) * m.epochs();
        int checkpoints = m.trajectory() ? m.epochs() + 1 : 1;
        return steps + (long) WINDOW * a.network().weightLayers().length * checkpoints;
    }

    public static Result run(ZooModel m, Paper3Data source, long seed, LongConsumer progress) {
        Architecture arch = m.architecture().apply(seed);
        Data d = data(m, source, arch.network());
        List<Checkpoint> trajectory = new ArrayList<>();
        List<List<LayerMeasurement>> last = new ArrayList<>();
        List<String> unmeasured = new ArrayList<>();
        Trainer.Hook hook = !m.trajectory() ? null : (epoch, net, opt) -> {
            List<LayerMeasurement> ms = measure(arch.with(net), d.measure(), progress, unmeasured);
            for (LayerMeasurement lm : ms) {
                trajectory.add(new Checkpoint(epoch, lm));
            }
            last.clear();
            last.add(ms);
        };
        long[] done = {0};
        Trainer.Result r = Trainer.train(arch.network(), d.train(), AdamW.defaults(),
                new Trainer.Config(m.epochs(), m.batchSize(), m.learningRate(), m.warmup(), seed + 1000),
                hook, t -> {
                    progress.accept(t - done[0]);
                    done[0] = t;
                });
        if (r.diverged()) {
            throw new IllegalStateException(m.id() + ": training diverged");
        }
        Architecture trained = arch.with(r.network());
        long t0 = System.nanoTime();
        List<LayerMeasurement> layers = m.trajectory() ? last.get(0) : measure(trained, d.measure(), progress, unmeasured);
        double measureSeconds = r.hookSeconds() + (System.nanoTime() - t0) / 1e9;
        double[] test = evaluate(r.network(), d.test());
        return new Result(m, r.epochLoss()[m.epochs() - 1], test[0], test[1], r.steps(), r.network().parameterCount(),
                layers, trajectory, r.secondsPerStep(), measureSeconds, r.network(), List.copyOf(unmeasured));
    }
}
