package cartan.experiment;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Writes the paper-3 results as CSV tables (Tablesaw's writer; doubles in full precision, undefined
 * values as empty cells). Every file except {@code timings.csv} and {@code provenance.json} is a
 * deterministic function of the seed.
 */
public final class Paper3Writer {

    /** The deterministic result files. */
    public static final List<String> RESULT_FILES = List.of("zoo-models.csv", "zoo-layers.csv", "zoo-spectra.csv",
            "zoo-trajectory.csv", "optimizer-pilot.csv", "optimizer-runs.csv", "optimizer-summary.csv",
            "checkpoint-cnn-mnist.npy");

    /** Models whose trained parameters are written as {@code checkpoint-<model>.npy} (1 × P, float64, flat order). */
    public static final List<String> CHECKPOINTS = List.of("cnn-mnist");

    private Paper3Writer() {
    }

    /** Writes every table into {@code dir} (which must exist). */
    public static void writeTables(Paper3Experiment.Results r, Path dir) throws IOException {
        if (r.options().zoo()) {
            models(r.zoo()).write().csv(dir.resolve("zoo-models.csv").toFile());
            List<LayerMeasurement> all = new ArrayList<>();
            r.zoo().forEach(z -> all.addAll(z.layers()));
            layers(all).write().csv(dir.resolve("zoo-layers.csv").toFile());
            spectra(all).write().csv(dir.resolve("zoo-spectra.csv").toFile());
            trajectory(r.zoo()).write().csv(dir.resolve("zoo-trajectory.csv").toFile());
            for (ZooRun.Result z : r.zoo()) {
                if (CHECKPOINTS.contains(z.model().id())) {
                    double[] theta = z.trained().flatParameters();
                    try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(dir.resolve("checkpoint-" + z.model().id() + ".npy"))) {
                        cartan.io.NpyMatrixWriter.write(org.ejml.data.DMatrixRMaj.wrap(1, theta.length, theta), out);
                    }
                }
            }
        }
        if (r.options().optimizers()) {
            runs("optimizer pilot", r.pilot()).write().csv(dir.resolve("optimizer-pilot.csv").toFile());
            runs("optimizer runs", r.runs()).write().csv(dir.resolve("optimizer-runs.csv").toFile());
            summary(r.runs()).write().csv(dir.resolve("optimizer-summary.csv").toFile());
        }
        timings(r).write().csv(dir.resolve("timings.csv").toFile());
    }

    /** A table built column by column from rows. */
    private static final class Columns<T> {
        private final Map<String, Column<?>> columns = new LinkedHashMap<>();
        private final List<T> rows;

        Columns(List<T> rows) {
            this.rows = rows;
        }

        Columns<T> text(String name, Function<T, String> f) {
            columns.put(name, StringColumn.create(name, rows.stream().map(f)));
            return this;
        }

        Columns<T> number(String name, ToDoubleFunction<T> f) {
            DoubleColumn c = DoubleColumn.create(name);
            for (T row : rows) {
                double v = f.applyAsDouble(row);
                if (Double.isFinite(v)) {
                    c.append(v);
                } else {
                    c.appendMissing();
                }
            }
            columns.put(name, c);
            return this;
        }

        Columns<T> integer(String name, ToDoubleFunction<T> f) {
            columns.put(name, IntColumn.create(name, rows.stream().mapToInt(row -> (int) f.applyAsDouble(row))));
            return this;
        }

        Columns<T> flag(String name, java.util.function.Predicate<T> f) {
            BooleanColumn c = BooleanColumn.create(name);
            rows.forEach(row -> c.append(f.test(row)));
            columns.put(name, c);
            return this;
        }

        Table table(String name) {
            return Table.create(name, columns.values().toArray(new Column<?>[0]));
        }
    }

    static Table models(List<ZooRun.Result> zoo) {
        return new Columns<>(zoo)
                .text("model", z -> z.model().id()).text("dataset", z -> z.model().dataset())
                .integer("parameters", ZooRun.Result::parameters).integer("weight_layers", z -> z.layers().size())
                .integer("train_examples", z -> z.model().trainCount()).integer("epochs", z -> z.model().epochs())
                .integer("batch_size", z -> z.model().batchSize()).number("learning_rate", z -> z.model().learningRate())
                .integer("steps", z -> z.steps()).number("train_loss", ZooRun.Result::trainLoss)
                .number("test_loss", ZooRun.Result::testLoss).number("test_accuracy", ZooRun.Result::testAccuracy)
                .integer("measure_batch", z -> z.model().measureBatch())
                .text("unmeasured_layers", z -> String.join("; ", z.unmeasured()))
                .table("zoo models");
    }

    static Table layers(List<LayerMeasurement> all) {
        return new Columns<>(all)
                .text("model", LayerMeasurement::model).text("layer", LayerMeasurement::layer)
                .text("layer_type", LayerMeasurement::layerType)
                .integer("rows", LayerMeasurement::rows).integer("cols", LayerMeasurement::cols)
                .integer("rows_per_sample", LayerMeasurement::rowsPerSample)
                .integer("k", l -> l.curvature().k()).integer("h_positive", l -> l.curvature().positiveCount())
                .number("alpha", LayerMeasurement::alpha)
                .number("alpha_se", l -> l.curvature().exponents().alphaFit().slopeStdError())
                .number("alpha_r2", l -> l.curvature().exponents().alphaFit().rSquared())
                .number("gamma", LayerMeasurement::gamma)
                .number("gamma_r2", l -> l.curvature().exponents().gammaFit().rSquared())
                .number("s", LayerMeasurement::s)
                .number("s_r2", l -> l.curvature().exponents().sFit().rSquared())
                .number("alpha_gamma", l -> l.alpha() * l.gamma())
                .number("transfer_rel_err", LayerMeasurement::transferError)
                .number("alpha_kron", l -> l.curvature().alphaKron())
                .number("beta_slope", LayerMeasurement::betaSlope).number("phi_slope", LayerMeasurement::phiSlope)
                .number("chi_median", l -> l.curvature().chiMedian()).number("chi_slope", l -> l.curvature().chiSlope())
                .number("alpha_weight", LayerMeasurement::alphaWeight)
                .number("pr_h", l -> l.curvature().participationRatio())
                .number("pr_h_zeta_bound", LayerMeasurement::zetaBound)
                .number("bic_power_law", l -> l.rankProfiles().powerLawBic())
                .number("bic_exponential", l -> l.rankProfiles().exponentialBic())
                .number("bic_lognormal", l -> l.rankProfiles().logNormalBic())
                .text("rank_profile_best", l -> l.rankProfiles().best())
                .table("zoo layers");
    }

    /** One row per (layer, direction): σ_k, h_k, h^Kron_k, Φ_k, Λ_k. */
    static Table spectra(List<LayerMeasurement> all) {
        record Entry(LayerMeasurement l, int k) {
        }
        List<Entry> rows = new ArrayList<>();
        for (LayerMeasurement l : all) {
            for (int k = 0; k < l.curvature().k(); k++) {
                rows.add(new Entry(l, k));
            }
        }
        return new Columns<>(rows)
                .text("model", e -> e.l().model()).text("layer", e -> e.l().layer())
                .integer("k", e -> e.k() + 1)
                .number("sigma", e -> e.l().curvature().sigma()[e.k()])
                .number("h", e -> e.l().curvature().h()[e.k()])
                .number("h_kron", e -> e.l().curvature().hKron()[e.k()])
                .number("phi", e -> e.l().curvature().phi()[e.k()])
                .number("lambda", e -> e.l().curvature().lambda()[e.k()])
                .table("zoo spectra");
    }

    static Table trajectory(List<ZooRun.Result> zoo) {
        List<ZooRun.Checkpoint> all = new ArrayList<>();
        zoo.forEach(z -> all.addAll(z.trajectory()));
        return new Columns<>(all)
                .text("model", c -> c.layer().model()).integer("epoch", ZooRun.Checkpoint::epoch)
                .text("layer", c -> c.layer().layer()).text("layer_type", c -> c.layer().layerType())
                .integer("k", c -> c.layer().curvature().k())
                .number("alpha", c -> c.layer().alpha())
                .number("alpha_se", c -> c.layer().curvature().exponents().alphaFit().slopeStdError())
                .number("alpha_r2", c -> c.layer().curvature().exponents().alphaFit().rSquared())
                .number("gamma", c -> c.layer().gamma()).number("s", c -> c.layer().s())
                .number("chi_median", c -> c.layer().curvature().chiMedian())
                .table("zoo trajectory");
    }

    static Table runs(String name, List<OptimizerComparison.Run> runs) {
        return new Columns<>(runs)
                .text("dataset", OptimizerComparison.Run::dataset).text("method", r -> r.method().label())
                .number("learning_rate", OptimizerComparison.Run::learningRate)
                .integer("seed", r -> r.seed()).integer("steps", r -> r.steps())
                .flag("diverged", OptimizerComparison.Run::diverged)
                .number("val_accuracy", OptimizerComparison.Run::valAccuracy)
                .number("test_accuracy", OptimizerComparison.Run::testAccuracy)
                .number("test_loss", OptimizerComparison.Run::testLoss)
                .number("mean_alpha", OptimizerComparison.Run::meanAlpha)
                .table(name);
    }

    /**
     * Per (dataset, method): the rate with the best mean validation accuracy over seeds, and the test
     * accuracy of those runs (mean, sample standard deviation, and each seed).
     */
    static Table summary(List<OptimizerComparison.Run> runs) {
        record Cell(String dataset, OptimizerComparison.Method method, double lr, double valMean, double[] test) {
        }
        Map<String, List<OptimizerComparison.Run>> groups = new LinkedHashMap<>();
        for (OptimizerComparison.Run r : runs) {
            groups.computeIfAbsent(r.dataset() + "|" + r.method() + "|" + r.learningRate(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Cell> best = new LinkedHashMap<>();
        for (List<OptimizerComparison.Run> g : groups.values()) {
            OptimizerComparison.Run f = g.get(0);
            double val = g.stream().mapToDouble(OptimizerComparison.Run::valAccuracy).average().orElseThrow();
            double[] test = g.stream().mapToDouble(OptimizerComparison.Run::testAccuracy).toArray();
            String key = f.dataset() + "|" + f.method();
            Cell c = new Cell(f.dataset(), f.method(), f.learningRate(), val, test);
            if (!best.containsKey(key) || val > best.get(key).valMean()) {
                best.put(key, c);
            }
        }
        List<Cell> cells = new ArrayList<>(best.values());
        return new Columns<>(cells)
                .text("dataset", Cell::dataset).text("method", c -> c.method().label())
                .number("learning_rate", Cell::lr).integer("seeds", c -> c.test().length)
                .number("val_accuracy_mean", Cell::valMean)
                .number("test_accuracy_mean", c -> mean(c.test())).number("test_accuracy_sd", c -> sd(c.test()))
                .text("test_accuracy_seeds", c -> join(c.test()))
                .table("optimizer summary");
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample standard deviation (n − 1); NaN (an empty cell) for one value. */
    static double sd(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    static String join(double[] x) {
        StringBuilder b = new StringBuilder();
        for (double v : x) {
            b.append(b.length() == 0 ? "" : " ").append(v);
        }
        return b.toString();
    }

    /** Wall times (not deterministic): per zoo model and per optimiser run. */
    static Table timings(Paper3Experiment.Results r) {
        record Row(String part, String id, long steps, double perStep, double measure) {
        }
        List<Row> rows = new ArrayList<>();
        for (ZooRun.Result z : r.zoo()) {
            rows.add(new Row("zoo", z.model().id(), z.steps(), z.secondsPerStep(), z.measureSeconds()));
        }
        for (List<OptimizerComparison.Run> part : List.of(r.pilot(), r.runs())) {
            for (OptimizerComparison.Run x : part) {
                rows.add(new Row(part == r.pilot() ? "pilot" : "optimizers", x.dataset() + "/" + x.method().label() + "/lr="
                        + x.learningRate() + "/seed=" + x.seed(), x.steps(), x.secondsPerStep(), x.hookSeconds()));
            }
        }
        return new Columns<>(rows)
                .text("part", Row::part).text("id", Row::id).integer("steps", Row::steps)
                .number("seconds_per_step", Row::perStep).number("measurement_seconds", Row::measure)
                .table("timings");
    }
}
