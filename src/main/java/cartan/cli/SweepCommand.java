package cartan.cli;

import cartan.io.Checkpoints;
import cartan.io.MatrixSource;
import cartan.io.Models;
import cartan.io.ReadOptions;
import cartan.profile.ExponentProfile;
import cartan.profile.ProfileOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code cartan sweep}, sequential engine: the exponent profile of many models or training checkpoints, one
 * {@code ExponentProfile.of} per model in turn, in one table with {@code model} and {@code step} before the columns
 * of {@code cartan profile --csv}. Each model's rows are exactly that model's {@code cartan profile --csv} rows with
 * the same options (the same reader, selection, index and bootstrap seed per layer).
 *
 * <p>The distributed engine ({@code bin/cartan sweep --engine spark}, one Spark task per model and layer) lives in
 * the separate Maven project {@code spark/}, so Spark never enters this library's class path; {@code bin/cartan}
 * builds and runs it only when asked. Its table equals this one.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = CartanVersion.class, sortOptions = false,
        description = {
            "Per-layer spectral profile of many models or training checkpoints in one table: 'model' and 'step', "
                + "then the columns of 'cartan profile --csv'. Each model's rows equal its 'cartan profile --csv' "
                + "rows. Models are profiled one after another here; 'bin/cartan sweep --engine spark' runs one "
                + "Apache Spark task per (model, layer) instead (built on first use; see the README).", ""},
        footer = {"",
            "MODEL_OR_CHECKPOINT: anything 'cartan profile' reads, or a directory of checkpoints: a directory "
                + "without a shard index in which entries' names carry a step (step-000040.safetensors, "
                + "checkpoint-500/, ckpt_3.pt; see --step-regex), each entry one model, in step order.",
            "",
            "Output: the CSV table on stdout, or with --out DIR sweep.csv and errors.csv (model, step, error), "
                + "written completely before they replace earlier files.",
            "",
            "Exit codes: 0 ok; 1 runtime failure; 2 usage error; 3 some model could not be read (named on stderr; "
                + "the others are in the table); 4 no layer passes the filters; 5 an output could not be written."})
public final class SweepCommand extends StreamCommand {

    @Mixin
    SweepSelection selection;

    @Option(names = "--out", paramLabel = "DIR", description = "write sweep.csv and errors.csv into DIR")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads per model (default: number of processors); results do not depend on it")
    Integer threads;

    @Option(names = "--engine", paramLabel = "local|spark",
            description = "local (default, this process) or spark (handled by bin/cartan, which runs the spark/ build)")
    String engine = "local";

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--debug", description = "print stack traces on errors")
    boolean debug;

