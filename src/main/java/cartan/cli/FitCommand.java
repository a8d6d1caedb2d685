package cartan.cli;

import cartan.plot.Charts;
import cartan.fit.Ccdf;
import cartan.fit.CsnFitter;
import cartan.fit.FitBootstrap;
import cartan.fit.GoodnessOfFit;
import cartan.fit.LikelihoodRatio;
import cartan.fit.LikelihoodRatioTest;
import cartan.fit.PowerLawBootstrap;
import cartan.fit.PowerLawData;
import cartan.fit.PowerLawFit;
import cartan.fit.TailFitter;
import cartan.plot.PowerLawPlots;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code cartan fit}: the Clauset–Shalizi–Newman power-law fit of one column of a text file. */
@Command(name = "fit", mixinStandardHelpOptions = true, versionProvider = CartanVersion.class, sortOptions = false,
        description = {
            "Power-law tail fit of a column of numbers (Clauset, Shalizi & Newman 2009): x_min by the KS distance, "
                + "alpha by maximum likelihood (continuous, or --discrete with the Hurwitz-zeta normaliser), "
                + "bootstrap errors of alpha, x_min and n_tail (on by default), the goodness-of-fit p-value "
                + "(--gof) and likelihood-ratio tests against the alternatives (--compare). Zeros and negative "
                + "values are dropped and counted. Results go to stdout.", ""},
        footer = {"",
            "FILE: text with one value per line, or CSV / tab- / space-separated columns (pick one with "
                + "--column); '#' lines and a header line are skipped.",
            "",
            "Exit codes: 0 ok; 1 runtime failure; 2 usage error (bad option, or --out that would overwrite FILE); "
                + "3 unreadable or unusable input (missing, not text, non-numeric, NaN/inf, too few positive "
                + "values, non-integers with --discrete); 5 an output could not be written (nothing partial "
                + "is left behind)."})
