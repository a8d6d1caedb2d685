package cartan.cli;

import cartan.plot.Charts;
import cartan.plot.ProfilePlots;
import cartan.io.MatrixSource;
import cartan.io.ReadOptions;
import cartan.io.Models;
import cartan.profile.ProfileOptions;
import cartan.profile.ExponentProfile;
import cartan.profile.LayerSpectrum;
import cartan.profile.ProfileWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.function.Supplier;
import org.knowm.xchart.XYChart;

/** {@code cartan profile}: the per-layer static-weight profile of a model. */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Per-layer spectral profile of a model's weight matrices: WeightWatcher metrics (alpha, alpha_weighted, "
                + "log_norm, log_spectral_norm, stable_rank), effective ranks, power-law fit quality and the Cartan "
                + "chart. Eigenvalues are lambda = sigma^2 of W^T W (no 1/N). The table goes to stdout, progress "
                + "to stderr.", ""},
        footer = {"",
            "MODEL: a short name (minilm [default], bge-small, mnist-cnn), a weight file - .onnx, .safetensors, "
                + ".npy, .npz, a PyTorch zip checkpoint (.pt, .pth, pytorch_model.bin; state dicts only, pickles "
                + "restricted), Keras HDF5 (.h5), GGUF (.gguf: F32/F16/BF16/F64/Q8_0) - a directory of them or "
                + "a sharded Hugging Face checkpoint (a directory with model.safetensors.index.json or "
                + "pytorch_model.bin.index.json, or that index file), a TF.js model.json, or a jar/zip with one "
                + ".onnx entry. safetensors, npy, PyTorch, HDF5, GGUF and sharded models are streamed: headers "
                + "first, then one matrix per thread at a time.",
            "",
            "Exit codes: 0 ok; 1 runtime failure; 2 usage error (bad option, or an output that would overwrite "
                + "the input); 3 unreadable input (missing, truncated, malformed, unsupported dtype, no weight "
                + "files); 4 no layer passes the filters; 5 an output could not be written (nothing partial is "
                + "left behind)."})
