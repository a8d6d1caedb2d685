package cartan.cli;

import cartan.plot.Charts;
import cartan.plot.ComparisonPlots;
import cartan.profile.ProfileComparison;
import cartan.profile.ProfileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cartan compare A B}: two profiles ({@code profile.csv} files written by {@code cartan profile --out} or
 * {@code --csv}, or the {@code --out} directories) side by side, layers matched by name and shape
 * ({@link ProfileComparison}): the mean difference B − A of each metric, the per-layer table, and with
 * {@code --out} {@code compare.csv} and two charts per metric.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = CartanVersion.class, sortOptions = false,
        description = {
            "Two layer profiles side by side: layers matched by name and shape; for each metric m the columns m_a, "
                + "m_b and m_diff = B - A; the layers found in only one profile are listed on stderr. The mean "
                + "differences and the per-layer table go to stdout.", ""},
        footer = {"",
            "A, B: a profile.csv written by 'cartan profile --out DIR' (or '--csv > FILE'), or such a DIR. "
                + "To profile a fine-tune against its base in one go use 'cartan profile MODEL --base BASE'.",
            "",
            "Exit codes: 0 ok; 2 usage error; 3 unreadable input or no metric in common; 4 no layer matches; "
                + "5 an output could not be written."})
public final class CompareCommand extends StreamCommand {

    @Parameters(index = "0", paramLabel = "A", description = "the first profile (e.g. the base model's)")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "the second profile (e.g. the fine-tune's)")
    Path b;

    @Option(names = "--metrics", paramLabel = "M,M,...", split = ",",
            description = "the compared metrics (default: those of alpha, alpha_weighted, log_norm, log_spectral_norm, "
                + "stable_rank, entropy_rank, beta_chart, chart_residual, mp_softrank, num_spikes, rand_distance, "
                + "num_traps present in both)")
    List<String> metrics;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write compare.csv and, per metric, compare_M.png (A and B) and compare_M_diff.png into DIR")
    Path out;

    @Override
    public Integer call() {
        try {
            run();
            return ExitCode.OK;
        } catch (CommandFailure f) {
            stderr.println("cartan compare: " + f.getMessage());
            return f.code;
        }
    }

    private void run() throws CommandFailure {
        for (Path p : List.of(a, b)) {
            Path f = Files.isDirectory(p) ? p.resolve("profile.csv") : p;
            if (!Files.isRegularFile(f)) {
                throw new CommandFailure(ExitCode.INPUT, "cannot read '" + f + "': no such file", null);
            }
        }
        ProfileComparison c;
        try {
            c = ProfileComparison.of(ProfileComparison.readCsv(a), ProfileComparison.readCsv(b), a.toString(),
                    b.toString(), metrics == null ? ProfileComparison.DEFAULT_METRICS : metrics);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INPUT, "cannot read " + ProfileCommand.oneLine(e), e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.INPUT, ProfileCommand.oneLine(e), e);
        }
        if (c.matched() == 0) {
            throw new CommandFailure(ExitCode.NO_LAYERS, "no layer of '" + a + "' matches a layer of '" + b
                    + "' by name and shape", null);
        }
        warnUnmatched(c, stderr);
        stdout.print(text(c, c.metrics()));
        stdout.println();
        stdout.print(ProfileWriter.csv(c.table()));
        stdout.flush();
        if (out != null) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("compare.csv", ProfileWriter.csv(c.table()).getBytes(StandardCharsets.UTF_8));
            for (String m : c.metrics()) {
                chart(files, "compare_" + m + ".png", () -> Charts.pngBytes(ComparisonPlots.sideBySide(c, m)));
                chart(files, "compare_" + m + "_diff.png", () -> Charts.pngBytes(ComparisonPlots.difference(c, m)));
            }
            if (Files.exists(out) && (same(out, a) || same(out, b))) {
                throw new CommandFailure(ExitCode.USAGE, "--out '" + out + "' is an input; choose another directory", null);
            }
            try {
                AtomicOutput.writeAll(out, files);
            } catch (IOException e) {
                throw new CommandFailure(ExitCode.OUTPUT, "cannot write to '" + out + "': "
                        + ProfileCommand.oneLine(e), e);
            }
        }
    }

    private interface Png {
        byte[] get() throws IOException;
    }

    private void chart(Map<String, byte[]> files, String name, Png png) throws CommandFailure {
        try {
            files.put(name, png.get());
        } catch (IllegalArgumentException e) {
            stderr.println("cartan compare: warning: chart " + name + " skipped: " + ProfileCommand.oneLine(e));
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.OUTPUT, "cannot encode " + name + ": " + ProfileCommand.oneLine(e), e);
        }
    }

    private static boolean same(Path x, Path y) {
        return x.toAbsolutePath().normalize().equals(y.toAbsolutePath().normalize());
    }

    /** The unmatched layers of a comparison, one warning line each side (at most 10 names shown). */
    static void warnUnmatched(ProfileComparison c, PrintStream err) {
        if (!c.onlyInA().isEmpty()) {
            err.println("cartan compare: warning: " + c.onlyInA().size() + " layer(s) only in A (or of another shape): "
                    + first(c.onlyInA()));
        }
        if (!c.onlyInB().isEmpty()) {
            err.println("cartan compare: warning: " + c.onlyInB().size() + " layer(s) only in B: " + first(c.onlyInB()));
        }
    }

    private static String first(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names) : String.join(", ", names.subList(0, 10)) + ", ...";
    }

    /** The mean of each metric over the matched layers in A and in B, and the mean difference B − A. */
    static String text(ProfileComparison c, List<String> metrics) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "compare: A = %s, B = %s, %d layers matched by name and shape%n",
                c.labelA(), c.labelB(), c.matched()));
        s.append(String.format(Locale.ROOT, "%-20s %12s %12s %12s%n", "metric", "mean A", "mean B", "mean B - A"));
        for (String m : metrics) {
            if (!c.metrics().contains(m)) {
                continue;
            }
            s.append(String.format(Locale.ROOT, "%-20s %12.5g %12.5g %12.5g%n", m,
                    mean(c.table().doubleColumn(m + "_a").asDoubleArray()),
                    mean(c.table().doubleColumn(m + "_b").asDoubleArray()), c.meanDifference(m)));
        }
        return s.toString();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).average().orElse(Double.NaN);
    }
}
