package cartan.cli;

import cartan.fit.FingerClipping;
import cartan.io.MatrixSource;
import cartan.io.Models;
import cartan.profile.ExponentProfile;
import cartan.profile.ModelDelta;
import cartan.profile.ModelSummary;
import cartan.profile.ProfileComparison;
import cartan.profile.ProfileOptions;
import cartan.profile.ProfileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code cartan profile}: the per-layer static-weight profile of a model. */
@Command(name = "profile", mixinStandardHelpOptions = true, versionProvider = CartanVersion.class, sortOptions = false,
        description = {
            "Per-layer spectral profile of a model's weight matrices: WeightWatcher metrics (alpha, alpha_weighted, "
                + "log_norm, log_spectral_norm, log_alpha_norm, stable_rank), the Marchenko-Pastur bulk (sigma_mp, "
                + "bulk_min, bulk_max, num_spikes, mp_softrank), the tail against lognormal, exponential and truncated "
                + "power law (lr_*, tpl_*, tail_verdict), optionally the randomized control (correlation traps), "
                + "effective ranks, power-law fit quality and the Cartan chart. Eigenvalues are lambda = sigma^2 of "
                + "W^T W (no 1/N). The table and a summary (WeightWatcher's get_summary, then Cartan's) go to stdout, "
                + "progress to stderr.", ""},
        footer = {"",
            "MODEL: a short name (minilm [default], bge-small, mnist-cnn), a weight file - .onnx, .safetensors, "
                + ".npy, .npz, a PyTorch zip checkpoint (.pt, .pth, pytorch_model.bin; state dicts only, pickles "
                + "restricted), Keras HDF5 (.h5), GGUF (.gguf: F32/F16/BF16/F64/Q8_0) - a directory of them or "
                + "a sharded Hugging Face checkpoint (a directory with model.safetensors.index.json or "
                + "pytorch_model.bin.index.json, or that index file), a TF.js model.json, or a jar/zip with one "
                + ".onnx entry. safetensors, npy, PyTorch, HDF5, GGUF and sharded models are streamed: headers "
                + "first, then one matrix per thread at a time.",
            "",
            "--out DIR writes profile.csv (every column; README 'CSV columns'), profile.json (rows, singular values, "
                + "summary), summary.json, alpha/beta depth charts, report.html (one offline page: summary, traps, "
                + "sortable table, ESD charts, and with --base the comparison) and with --base compare.csv.",
            "",
            "Columns beyond WeightWatcher's: sigma_mp is WeightWatcher's sigma of the MP law fitted to the ESD "
                + "rescaled to mean 1 (triangular KDE of bandwidth 0.1, least squares over a sigma grid, then a "
                + "polish); bulk_min/bulk_max its edges in units of lambda; num_spikes the eigenvalues beyond "
                + "bulk_max plus a Tracy-Widom margin; num_traps the spikes of the shuffled matrix's ESD beyond its "
                + "own MP edge (--randomize); rand_distance the Jensen-Shannon distance of the sorted eigenvalue "
                + "vectors of W and the shuffled W; ww_softrank = max_rand_eval/lambda_max; lr_X = log-likelihood "
                + "ratio power law vs X on the tail (> 0 favours the power law) and lr_X_p its p-value; "
                + "tail_verdict the model favoured at p < 0.1; raw_alpha/num_fingers with --fix-fingers; "
                + "base_frobenius_norm/delta_relative_norm with --base.",
            "",
            "Exit codes: 0 ok; 1 runtime failure; 2 usage error (bad option, or an output that would overwrite "
                + "the input); 3 unreadable input (missing, truncated, malformed, unsupported dtype, no weight "
                + "files); 4 no layer passes the filters (or, with --base, none matches); 5 an output could not be "
                + "written (nothing partial is left behind)."})
