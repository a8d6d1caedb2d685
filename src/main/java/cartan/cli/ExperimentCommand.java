package cartan.cli;

import cartan.experiment.Paper3Data;
import cartan.experiment.Paper3Experiment;
import cartan.experiment.Paper3Writer;
import cartan.experiment.Provenance;
import cartan.linalg.Backend;
import cartan.linalg.Gemm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@code cartan experiment paper3}: trains and measures the paper-3 zoo and runs the optimiser comparison. */
@Command(name = "experiment", mixinStandardHelpOptions = true, versionProvider = CartanVersion.class, sortOptions = false,
        description = {"Runs a long experiment and writes its results with their provenance.", "",
            "paper3: trains the zoo (4 MLP widths, a CNN on MNIST and Fashion-MNIST, a residual CNN, a vision "
                + "transformer, a character-level transformer LM on Moby-Dick) and measures every weight matrix with "
                + "exact Hessian-vector products (alpha, gamma, s, chi, Phi, Lambda, PR_h, WeightWatcher alpha); then "
                + "trains the CNN with SGD, AdamW, Muon, Spectral Newton and layer-scaled AdamW over a learning-rate "
                + "sweep and several seeds. Results are a deterministic function of --seed (not of --threads)."},
        footer = {"", "Exit codes: 0 ok; 1 runtime failure; 2 usage error; 3 data missing (run bin/cartan data); "
            + "5 the output could not be written (nothing partial is left behind)."})
public final class ExperimentCommand extends StreamCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "the experiment: paper3")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: data/experiments/NAME under the project root)")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "the data cache of bin/fetch-data (default: data/cache under the project root)")
    Path data;

    @Option(names = "--seed", paramLabel = "S", description = "base seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: number of processors); results do not depend on it")
    Integer threads;

    @Option(names = "--part", paramLabel = "all|zoo|optimizers", description = "which part to run (default: ${DEFAULT-VALUE})")
    String part = "all";

    @Option(names = "--reduced", description = "tiny models and runs (minutes → seconds), for tests")
    boolean reduced;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    private static Path root() {
        return Path.of(System.getProperty("cartan.root", ".")).toAbsolutePath().normalize();
    }

    @Override
    public Integer call() throws Exception {
        if (!"paper3".equals(name)) {
            stderr.println("cartan experiment: unknown experiment '" + name + "' (known: paper3)");
            return ExitCode.USAGE;
        }
        if (!part.equals("all") && !part.equals("zoo") && !part.equals("optimizers")) {
            stderr.println("cartan experiment: --part must be all, zoo or optimizers, got '" + part + "'");
            return ExitCode.USAGE;
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            stderr.println("cartan experiment: --threads must be at least 1, got " + n);
            return ExitCode.USAGE;
        }
        Path cache = data == null ? root().resolve("data/cache") : data;
        if (!Files.isDirectory(cache)) {
            stderr.println("cartan experiment: no data cache at " + cache + " (run bin/cartan data first)");
            return ExitCode.INPUT;
        }
        Path dir = out == null ? root().resolve("data/experiments").resolve(name) : out;
        Backend backend = Gemm.oneThread();
        String blas = backend == Backend.LAPACK ? "OpenBLAS (one thread per call)" : "EJML (pure Java)";
        Paper3Experiment.Options o = new Paper3Experiment.Options(seed, n, reduced, !part.equals("optimizers"), !part.equals("zoo"));
        long t0 = System.nanoTime();
        Paper3Experiment.Results r;
        try {
            r = Paper3Experiment.run(o, new Paper3Data(cache), quiet ? (d, t) -> { } : (d, t) -> bar(d, t, t0));
        } catch (IllegalArgumentException e) {
            stderr.println();
            stderr.println("cartan experiment: " + e.getMessage());
            return ExitCode.INPUT;
        }
        if (!quiet) {
            stderr.print("\r" + " ".repeat(70) + "\r");
        }
        String command = "bin/cartan experiment " + name + " --seed " + seed + " --threads " + n
                + (part.equals("all") ? "" : " --part " + part) + (reduced ? " --reduced" : "");
        try {
            AtomicOutput.writeAll(dir, stage -> {
                Paper3Writer.writeTables(r, stage);
                Provenance.write(stage, command, r, root(), blas);
            });
        } catch (java.io.IOException e) {
            stderr.println("cartan experiment: could not write " + dir + ": " + e.getMessage());
            return ExitCode.OUTPUT;
        }
        stdout.println(String.format(Locale.ROOT, "cartan experiment %s: %.0f s, results in %s", name, r.seconds(), dir));
        return ExitCode.OK;
    }

    private long lastBar;

    private synchronized void bar(long done, long total, long t0) {
        long now = System.nanoTime();
        if (now - lastBar < 500_000_000L && done < total) {
            return;
        }
        lastBar = now;
        int width = 30;
        int filled = (int) Math.min(width, done * width / Math.max(1, total));
        double s = (System.nanoTime() - t0) / 1e9;
        double eta = done == 0 ? 0 : s * (total - done) / done;
        stderr.print(String.format(Locale.ROOT, "\r[%s%s] %5.1f%%  %6.0f s elapsed, ~%5.0f s left ", "#".repeat(filled),
                ".".repeat(width - filled), 100.0 * done / Math.max(1, total), s, eta));
        stderr.flush();
    }
}
