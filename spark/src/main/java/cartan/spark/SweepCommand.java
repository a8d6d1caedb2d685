package cartan.spark;

import cartan.cli.ExitCode;
import cartan.cli.SweepSelection;
import cartan.profile.ProfileOptions;
import cartan.io.Checkpoints;
import cartan.io.Checkpoints.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/** {@code cartan sweep}: the exponent profile of many models or checkpoints on Spark, in one table. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Per-layer spectral profile of many models or training checkpoints on Apache Spark, one task per "
                + "(model, layer), in one table: the columns of 'cartan profile --csv' after 'model' and 'step'. "
                + "Each row equals bit for bit the row 'cartan profile' writes for that layer with the same options. "
                + "Spark runs embedded (local[*]) unless --master names a cluster.", ""},
        footer = {"",
            "MODEL_OR_CHECKPOINT: anything 'cartan profile' reads (a weight file, a directory of them, a sharded "
                + "checkpoint, a short name), or a directory of checkpoints: a directory without a shard index in "
                + "which entries' names carry a step (step-000040.safetensors, checkpoint-500/, ckpt_3.pt; see "
                + "--step-regex). Each such entry is one model; a checkpoint directory is read through its shard "
                + "index, model.safetensors or pytorch_model.bin. safetensors tasks read their tensor's bytes by "
                + "offset; other formats reopen the model's header once per executor.",
            "",
            "Output: without --out the CSV table on stdout; with --out DIR: sweep.csv, sweep.parquet (one file, "
                + "missing values null), errors.csv (model, step, layer, error) and sweep.json (options, backends, "
                + "times), written completely before they replace earlier files.",
            "",
            "Exit codes: 0 ok; 1 runtime failure (e.g. Spark could not start); 2 usage error; 3 some input could "
                + "not be read (named on stderr and in errors.csv; every other model is still measured and "
                + "written); 4 no layer passes the filters; 5 an output could not be written."})
public final class SweepCommand implements Callable<Integer> {

    @Mixin
    SweepSelection selection;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: local[*], or spark.master when started by spark-submit)")
    String master;

    @Option(names = "--out", paramLabel = "DIR", description = "write sweep.csv, sweep.parquet, errors.csv, sweep.json into DIR")
    Path out;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting, e.g. spark.executor.memory=4g (repeatable)")
    List<String> conf = new ArrayList<>();

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--debug", description = "print stack traces on errors")
    boolean debug;

    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

    /** The outputs, in the order they are moved into place. */
    static final List<String> OUTPUT_FILES = List.of("sweep.parquet", "errors.csv", "sweep.json", "sweep.csv");

    /** A failure with an exit code and a one-line message. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(int code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (Failure f) {
            stderr.println("cartan sweep: " + f.getMessage());
            if (debug && f.getCause() != null) {
                f.getCause().printStackTrace(stderr);
            }
            return f.code;
        } catch (RuntimeException | OutOfMemoryError e) {
            stderr.println("cartan sweep: failed: " + Sweep.oneLine(e));
            if (debug) {
                e.printStackTrace(stderr);
            }
            return ExitCode.RUNTIME;
        }
    }

    private int run() throws Failure {
        Pattern step;
        try {
            step = selection.validate();
        } catch (IllegalArgumentException e) {
            throw new Failure(ExitCode.USAGE, e.getMessage(), null);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String c : conf) {
            int eq = c.indexOf('=');
            if (eq <= 0) {
                throw new Failure(ExitCode.USAGE, "--conf must be KEY=VALUE, got '" + c + "'", null);
            }
            settings.put(c.substring(0, eq), c.substring(eq + 1));
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new Failure(ExitCode.USAGE, "--out '" + out + "' is a file, not a directory", null);
        }
        Checkpoints.Expansion found = Checkpoints.expand(selection.models, step);
        if (out != null) {
            for (Checkpoints.Checkpoint c : found.checkpoints()) {
                for (String f : OUTPUT_FILES) {
                    if (Path.of(c.path()).normalize().equals(out.resolve(f).toAbsolutePath().normalize())) {
                        throw new Failure(ExitCode.USAGE, "--out would overwrite the input '" + c.model() + "'", null);
                    }
                }
            }
        }
        SweepOptions options = new SweepOptions(selection.fit, selection.minTail, selection.bootstrap, selection.seed);

        long t0 = System.nanoTime();
        Sweep.Plan plan = Sweep.plan(found.checkpoints(), selection.layers, selection.minSize);
        List<SweepError> planErrors = new ArrayList<>();
        for (Problem p : found.problems()) {
            planErrors.add(new SweepError(p.argument(), null, null, p.message()));
        }
        for (String m : plan.empty()) {
            stderr.println("cartan sweep: warning: no weight matrix in '" + m + "' passes the filters");
        }
        if (plan.tasks().isEmpty()) {
            for (SweepError e : planErrors) {
                stderr.println("cartan sweep: cannot read " + e.oneLine());
            }
            for (SweepError e : plan.errors()) {
                stderr.println("cartan sweep: " + e.oneLine());
            }
            if (!planErrors.isEmpty() || !plan.errors().isEmpty()) {
                throw new Failure(ExitCode.INPUT, "no model could be read", null);
            }
            throw new Failure(ExitCode.NO_LAYERS, "no weight matrix in any model passes the filters (layer kinds "
                    + "dense/conv/embedding, min(rows, cols) >= " + selection.minSize
                    + (selection.layers == null ? "" : ", name matching /" + selection.layers + "/") + ")", null);
        }

        String masterUrl = master != null ? master : System.getProperty("spark.master", "local[*]");
        Sweep.Result result;
        String sparkVersion;
        String effectiveMaster;
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(sparkConf(masterUrl, settings));
        } catch (RuntimeException e) {
            throw new Failure(ExitCode.RUNTIME, "cannot start Spark (master " + masterUrl + "): " + Sweep.oneLine(e), e);
        }
        try {
            sparkVersion = spark.version();
            effectiveMaster = spark.master() + " (" + spark.defaultParallelism() + " task slots)";
            Progress bar = quiet ? null : new Progress(stderr);
            result = Sweep.run(spark, plan, options, bar);
            if (bar != null) {
                bar.finish();
            }
        } finally {
            spark.stop();
        }
        double wall = (System.nanoTime() - t0) / 1e9;

        List<SweepError> errors = new ArrayList<>(planErrors);
        errors.addAll(result.errors());
        for (SweepError e : errors) {
            stderr.println("cartan sweep: skipped " + e.oneLine());
        }
        if (result.backends().size() > 1) {
            stderr.println("cartan sweep: warning: executors used different SVD backends " + result.backends()
                    + ": rows may differ from 'cartan profile' in the last bits");
        }
        Table table = SweepTable.table(result.rows());
        if (out == null) {
            stdout.print(SweepTable.csv(table));
        } else {
            writeOutputs(table, result, errors, sparkVersion, effectiveMaster, wall);
            stdout.printf(Locale.ROOT, "%d layers of %d models in %.1f s on %s -> %s%n", result.rows().size(),
                    found.checkpoints().size() - plan.errors().size(), wall, effectiveMaster, out);
        }
        stdout.flush();
        if (!errors.isEmpty()) {
            stderr.printf(Locale.ROOT, "cartan sweep: %d model(s) or layer(s) could not be read; the others are in the table%n",
                    errors.size());
            return ExitCode.INPUT;
        }
        return ExitCode.OK;
    }

    /** The Spark settings of a sweep: no web UI, one OpenBLAS thread per executor, loopback for local masters. */
    static SparkConf sparkConf(String master, Map<String, String> settings) {
        SparkConf c = new SparkConf().setAppName("cartan sweep").setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .setExecutorEnv("OPENBLAS_NUM_THREADS", "1");
        if (master.startsWith("local")) {
            c.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        } else if (!c.contains("spark.jars") && System.getProperty("cartan.spark.jar") != null) {
            // bin/cartan sweep --master spark://…: ship the library and this module (without Spark) to the executors
            c.set("spark.jars", System.getProperty("cartan.spark.jar"));
        }
        settings.forEach(c::set);
        return c;
    }


    private void writeOutputs(Table table, Sweep.Result result, List<SweepError> errors, String sparkVersion,
                              String effectiveMaster, double wall) throws Failure {
        boolean created = !Files.exists(out);
        Path stage = null;
        try {
            Files.createDirectories(out);
            stage = Files.createTempDirectory(out, ".sweep-");
            Files.writeString(stage.resolve("sweep.csv"), SweepTable.csv(table), StandardCharsets.UTF_8);
            SweepTable.writeParquet(stage.resolve("sweep.parquet"), result.rows());
            Files.writeString(stage.resolve("errors.csv"), errorsCsv(errors), StandardCharsets.UTF_8);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.write(stage.resolve("sweep.json"), json.writeValueAsBytes(provenance(result, errors, sparkVersion,
                    effectiveMaster, wall)));
            for (String f : OUTPUT_FILES) {
                try {
                    Files.move(stage.resolve(f), out.resolve(f), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(stage.resolve(f), out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.delete(stage);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(stage);
            if (created) {
                deleteQuietly(out);
            }
            throw new Failure(ExitCode.OUTPUT, "cannot write to '" + out + "': " + Sweep.oneLine(e), e);
        }
    }

    static String errorsCsv(List<SweepError> errors) {
        Table t = Table.create("errors");
        StringColumn model = StringColumn.create("model");
        StringColumn step = StringColumn.create("step");
        StringColumn layer = StringColumn.create("layer");
        StringColumn error = StringColumn.create("error");
        for (SweepError e : errors) {
            model.append(e.model());
            step.append(e.step() == null ? "" : e.step().toString());
            layer.append(e.layer() == null ? "" : e.layer());
            error.append(e.message());
        }
        t.addColumns(model, step, layer, error);
        return SweepTable.csv(t);
    }

    private Map<String, Object> provenance(Sweep.Result result, List<SweepError> errors, String sparkVersion,
                                           String effectiveMaster, double wall) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "cartan-sweep/1");
        root.put("date", Instant.now().toString());
        root.put("spark", sparkVersion);
        root.put("master", effectiveMaster);
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("fit", selection.fit.name().toLowerCase(Locale.ROOT));
        opt.put("min_tail", selection.minTail);
        opt.put("bootstrap", selection.bootstrap);
        opt.put("seed", selection.seed);
        opt.put("layers", selection.layers);
        opt.put("min_size", selection.minSize);
        opt.put("step_regex", selection.stepRegex == null ? Checkpoints.DEFAULT_STEP.pattern() : selection.stepRegex);
        opt.put("eigenvalues", "sigma^2 of W^T W, no 1/N");
        root.put("options", opt);
        root.put("inputs", selection.models);
        root.put("layers", result.rows().size());
        root.put("errors", errors.size());
        root.put("svd_backends", result.backends());
        root.put("wall_seconds", wall);
        root.put("task_seconds", result.taskSeconds());
        root.put("columns", SweepTable.COLUMNS);
        return root;
    }

    private static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException ignored) {
            // best effort: the failure itself is reported
        }
    }

    /** Tasks done on stderr, at most every half second, one line at the end. */
    static final class Progress implements Sweep.Progress {
        private final PrintStream err;
        private final long start = System.nanoTime();
        private long last;
        private int done;
        private int total;

        Progress(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void tasksDone(int d, int t) {
            done = d;
            total = t;
            long now = System.nanoTime();
            if (now - last > 500_000_000L || d == t) {
                last = now;
                err.printf(Locale.ROOT, "\rcartan sweep: %d/%d layers, %.0f s", d, t, (now - start) / 1e9);
                err.flush();
            }
        }

        synchronized void finish() {
            if (total > 0) {
                err.println();
            }
        }
    }
}