public final class FitCommand extends StreamCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "the data file")
    Path file;

    @Option(names = "--column", paramLabel = "NAME|INDEX", description = "the column: a header name or a 0-based index (default: ${DEFAULT-VALUE})")
    String column = "0";

    @Option(names = "--counts", paramLabel = "NAME|INDEX", description = "histogram input: the column holding how often each value occurs")
    String counts;

    @Option(names = "--discrete", description = "fit the discrete power law (integer data; exact MLE with the Hurwitz zeta normaliser)")
    boolean discrete;

    @Option(names = "--xmin", paramLabel = "X", description = "fix x_min instead of choosing it by the KS distance")
    Double xMin;

    @Option(names = "--min-tail", paramLabel = "N", description = "smallest tail an x_min may leave (default: ${DEFAULT-VALUE})")
    int minTail = 10;

    @Option(names = "--bootstrap", paramLabel = "N", description = "replicates for the bootstrap errors of alpha, x_min and n_tail (default: ${DEFAULT-VALUE}; 0 = asymptotic error of alpha only)")
    int bootstrap = 200;

    @Option(names = "--gof", paramLabel = "N", description = "replicates for the goodness-of-fit p-value (default: 0 = off; CSN use 2500 for +-0.01)")
    int gof;

    @Option(names = "--compare", description = "likelihood-ratio tests against lognormal, exponential, stretched exponential (or Poisson, discrete) and truncated power law")
    boolean compare;

    @Option(names = "--seed", paramLabel = "S", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: number of processors); results do not depend on it")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "write fit.json, ccdf.csv and ccdf.png into DIR (created if missing)")
    Path out;

    @Option(names = "--json", description = "print the JSON result on stdout instead of the summary")
    boolean json;

    @Option(names = "--debug", description = "print stack traces on errors")
    boolean debug;

    /** Everything one run computes. */
    record Result(PowerLawData data, PowerLawFit fit, FitBootstrap errors, GoodnessOfFit gof,
                  List<LikelihoodRatio> comparisons) {
    }

    @Override
    public Integer call() {
        try {
            Result r = compute();
            if (out != null) {
                write(r);
            }
            stdout.print(json ? new String(jsonBytes(r), StandardCharsets.UTF_8) + "\n" : summary(r));
            stdout.flush();
            return ExitCode.OK;
        } catch (CommandFailure f) {
            stderr.println("cartan fit: " + f.getMessage());
            if (debug && f.getCause() != null) {
                f.getCause().printStackTrace(stderr);
            }
            return f.code;
        } catch (RuntimeException | OutOfMemoryError e) {
            stderr.println("cartan fit: failed: " + ProfileCommand.oneLine(e));
            if (debug) {
                e.printStackTrace(stderr);
            }
            return ExitCode.RUNTIME;
        }
    }

    private Result compute() throws CommandFailure {
        if (minTail < 2) {
            throw new CommandFailure(ExitCode.USAGE, "--min-tail must be at least 2, got " + minTail, null);
        }
        if (bootstrap < 0 || bootstrap == 1) {
            throw new CommandFailure(ExitCode.USAGE, "--bootstrap must be 0 or at least 2, got " + bootstrap, null);
        }
        if (gof < 0) {
            throw new CommandFailure(ExitCode.USAGE, "--gof must be 0 or more, got " + gof, null);
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new CommandFailure(ExitCode.USAGE, "--threads must be at least 1, got " + nThreads, null);
        }
        if (xMin != null && (!(xMin > 0) || Double.isInfinite(xMin) || (discrete && xMin != Math.rint(xMin)))) {
            throw new CommandFailure(ExitCode.USAGE, "--xmin must be a positive finite number" + (discrete ? " and an integer" : "")
                    + ", got " + xMin, null);
        }
        if (out != null && OutputGuard.same(out, file)) {
            throw new CommandFailure(ExitCode.USAGE, "--out '" + out + "' is the input; choose another directory", null);
        }
        for (String f : OUTPUT_FILES) {
            if (out != null && OutputGuard.same(out.resolve(f), file)) {
                throw new CommandFailure(ExitCode.USAGE, "--out would overwrite the input '" + file + "'", null);
            }
        }
        PowerLawData data = read();
        CsnFitter fitter = discrete ? TailFitter.csnDiscrete(minTail) : TailFitter.csn(minTail);
        if (xMin != null) {
            fitter = fitter.withXmin(xMin);
        }
        try {
            PowerLawFit fit = fitter.fit(data);
            FitBootstrap errors = bootstrap > 0 ? PowerLawBootstrap.uncertainty(data, fitter, bootstrap, seed, nThreads) : null;
            GoodnessOfFit g = gof > 0 ? PowerLawBootstrap.goodnessOfFit(data, fitter, gof, seed + 1, nThreads) : null;
            List<LikelihoodRatio> lr = compare ? LikelihoodRatioTest.all(data, fit) : List.of();
            return new Result(data, fit, errors, g, lr);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.INPUT, "cannot fit '" + file + "': " + ProfileCommand.oneLine(e), e);
        }
    }

    private PowerLawData read() throws CommandFailure {
        try {
            return counts == null ? PowerLawData.readColumn(file, column) : PowerLawData.readCounts(file, column, counts);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCode.INPUT, "cannot read '" + file + "': no such file", e);
        } catch (AccessDeniedException e) {
            throw new CommandFailure(ExitCode.INPUT, "cannot read '" + file + "': permission denied", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.INPUT, "cannot read '" + file + "': " + ProfileCommand.oneLine(e), e);
        }
    }

    /** The fixed output file names of {@code --out}. */
    static final List<String> OUTPUT_FILES = List.of("fit.json", "ccdf.csv", "ccdf.png");

    private void write(Result r) throws CommandFailure {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("fit.json", jsonBytes(r));
        files.put("ccdf.csv", ccdfCsv(r).getBytes(StandardCharsets.UTF_8));
        try {
            files.put("ccdf.png", Charts.pngBytes(PowerLawPlots.ccdf(file.getFileName() + ": CCDF and power-law fit",
                    r.data(), r.fit())));
        } catch (IllegalArgumentException e) {
            stderr.println("cartan fit: warning: ccdf.png skipped: " + ProfileCommand.oneLine(e));
        }
        try {
            AtomicOutput.writeAll(out, files);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.OUTPUT, "cannot write to '" + out + "': " + ProfileCommand.oneLine(e), e);
        }
    }

    /** series,x,p: the data's CCDF at each distinct value, then the fitted tail's. */
    static String ccdfCsv(Result r) {
        StringBuilder b = new StringBuilder("series,x,p\n");
        Ccdf data = Ccdf.of(r.data());
        append(b, "data", data);
        double[] x = data.x();
        if (x[x.length - 1] > r.fit().xMin()) {
            append(b, "fit", Ccdf.fitted(r.fit(), x[x.length - 1], 200));
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String series, Ccdf c) {
        double[] x = c.x();
        double[] p = c.p();
        for (int i = 0; i < x.length; i++) {
            b.append(series).append(',').append(x[i]).append(',').append(p[i]).append('\n');
        }
    }

    private byte[] jsonBytes(Result r) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(tree(r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON encoding failed", e);
        }
    }

    Map<String, Object> tree(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("column", column);
        m.put("n", r.data().size());
        m.put("distinct", r.data().distinct());
        m.put("dropped_non_positive", r.data().dropped());
        PowerLawFit f = r.fit();
        m.put("model", f.discrete() ? "discrete power law" : "continuous power law");
        m.put("alpha", f.alpha());
        m.put("x_min", f.xMin());
        m.put("n_tail", f.tailSize());
        m.put("ks_distance", f.ksDistance());
        m.put("alpha_se_asymptotic", f.standardError());
        m.put("x_min_fixed", xMin != null);
        m.put("candidates", f.candidates());
        if (r.errors() != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("replicates", r.errors().replicates());
            e.put("seed", r.errors().seed());
            e.put("alpha_se", r.errors().alphaError());
            e.put("x_min_se", r.errors().xMinError());
            e.put("n_tail_se", r.errors().tailSizeError());
            m.put("bootstrap", e);
        }
        if (r.gof() != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("p", r.gof().pValue());
            g.put("replicates", r.gof().replicates());
            g.put("monte_carlo_error", r.gof().monteCarloError());
            g.put("seed", r.gof().seed());
            m.put("goodness_of_fit", g);
        }
        if (!r.comparisons().isEmpty()) {
            List<Map<String, Object>> l = new ArrayList<>();
            for (LikelihoodRatio lr : r.comparisons()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("alternative", lr.alternative().name());
                c.put("R", lr.ratio());
                c.put("normalized_R", lr.normalizedRatio());
                c.put("p", lr.pValue());
                c.put("nested", lr.nested());
                c.put("favoured_at_0.1", lr.favoured(0.1));
                c.put("fit", lr.alternative().toString());
                l.add(c);
            }
            m.put("likelihood_ratios", l);
        }
        return m;
    }

    String summary(Result r) {
        PowerLawFit f = r.fit();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "data      %s: N = %d positive values, %d distinct, %d dropped (zero or negative)%n",
                file.getFileName(), r.data().size(), r.data().distinct(), r.data().dropped()));
        b.append(String.format(Locale.ROOT, "model     %s power law, x_min %s%n", f.discrete() ? "discrete" : "continuous",
                xMin != null ? "fixed" : "by the KS distance over " + f.candidates() + " candidates (min tail " + minTail + ")"));
        FitBootstrap e = r.errors();
        if (e != null) {
            b.append(String.format(Locale.ROOT, "alpha     %.4f ± %.4f   (bootstrap, %d replicates; asymptotic ± %.4f at fixed x_min)%n",
                    f.alpha(), e.alphaError(), e.replicates(), f.standardError()));
            b.append(String.format(Locale.ROOT, "x_min     %.6g ± %.3g%n", f.xMin(), e.xMinError()));
            b.append(String.format(Locale.ROOT, "n_tail    %d ± %.0f   (%.1f%% of N)%n", f.tailSize(), e.tailSizeError(),
                    100 * f.tailFraction()));
        } else {
            b.append(String.format(Locale.ROOT, "alpha     %.4f ± %.4f   (asymptotic at fixed x_min; --bootstrap N for errors that include x_min)%n",
                    f.alpha(), f.standardError()));
            b.append(String.format(Locale.ROOT, "x_min     %.6g%n", f.xMin()));
            b.append(String.format(Locale.ROOT, "n_tail    %d   (%.1f%% of N)%n", f.tailSize(), 100 * f.tailFraction()));
        }
        b.append(String.format(Locale.ROOT, "KS D      %.4f%n", f.ksDistance()));
        if (r.gof() != null) {
            b.append(String.format(Locale.ROOT, "gof p     %.3f ± %.3f   (%d replicates; CSN reject the power law at p <= 0.1)%n",
                    r.gof().pValue(), r.gof().monteCarloError(), r.gof().replicates()));
        }
        if (!r.comparisons().isEmpty()) {
            b.append("likelihood ratios (R > 0 favours the power law; p < 0.1 makes the sign significant):\n");
            for (LikelihoodRatio lr : r.comparisons()) {
                b.append(String.format(Locale.ROOT, "  %-22s R = %9.3f   p = %.3g%s   -> %s%n", lr.alternative().name(),
                        lr.ratio(), lr.pValue(), lr.nested() ? " (nested)" : "", lr.favoured(0.1)));
            }
        }
        return b.toString();
    }
}
