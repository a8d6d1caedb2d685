package cartan.experiment;

import cartan.Require;
import cartan.nn.Examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The paper-3 experiment ({@code bin/cartan experiment paper3}): trains and measures the zoo
 * ({@link ZooModel}, {@link ZooRun}) and runs the optimiser comparison ({@link OptimizerComparison}).
 * Independent runs go to a pool of single-threaded workers and are collected in a fixed order, so the
 * results depend on the seed only, not on the number of threads.
 */
public final class Paper3Experiment {

    private Paper3Experiment() {
    }

    /**
     * @param seed       base seed
     * @param threads    worker threads
     * @param reduced    the reduced (test-size) zoo and comparison
     * @param zoo        run the zoo
     * @param optimizers run the optimiser comparison
     */
    public record Options(long seed, int threads, boolean reduced, boolean zoo, boolean optimizers) {
        public Options {
            Require.atLeast("threads", threads, 1);
            if (!zoo && !optimizers) {
                throw new IllegalArgumentException("zoo: at least one part (zoo, optimizers) must run");
            }
        }
    }

    /** Everything the experiment produced. */
    public record Results(Options options, List<ZooRun.Result> zoo, List<OptimizerComparison.Run> pilot,
                          List<OptimizerComparison.Run> runs, double seconds) {
    }

    private static final String[] DATASETS = {"mnist", "fashion-mnist"};

    /**
     * Runs the experiment.
     *
     * @param progress receives (units done so far, total units)
     */
    public static Results run(Options o, Paper3Data data, BiConsumer<Long, Long> progress) throws InterruptedException {
        long t0 = System.nanoTime();
        List<ZooModel> models = !o.zoo() ? List.of() : o.reduced() ? ZooModel.reduced() : ZooModel.full();
        OptimizerComparison.Settings s = o.reduced() ? OptimizerComparison.Settings.reduced() : OptimizerComparison.Settings.full();
        OptimizerComparison.Method[] methods = OptimizerComparison.Method.values();
        long total = 0;
        for (ZooModel m : models) {
            total += ZooRun.units(m, o.seed());
        }
        long perRun = (long) (s.trainCount() / s.batchSize()) * s.epochs();
        long perPilot = s.trainCount() / s.batchSize();
        if (o.optimizers()) {
            total += perPilot * methods.length * s.pilotGrid().length;
            total += perRun * DATASETS.length * methods.length * OptimizerComparison.SWEEP.length * s.seeds();
        }
        AtomicLong done = new AtomicLong();
        long all = total;
        java.util.function.LongConsumer tick = u -> progress.accept(done.addAndGet(u), all);

        ExecutorService pool = Executors.newFixedThreadPool(o.threads(), r -> {
            Thread t = new Thread(r, "paper3-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            // the longest models first, so two workers stay busy until the end
            List<ZooModel> byCost = new ArrayList<>(models);
            byCost.sort(Comparator.comparingLong((ZooModel m) -> -ZooRun.units(m, o.seed())));
            List<Future<ZooRun.Result>> zooFutures = new ArrayList<>();
            for (ZooModel m : models) {
                zooFutures.add(null);
            }
            for (ZooModel m : byCost) {
                zooFutures.set(models.indexOf(m), pool.submit(() -> ZooRun.run(m, data, o.seed(), tick)));
            }
            List<OptimizerComparison.Run> pilot = new ArrayList<>();
            List<OptimizerComparison.Run> runs = new ArrayList<>();
            if (o.optimizers()) {
                Examples[][] sets = new Examples[DATASETS.length][];
                for (int d = 0; d < DATASETS.length; d++) {
                    Paper3Data.Images img = d == 0 ? Paper3Data.Images.MNIST : Paper3Data.Images.FASHION_MNIST;
                    sets[d] = new Examples[]{data.images(img, "train", 0, s.trainCount()),
                            data.images(img, "train", 50000, s.valCount()), data.images(img, "t10k", 0, s.testCount())};
                }
                List<Future<OptimizerComparison.Run>> pf = new ArrayList<>();
                for (OptimizerComparison.Method m : methods) {
                    for (double lr : s.pilotGrid()) {
                        pf.add(pool.submit(() -> counted(OptimizerComparison.run(DATASETS[0], m, lr, o.seed() + 100, 1, s,
                                sets[0][0], sets[0][1], sets[0][2], tick), perPilot, tick)));
                    }
                }
                for (Future<OptimizerComparison.Run> f : pf) {
                    pilot.add(get(f));
                }
                List<Future<OptimizerComparison.Run>> rf = new ArrayList<>();
                for (int d = 0; d < DATASETS.length; d++) {
                    for (OptimizerComparison.Method m : methods) {
                        double best = bestPilotRate(pilot, m);
                        for (double mult : OptimizerComparison.SWEEP) {
                            for (int k = 0; k < s.seeds(); k++) {
                                int dd = d;
                                long seed = o.seed() + k;
                                rf.add(pool.submit(() -> counted(OptimizerComparison.run(DATASETS[dd], m, best * mult, seed,
                                        s.epochs(), s, sets[dd][0], sets[dd][1], sets[dd][2], tick), perRun, tick)));
                            }
                        }
                    }
                }
                for (Future<OptimizerComparison.Run> f : rf) {
                    runs.add(get(f));
                }
            }
            List<ZooRun.Result> zoo = new ArrayList<>();
            for (Future<ZooRun.Result> f : zooFutures) {
                zoo.add(get(f));
            }
            return new Results(o, zoo, pilot, runs, (System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Tops up the progress of a run that stopped early (diverged) to its planned steps. */
    private static OptimizerComparison.Run counted(OptimizerComparison.Run r, long planned, java.util.function.LongConsumer tick) {
        if (r.steps() < planned) {
            tick.accept(planned - r.steps());
        }
        return r;
    }

    /** The pilot rate with the best validation accuracy for a method (the smallest on ties). */
    static double bestPilotRate(List<OptimizerComparison.Run> pilot, OptimizerComparison.Method m) {
        OptimizerComparison.Run best = null;
        for (OptimizerComparison.Run r : pilot) {
            if (r.method() == m && !r.diverged() && (best == null || r.valAccuracy() > best.valAccuracy())) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalStateException(m.label() + ": every pilot run diverged");
        }
        return best.learningRate();
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        }
    }
}