    /** The columns of the sweep table: {@code model}, {@code step}, then {@link ExponentProfile#CSV_COLUMNS}. */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of("model", "step"));
        c.addAll(ExponentProfile.CSV_COLUMNS);
        COLUMNS = List.copyOf(c);
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (CommandFailure f) {
            stderr.println("cartan sweep: " + f.getMessage());
            return f.code;
        } catch (RuntimeException | OutOfMemoryError e) {
            stderr.println("cartan sweep: failed: " + ProfileCommand.oneLine(e));
            if (debug) {
                e.printStackTrace(stderr);
            }
            return ExitCode.RUNTIME;
        }
    }

    private int run() throws CommandFailure {
        if (!"local".equals(engine)) {
            throw new CommandFailure(ExitCode.USAGE, "--engine " + engine + ": this process runs only the local engine; "
                    + "'bin/cartan sweep --engine spark' starts the Spark build", null);
        }
        Pattern step;
        try {
            step = selection.validate();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.USAGE, e.getMessage(), null);
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new CommandFailure(ExitCode.USAGE, "--threads must be at least 1, got " + nThreads, null);
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandFailure(ExitCode.USAGE, "--out '" + out + "' is a file, not a directory", null);
        }
        Checkpoints.Expansion found = Checkpoints.expand(selection.models, step);
        if (out != null) {
            for (Checkpoints.Checkpoint c : found.checkpoints()) {
                for (String f : List.of("sweep.csv", "errors.csv")) {
                    if (Path.of(c.path()).toAbsolutePath().normalize().equals(out.resolve(f).toAbsolutePath().normalize())) {
                        throw new CommandFailure(ExitCode.USAGE, "--out would overwrite the input '" + c.model() + "'", null);
                    }
                }
            }
        }
        List<String[]> errors = new ArrayList<>();
        for (Checkpoints.Problem p : found.problems()) {
            errors.add(new String[] {p.argument(), "", p.message()});
        }
        ProfileOptions options = new ProfileOptions(selection.fit, selection.minTail, selection.bootstrap, selection.seed, nThreads);
        Table sweep = null;
        int empty = 0;
        int done = 0;
        for (Checkpoints.Checkpoint c : found.checkpoints()) {
            ExponentProfile profile;
            try {
                List<MatrixSource> selected = Models.select(Models.open(c.path(), ReadOptions.DEFAULT), selection.layers, selection.minSize);
                if (selected.isEmpty()) {
                    stderr.println("cartan sweep: warning: no weight matrix in '" + c.model() + "' passes the filters");
                    empty++;
                    continue;
                }
                profile = ExponentProfile.of(selected, options, null);
            } catch (IOException | IllegalArgumentException e) {
                errors.add(new String[] {c.model(), c.step() == null ? "" : c.step().toString(),
                    "cannot read: " + ProfileCommand.oneLine(e)});
                continue;
            }
            Table t = rows(c, profile);
            sweep = sweep == null ? t : sweep.append(t);
            done++;
            if (!quiet) {
                stderr.printf(Locale.ROOT, "cartan sweep: %d/%d models, %s%n", done, found.checkpoints().size(), c.model());
            }
        }
        for (String[] e : errors) {
            stderr.println("cartan sweep: skipped " + e[0] + (e[1].isEmpty() ? "" : " (step " + e[1] + ")") + ": " + e[2]);
        }
        if (sweep == null) {
            if (!errors.isEmpty()) {
                throw new CommandFailure(ExitCode.INPUT, "no model could be read", null);
            }
            throw new CommandFailure(ExitCode.NO_LAYERS, "no weight matrix in any model passes the filters (layer kinds "
                    + "dense/conv/embedding, min(rows, cols) >= " + selection.minSize
                    + (selection.layers == null ? "" : ", name matching /" + selection.layers + "/") + ")", null);
        }
        String csv = csv(sweep);
        if (out == null) {
            stdout.print(csv);
        } else {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("sweep.csv", csv.getBytes(StandardCharsets.UTF_8));
            files.put("errors.csv", errorsCsv(errors).getBytes(StandardCharsets.UTF_8));
            try {
                AtomicOutput.writeAll(out, files);
            } catch (IOException e) {
                throw new CommandFailure(ExitCode.OUTPUT, "cannot write to '" + out + "': " + ProfileCommand.oneLine(e), null);
            }
            stdout.printf(Locale.ROOT, "%d layers of %d models -> %s%n", sweep.rowCount(), done, out);
        }
        stdout.flush();
        return errors.isEmpty() ? ExitCode.OK : ExitCode.INPUT;
    }

    /** One model's rows: its profile's CSV columns after {@code model} and {@code step} (missing if none). */
    static Table rows(Checkpoints.Checkpoint c, ExponentProfile profile) {
        Table t = profile.table().selectColumns(ExponentProfile.CSV_COLUMNS.toArray(new String[0]));
        StringColumn model = StringColumn.create("model");
        LongColumn step = LongColumn.create("step");
        for (int i = 0; i < t.rowCount(); i++) {
            model.append(c.model());
            if (c.step() == null) {
                step.appendMissing();
            } else {
                step.append(c.step());
            }
        }
        t.insertColumn(0, model);
        t.insertColumn(1, step);
        return t.setName("sweep");
    }

    static String csv(Table t) {
        StringWriter w = new StringWriter();
        t.write().csv(CsvWriteOptions.builder(w).header(true).lineEnd("\n").build());
        return w.toString();
    }

    private static String errorsCsv(List<String[]> errors) {
        Table t = Table.create("errors");
        StringColumn model = StringColumn.create("model");
        StringColumn step = StringColumn.create("step");
        StringColumn error = StringColumn.create("error");
        for (String[] e : errors) {
            model.append(e[0]);
            step.append(e[1]);
            error.append(e[2]);
        }
        t.addColumns(model, step, error);
        return csv(t);
    }

}
