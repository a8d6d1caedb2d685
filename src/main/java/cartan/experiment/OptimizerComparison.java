package cartan.experiment;

import cartan.Require;
import cartan.curvature.LayerCurvature;
import cartan.nn.Architecture;
import cartan.nn.Batch;
import cartan.nn.Examples;
import cartan.nn.Network;
import cartan.nn.Pass;
import cartan.train.AdamW;
import cartan.train.Muon;
import cartan.train.Optimizer;
import cartan.train.SgdMomentum;
import cartan.train.SpectralNewtonOptimizer;
import cartan.train.Trainer;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * §3 of the paper-3 experiment: the zoo's CNN trained on MNIST and Fashion-MNIST by five methods with
 * equal epochs and batches, the same seeds (initialisation and batch order) for every method:
 * <ul>
 *   <li>{@code sgd}: Nesterov momentum 0.9;</li>
 *   <li>{@code adamw}: β = (0.9, 0.999), ε = 1e-8, decoupled decay 0.01 on weights;</li>
 *   <li>{@code muon}: Nesterov momentum 0.95, five quintic Newton–Schulz steps;</li>
 *   <li>{@code spectral-newton}: Nesterov momentum 0.9, transfer σ/(σ^α_ℓ + d) with the paper's
 *       d = 0.1 through the polar/matrix-function route, α_ℓ each layer's exponent measured (exact HVPs,
 *       k = 20) on a fixed training batch before every epoch and clipped to [0.5, 3];</li>
 *   <li>{@code adamw-layer-scaled}: the paper's negative control, AdamW with per-layer rates
 *       η_ℓ = η (s_ℓ/s̄)^β, β = 1, s_ℓ measured the same way, s̄ the mean over layers.</li>
 * </ul>
 * Learning rates: a pilot (one epoch, MNIST, its own seed) scans a wide grid (10^−3.5 … 1) for each method; the main
 * sweep then uses, for every method alike, the pilot's best rate times {10^−½, 1, 10^½}. The rate
 * reported for a method is the one with the best mean validation accuracy (2000 held-out training
 * images); its test accuracy (10000 test images) is the result.
 */
public final class OptimizerComparison {

    private OptimizerComparison() {
    }

    /** The training methods compared. */
    public enum Method {
        SGD("sgd"), ADAMW("adamw"), MUON("muon"), SPECTRAL_NEWTON("spectral-newton"), LAYER_SCALED_ADAMW("adamw-layer-scaled");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The paper's damping. */
    public static final double DAMPING = 0.1;
    /** Measured exponents are clipped to this range before they enter the transfer (fixed before any run). */
    public static final double ALPHA_MIN = 0.5;
    public static final double ALPHA_MAX = 3;
    /** Pilot grid: 10^{-3.5}, 10^{-3}, …, 10^{0}. */
    public static final double[] PILOT_GRID = grid(-3.5, 0);
    /** Main-sweep multipliers of the pilot's best rate. */
    public static final double[] SWEEP = {Math.pow(10, -0.5), 1, Math.pow(10, 0.5)};

    static double[] grid(double fromExp, double toExp) {
        int n = (int) Math.round((toExp - fromExp) * 2) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Math.pow(10, fromExp + 0.5 * i);
        }
        return g;
    }

    /**
     * Sizes of the comparison.
     *
     * @param trainCount   training images (from the start of the train split)
     * @param valCount     validation images (train split from index 50000)
     * @param testCount    test images (from the start of t10k)
     * @param epochs       epochs of the main sweep (the pilot runs one)
     * @param batchSize    images per step
     * @param seeds        seeds per (method, rate)
     * @param measureBatch images in the fixed batch on which α_ℓ and s_ℓ are measured
     * @param pilotGrid    the pilot's learning rates
     */
    public record Settings(int trainCount, int valCount, int testCount, int epochs, int batchSize, int seeds, int measureBatch,
                           double[] pilotGrid) {
        public Settings {
            Require.atLeast("trainCount", trainCount, 1);
            Require.atLeast("valCount", valCount, 1);
            Require.atLeast("testCount", testCount, 1);
            Require.atLeast("epochs", epochs, 1);
            Require.atLeast("batchSize", batchSize, 1);
            Require.atLeast("seeds", seeds, 1);
            Require.atLeast("measureBatch", measureBatch, 1);
            Require.positive("pilotGrid", pilotGrid);
            pilotGrid = pilotGrid.clone();
        }

        /** The full comparison: 2000 training images, 2 epochs, batch 64, 3 seeds (sized for 2 shared cores). */
        public static Settings full() {
            return new Settings(2000, 2000, 10000, 2, 64, 3, 64, PILOT_GRID);
        }

        /** A reduced comparison for tests. */
        public static Settings reduced() {
            return new Settings(192, 64, 128, 1, 32, 2, 32, new double[]{1e-3, 1e-2, 1e-1});
        }
    }