public final class ProfileCommand extends StreamCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "model to profile (default: minilm)")
    String model;

    @Option(names = "--layers", paramLabel = "REGEX", description = "profile only layers whose name contains a match")
    String layers;

    @Option(names = "--min-size", paramLabel = "N", description = "skip matrices with min(rows, cols) < N (default: ${DEFAULT-VALUE})")
    int minSize = 10;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write profile.csv, profile.json, summary.json, charts and report.html into DIR (created if missing)")
    Path out;

    @Option(names = "--esd", paramLabel = "REGEX",
            description = "with --out: ESD charts (log-log and linear, with the MP and power-law fits) for each layer matching REGEX; also selects the report's ESDs")
    String esd;

    @Option(names = "--conv", paramLabel = "flatten|pooled|slices",
            description = {"conv kernels: flatten (default) = one (kh*kw*in) x out matrix, the im2col operator; "
                + "pooled = WeightWatcher's default (pool=True): one row per kernel whose ESD pools its kh*kw in x out "
                + "slices' eigenvalues (column slices); slices = one row per slice, name[i,j] (WeightWatcher's "
                + "pool=False). WeightWatcher also scales each slice by sqrt(kh*kw/2) (conv2d_norm), so its log_norm, "
                + "log_spectral_norm and alpha_weighted of a conv layer exceed --conv pooled's by log10(kh*kw/2), "
                + "alpha_weighted by alpha*log10(kh*kw/2); alpha, stable_rank, mp_softrank and num_spikes agree."})
    ConvOption conv = ConvOption.FLATTEN;

    @Option(names = "--fit", paramLabel = "ww|csn", description = "x_min rule for alpha: ww (WeightWatcher WWFit, default) or csn")
    ProfileOptions.FitRule fit = ProfileOptions.FitRule.WW;

    @Option(names = "--min-tail", paramLabel = "N", description = "smallest tail the csn rule accepts (default: ${DEFAULT-VALUE})")
    int minTail = 10;

    @Option(names = "--fix-fingers", description = "WeightWatcher's fix_fingers='clip_xmax': refit alpha without the top k = 2..max-fingers-1 eigenvalues and keep the first fit whose alpha drops by more than --finger-thresh (columns raw_alpha, num_fingers = k)")
    boolean fixFingers;

    @Option(names = "--max-fingers", paramLabel = "N", description = "with --fix-fingers: WeightWatcher's max_fingers (default: ${DEFAULT-VALUE})")
    int maxFingers = FingerClipping.DEFAULT_MAX_FINGERS;

    @Option(names = "--finger-thresh", paramLabel = "T", description = "with --fix-fingers: how much alpha must drop (default: ${DEFAULT-VALUE})")
    double fingerThreshold = FingerClipping.DEFAULT_THRESHOLD;

    @Option(names = "--randomize", description = "also profile each layer's element-shuffled matrix (seeded): max_rand_eval, rand_bulk_max, num_traps, rand_distance, ww_softrank; doubles the SVD work")
    boolean randomize;

    @Option(names = "--base", paramLabel = "MODEL", description = "profile the fine-tune delta W - W_base layer by layer (matched by name and shape; unmatched layers are reported) and compare MODEL with its base (report.html, compare.csv); profiles three times as much")
    String base;

    @Option(names = "--bootstrap", paramLabel = "N", description = "replicates of the goodness-of-fit bootstrap per layer (column alpha_p; default 0 = off)")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "S", description = "bootstrap and shuffle seed (default: ${DEFAULT-VALUE})")
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

    @Option(names = "--csv", description = "print the full CSV table on stdout instead of the compact table and summary")
    boolean csv;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--debug", description = "print stack traces on errors")
    boolean debug;

    /** The command line, for the report (set by {@link CartanCli}). */
    String commandLine = "";

    @Override
    public Integer call() {
        try {
            run();
            return ExitCode.OK;
        } catch (CommandFailure f) {
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

    private ProfileOptions options() throws CommandFailure {
        if (minSize < 1) {
            throw new CommandFailure(ExitCode.USAGE, "--min-size must be at least 1, got " + minSize, null);
        }
        if (minTail < 2) {
            throw new CommandFailure(ExitCode.USAGE, "--min-tail must be at least 2, got " + minTail, null);
        }
        if (bootstrap < 0) {
            throw new CommandFailure(ExitCode.USAGE, "--bootstrap must be 0 or more, got " + bootstrap, null);
        }
        if (maxFingers < 3) {
            throw new CommandFailure(ExitCode.USAGE, "--max-fingers must be at least 3 (k runs from 2 to max-fingers - 1), got "
                    + maxFingers, null);
        }
        if (!(fingerThreshold > 0) || !Double.isFinite(fingerThreshold)) {
            throw new CommandFailure(ExitCode.USAGE, "--finger-thresh must be positive, got " + fingerThreshold, null);
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new CommandFailure(ExitCode.USAGE, "--threads must be at least 1, got " + nThreads, null);
        }
        return new ProfileOptions(fit, minTail, bootstrap, seed, nThreads, null, randomize, fixFingers ? maxFingers : 0,
                fingerThreshold, conv.pool(), svd);
    }

    private void run() throws CommandFailure {
        ProfileOptions options = options();
        compile("--layers", layers);
        Pattern esdPattern = compile("--esd", esd);
        if (esdPattern != null && out == null) {
            throw new CommandFailure(ExitCode.USAGE, "--esd needs --out DIR (the ESD charts are PNG files)", null);
        }
        String source = model == null ? Models.DEFAULT.shortName() : model;
        OutputGuard.check(ModelInput.path(source), out, exportNpy);
        if (base != null) {
            OutputGuard.check(ModelInput.path(base), out, exportNpy);
        }
        // safetensors, npy, PyTorch, HDF5 and GGUF models are opened lazily: headers (and pickles) only, then one
        // matrix per worker thread at a time
        List<MatrixSource> selected = ModelInput.open(source, conv.readOptions(), layers, minSize);
        if (exportNpy != null) {
            Warmup.await(); // Tablesaw (the export's layers.csv) is initialised on one thread only
            NpyExport.write(selected, source, exportNpy);
        }
        ExponentProfile profile;
        ProfileComparison comparison = null;
        if (base == null) {
            profile = measure(source, () -> ExponentProfile.of(selected, options, bar()));
        } else {
            List<MatrixSource> baseSources = ModelInput.open(base, conv.readOptions(), layers, minSize);
            ModelDelta delta = ModelDelta.match(selected, baseSources);
            if (delta.pairs().isEmpty()) {
                throw new CommandFailure(ExitCode.NO_LAYERS, "no layer of '" + source + "' matches a layer of '" + base
                        + "' by name and shape" + (delta.report().isEmpty() ? "" : " (" + String.join("; ",
                        delta.report()) + ")"), null);
            }
            for (String line : delta.report()) {
                stderr.println("cartan profile: warning: --base: " + line);
            }
            profile = measure(source, () -> ExponentProfile.ofDelta(delta, options, bar()));
            ExponentProfile modelProfile = measure(source, () -> ExponentProfile.of(selected, options, bar()));
            ExponentProfile baseProfile = measure(base, () -> ExponentProfile.of(baseSources, options, bar()));
            Warmup.await();
            comparison = ProfileComparison.of(baseProfile, modelProfile, base, source);
        }
        Warmup.await(); // every output below builds Tablesaw columns
        if (out != null) {
            writeOutputs(profile, source, esdPattern, comparison);
        }
        if (csv) {
            stdout.print(ProfileWriter.csv(profile));
        } else {
            stdout.print(ProfileSummary.of(profile));
            stdout.println();
            stdout.print(ModelSummary.of(profile).text());
            if (comparison != null) {
                stdout.println();
                stdout.print(CompareCommand.text(comparison, comparison.metrics()));
            }
        }
        stdout.flush();
    }

    /** A profile computation that may fail to read its input. */
    private interface Measure {
        ExponentProfile run() throws IOException;
    }

    private ProgressBar currentBar;
    private long started;

    private ExponentProfile.Progress bar() {
        return currentBar == null ? null : currentBar::update;
    }

    private ExponentProfile measure(String source, Measure m) throws CommandFailure {
        started = System.nanoTime();
        currentBar = quiet ? null : new ProgressBar(stderr);
        try {
            ExponentProfile p = m.run();
            if (currentBar != null) {
                currentBar.finish(p.size(), (System.nanoTime() - started) / 1e9);
            }
            return p;
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INPUT, readFailure(source, e), e);
        } finally {
            currentBar = null;
        }
    }

    private Pattern compile(String option, String regex) throws CommandFailure {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new CommandFailure(ExitCode.USAGE, option + ": invalid regular expression '" + regex + "': "
                    + e.getDescription(), e);
        }
    }

    private void writeOutputs(ExponentProfile profile, String source, Pattern esdPattern, ProfileComparison comparison)
            throws CommandFailure {
        Map<String, byte[]> files;
        try {
            files = ProfileOutputs.build(profile, source, commandLine, esdPattern, comparison, stderr);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.OUTPUT, "cannot encode outputs: " + oneLine(e), e);
        }
        try {
            AtomicOutput.writeAll(out, files);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.OUTPUT, "cannot write to '" + out + "': " + oneLine(e), e);
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