public final class ProfileCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "model to profile (default: minilm)")
    String model;

    @Option(names = "--layers", paramLabel = "REGEX", description = "profile only layers whose name contains a match")
    String layers;

    @Option(names = "--min-size", paramLabel = "N", description = "skip matrices with min(rows, cols) < N (default: ${DEFAULT-VALUE})")
    int minSize = 10;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write profile.csv, profile.json and PNG charts into DIR (created if missing)")
    Path out;

    @Option(names = "--esd", paramLabel = "REGEX", description = "with --out: an ESD chart for each layer matching REGEX")
    String esd;

    @Option(names = "--fit", paramLabel = "ww|csn", description = "x_min rule for alpha: ww (WeightWatcher WWFit, default) or csn")
    ProfileOptions.FitRule fit = ProfileOptions.FitRule.WW;

    @Option(names = "--min-tail", paramLabel = "N", description = "smallest tail the csn rule accepts (default: ${DEFAULT-VALUE})")
    int minTail = 10;

    @Option(names = "--bootstrap", paramLabel = "N", description = "replicates of the goodness-of-fit bootstrap per layer (column alpha_p; default 0 = off)")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "S", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--svd", paramLabel = "gram|accurate",
            description = "how lambda = sigma^2 is computed: gram (default: eigenvalues of the Gram matrix, relative "
                + "error <= 1e-10 for every lambda >= 1e-8 lambda_max, SVD accuracy below) or accurate (full SVD of W, "
                + "LAPACK dgesdd; about 3x slower on large layers)")
    ProfileOptions.SvdMethod svd = ProfileOptions.SvdMethod.GRAM;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: number of processors); results do not depend on it")
    Integer threads;

    @Option(names = "--export-npy", paramLabel = "DIR", description = "also write each profiled matrix as float64 NNN.npy (+ layers.csv) into DIR")
    Path exportNpy;

    @Option(names = "--csv", description = "print the full CSV table on stdout instead of the compact summary")
    boolean csv;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--debug", description = "print stack traces on errors")
    boolean debug;

    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

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
            run();
            return ExitCode.OK;
        } catch (Failure f) {
            stderr.println("cartan profile: " + f.getMessage());
            if (debug && f.getCause() != null) {
                f.getCause().printStackTrace(stderr);
            }
            return f.code;
        } catch (RuntimeException | OutOfMemoryError e) {
            stderr.println("cartan profile: failed: " + oneLine(e));
            if (debug) {
                e.printStackTrace(stderr);
            }
            return ExitCode.RUNTIME;
        }
    }

    private void run() throws Failure {
        if (minSize < 1) {
            throw new Failure(ExitCode.USAGE, "--min-size must be at least 1, got " + minSize, null);
        }
        if (minTail < 2) {
            throw new Failure(ExitCode.USAGE, "--min-tail must be at least 2, got " + minTail, null);
        }
        if (bootstrap < 0) {
            throw new Failure(ExitCode.USAGE, "--bootstrap must be 0 or more, got " + bootstrap, null);
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new Failure(ExitCode.USAGE, "--threads must be at least 1, got " + nThreads, null);
        }
        compile("--layers", layers);
        Pattern esdPattern = compile("--esd", esd);
        if (esdPattern != null && out == null) {
            throw new Failure(ExitCode.USAGE, "--esd needs --out DIR (the ESD charts are PNG files)", null);
        }
        String source = model == null ? Models.DEFAULT.shortName() : model;
        Path input = Files.exists(Path.of(source)) ? Path.of(source) : null;
        OutputGuard.check(input, out, exportNpy);

        // safetensors, npy, PyTorch, HDF5 and GGUF models are opened lazily: headers (and pickles) only, then one
        // matrix per worker thread at a time
        List<MatrixSource> all;
        try {
            all = Models.open(source, ReadOptions.DEFAULT);
        } catch (NoSuchFileException e) {
            throw new Failure(ExitCode.INPUT, "cannot read '" + e.getFile() + "': "
                    + (e.getReason() == null ? "no such file" : e.getReason()), e);
        } catch (AccessDeniedException e) {
            throw new Failure(ExitCode.INPUT, "cannot read '" + e.getFile() + "': permission denied", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new Failure(ExitCode.INPUT, readFailure(source, e), e);
        }
        List<MatrixSource> selected = new ArrayList<>(Models.select(all, layers, minSize));
        all = null;
        if (selected.isEmpty()) {
            throw new Failure(ExitCode.NO_LAYERS, "no weight matrix in '" + source + "' passes the filters"
                    + " (layer kinds dense/conv/embedding, min(rows, cols) >= " + minSize
                    + (layers == null ? "" : ", name matching /" + layers + "/") + ")", null);
        }
        if (exportNpy != null) {
            NpyExport.write(selected, source, exportNpy);
        }
        ProfileOptions options = new ProfileOptions(fit, minTail, bootstrap, seed, nThreads).withSvd(svd);
        long t0 = System.nanoTime();
        ProgressBar bar = quiet ? null : new ProgressBar(stderr);
        ExponentProfile profile;
        try {
            profile = ExponentProfile.of(selected, options, bar == null ? null : bar::update);
        } catch (IOException e) {
            throw new Failure(ExitCode.INPUT, readFailure(source, e), e);
        }
        selected = null;
        if (bar != null) {
            bar.finish(profile.size(), (System.nanoTime() - t0) / 1e9);
        }
        if (out != null) {
            writeOutputs(profile, source, esdPattern);
        }
        stdout.print(csv ? ProfileWriter.csv(profile) : ProfileSummary.of(profile));
        stdout.flush();
    }

    private Pattern compile(String option, String regex) throws Failure {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Failure(ExitCode.USAGE, option + ": invalid regular expression '" + regex + "': "
                    + e.getDescription(), e);
        }
    }

    private void writeOutputs(ExponentProfile profile, String source, Pattern esdPattern) throws Failure {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            files.put("profile.csv", ProfileWriter.csv(profile).getBytes(StandardCharsets.UTF_8));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            files.put("profile.json", json.writeValueAsBytes(ProfileWriter.jsonTree(profile, source)));
            addChart(files, "alpha_depth.png", () -> ProfilePlots.byDepth(profile, "alpha"));
            addChart(files, "beta_chart_depth.png", () -> ProfilePlots.byDepth(profile, "beta_chart"));
            addChart(files, "rank_windows.png", () -> ProfilePlots.quantileRanks(profile));
            if (esdPattern != null) {
                int matched = 0;
                for (LayerSpectrum l : profile.layers()) {
                    if (esdPattern.matcher(l.name()).find()) {
                        matched++;
                        String name = String.format(Locale.ROOT, "esd_%03d_%s.png", l.index(), sanitize(l.name()));
                        addChart(files, name, () -> ProfilePlots.esd(profile, l.index()));
                    }
                }
                if (matched == 0) {
                    stderr.println("cartan profile: warning: --esd /" + esd + "/ matches no profiled layer");
                }
            }
        } catch (IOException e) {
            throw new Failure(ExitCode.OUTPUT, "cannot encode outputs: " + oneLine(e), e);
        }
        try {
            AtomicOutput.writeAll(out, files);
        } catch (IOException e) {
            throw new Failure(ExitCode.OUTPUT, "cannot write to '" + out + "': " + oneLine(e), e);
        }
    }

    private void addChart(Map<String, byte[]> files, String name, Supplier<XYChart> chart) {
        try {
            files.put(name, Charts.pngBytes(chart.get()));
        } catch (IllegalArgumentException e) {
            stderr.println("cartan profile: warning: chart " + name + " skipped: " + oneLine(e));
        }
    }

    /** "cannot read 'x': why", without repeating a file name the reader's message already starts with. */
    static String readFailure(String source, Exception e) {
        String m = oneLine(e);
        String file = Path.of(source).getFileName() == null ? source : Path.of(source).getFileName().toString();
        if (m.startsWith(source) || m.startsWith(file)) {
            return "cannot read " + m;
        }
        return "cannot read '" + source + "': " + m;
    }

    static String sanitize(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replaceAll("\\s*\\R\\s*", " ");
    }
}