    /**
     * One training run.
     *
     * @param dataset        {@code mnist} or {@code fashion-mnist}
     * @param method         the method
     * @param learningRate   its peak rate
     * @param seed           seed of initialisation (and, + 1000, of the batch order)
     * @param valAccuracy    validation accuracy after training
     * @param testAccuracy   test accuracy after training
     * @param testLoss       test cross-entropy
     * @param diverged       whether a loss or parameter became non-finite (accuracies are then of the
     *                       last finite network)
     * @param meanAlpha      mean over layers and epochs of the α_ℓ used (spectral Newton; NaN otherwise)
     * @param steps          optimisation steps
     * @param secondsPerStep wall time per step (not deterministic)
     * @param hookSeconds    wall time of the α/s measurements (not deterministic)
     */
    public record Run(String dataset, Method method, double learningRate, long seed, double valAccuracy,
                      double testAccuracy, double testLoss, boolean diverged, double meanAlpha, long steps,
                      double secondsPerStep, double hookSeconds) {
    }

    /** Per-layer α (clipped) or s of a network on a batch; layers that cannot be measured get NaN. */
    static double[] exponents(Network net, Batch batch, boolean alpha) {
        Pass pass = net.pass(batch.x(), batch.y());
        double[] out = new double[net.layers().size()];
        Arrays.fill(out, Double.NaN);
        for (int i : net.weightLayers()) {
            try {
                LayerCurvature c = LayerCurvature.measure(pass, i, ZooRun.WINDOW);
                double v = alpha ? c.exponents().alpha() : c.exponents().s();
                out[i] = alpha ? Math.min(ALPHA_MAX, Math.max(ALPHA_MIN, v)) : v;
            } catch (IllegalArgumentException e) {
                out[i] = Double.NaN;   // fewer than 3 usable directions: the caller falls back
            }
        }
        return out;
    }

    /** Trains and evaluates one run. */
    public static Run run(String dataset, Method method, double lr, long seed, int epochs, Settings s,
                          Examples train, Examples val, Examples test, LongConsumer progress) {
        Architecture arch = ZooModel.cnn("cnn-" + dataset, seed);
        Batch measure = train.range(0, s.measureBatch());
        double[] alphaSum = {0, 0};
        Optimizer opt = switch (method) {
            case SGD -> new SgdMomentum(0.9);
            case ADAMW, LAYER_SCALED_ADAMW -> AdamW.defaults();
            case MUON -> new Muon(0.95);
            case SPECTRAL_NEWTON -> new SpectralNewtonOptimizer(0.9, DAMPING);
        };
        Trainer.Hook hook = switch (method) {
            case SPECTRAL_NEWTON -> (epoch, net, o) -> {
                if (epoch < epochs) {
                    double[] a = exponents(net, measure, true);
                    for (int i = 0; i < a.length; i++) {
                        if (net.params(i) != null) {
                            a[i] = Double.isNaN(a[i]) ? 2 : a[i];   // unmeasurable layer: the baseline α = 2
                            alphaSum[0] += a[i];
                            alphaSum[1]++;
                        } else {
                            a[i] = 2;
                        }
                    }
                    ((SpectralNewtonOptimizer) o).setExponents(a);
                }
            };
            case LAYER_SCALED_ADAMW -> (epoch, net, o) -> {
                if (epoch < epochs) {
                    double[] sl = exponents(net, measure, false);
                    double mean = Arrays.stream(sl).filter(Double::isFinite).average().orElse(1);
                    double[] scale = new double[sl.length];
                    for (int i = 0; i < sl.length; i++) {
                        scale[i] = Double.isFinite(sl[i]) && sl[i] > 0 && mean > 0 ? sl[i] / mean : 1;
                    }
                    ((AdamW) o).setLayerScales(scale);
                }
            };
            default -> null;
        };
        long[] done = {0};
        Trainer.Result r = Trainer.train(arch.network(), train, opt, new Trainer.Config(epochs, s.batchSize(), lr, 0, seed + 1000),
                hook, t -> {
                    progress.accept(t - done[0]);
                    done[0] = t;
                });
        double[] v = ZooRun.evaluate(r.network(), val);
        double[] te = ZooRun.evaluate(r.network(), test);
        return new Run(dataset, method, lr, seed, v[1], te[1], te[0], r.diverged(),
                alphaSum[1] > 0 ? alphaSum[0] / alphaSum[1] : Double.NaN, r.steps(), r.secondsPerStep(), r.hookSeconds());
    }
}
