package cartan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The output guard of {@code cartan profile}: refuses {@code --out} and {@code --export-npy} locations that
 * would overwrite the input or add files to an input directory's weights (exit code 2).
 */
final class OutputGuard {

    private OutputGuard() {
    }

    /** The fixed output file names of {@code --out} (plus {@code esd_NNN_<layer>.png}). */
    static final List<String> OUTPUT_FILES = List.of("profile.csv", "profile.json", "alpha_depth.png",
            "beta_chart_depth.png", "rank_windows.png", "summary.json", "report.html", "compare.csv");

    /** Refuses output locations that would overwrite the input or add files to an input directory's weights. */
    static void check(Path input, Path out, Path exportNpy) throws CommandFailure {
        if (input == null) {
            return;
        }
        if (out != null) {
            if (same(out, input)) {
                throw new CommandFailure(ExitCode.USAGE, "--out '" + out + "' is the input; choose another directory", null);
            }
            for (String f : OUTPUT_FILES) {
                if (same(out.resolve(f), input)) {
                    throw new CommandFailure(ExitCode.USAGE, "--out would overwrite the input '" + input + "'", null);
                }
            }
            String name = input.getFileName() == null ? "" : input.getFileName().toString();
            if (name.matches("esd_.*\\.png") && same(out, input.toAbsolutePath().getParent())) {
                throw new CommandFailure(ExitCode.USAGE, "--out could overwrite the input '" + input + "'", null);
            }
        }
        if (exportNpy != null) {
            if (same(exportNpy, input)) {
                throw new CommandFailure(ExitCode.USAGE, "--export-npy '" + exportNpy + "' is the input", null);
            }
            String name = input.getFileName() == null ? "" : input.getFileName().toString();
            if (name.matches("\\d{3}\\.npy|layers\\.csv") && same(exportNpy, input.toAbsolutePath().getParent())) {
                throw new CommandFailure(ExitCode.USAGE, "--export-npy would overwrite the input '" + input + "'", null);
            }
        }
    }

    /** Whether two paths name the same file (by real path when both exist, else by normalised absolute path). */
    static boolean same(Path a, Path b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the textual comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
