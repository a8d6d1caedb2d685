package cartan.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Theorem checks for notebooks: one line each, e.g.
 * {@code Check.close("E1.3", "BW line element = d/4 Fisher", measured, expected, 1e-4)}.
 *
 * <p>Each call prints one readable row, appends it to the run's check record, and throws
 * {@link CheckFailedError} when the check fails, so a failing theorem fails the notebook run. The
 * record is the CSV file named by the environment variable {@code CARTAN_CHECKS_FILE} (or the system
 * property {@code cartan.checks.file}); {@code bin/cartan notebooks} sets it for every notebook and
 * collects the rows into {@code target/checks/summary.csv}. Without it, checks only print.
 *
 * <p>The expected value must come from somewhere independent of the measured one: a closed form, a
 * different algorithm, a published figure. Monte Carlo tolerances should be justified in the
 * notebook text (e.g. four standard errors computed from the data).
 */
public final class Check {

    /** Environment variable naming the CSV file that receives check rows. */
    public static final String FILE_VARIABLE = "CARTAN_CHECKS_FILE";

    private Check() {
    }

    /** Passes when |measured − expected| ≤ relTol·|expected|. */
    public static void close(String id, String description, double measured, double expected, double relTol) {
        record(CheckResult.relative(id, description, measured, expected, relTol));
    }

    /** Passes when |measured − expected| ≤ absTol. */
    public static void absClose(String id, String description, double measured, double expected, double absTol) {
        record(CheckResult.absolute(id, description, measured, expected, absTol));
    }

    /** Passes when measured ≤ bound. */
    public static void atMost(String id, String description, double measured, double bound) {
        record(CheckResult.atMost(id, description, measured, bound, 0));
    }

    /** Passes when measured ≤ bound + slack (for bounds that hold up to rounding). */
    public static void atMost(String id, String description, double measured, double bound, double slack) {
        record(CheckResult.atMost(id, description, measured, bound, slack));
    }

    /** Passes when measured ≥ bound. */
    public static void atLeast(String id, String description, double measured, double bound) {
        record(CheckResult.atLeast(id, description, measured, bound, 0));
    }

    /** Passes when measured ≥ bound − slack. */
    public static void atLeast(String id, String description, double measured, double bound, double slack) {
        record(CheckResult.atLeast(id, description, measured, bound, slack));
    }

    /** Passes when the condition holds. */
    public static void isTrue(String id, String description, boolean condition) {
        record(CheckResult.condition(id, description, condition));
    }

    /**
     * Prints the result, appends it to the check record and throws when it failed.
     *
     * @throws CheckFailedError if the check failed
     */
    public static void record(CheckResult result) {
        System.out.println(result);
        System.out.flush();
        Path file = recordFile();
        if (file != null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, result.toCsvRow() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("could not append the check to " + file, e);
            }
        }
        if (!result.passed()) {
            throw new CheckFailedError(result);
        }
    }

    private static Path recordFile() {
        String name = System.getProperty("cartan.checks.file");
        if (name == null || name.isBlank()) {
            name = System.getenv(FILE_VARIABLE);
        }
        return name == null || name.isBlank() ? null : Path.of(name);
    }

    /** Thrown when a theorem check fails; its message is the check's row. */
    public static final class CheckFailedError extends AssertionError {
        private static final long serialVersionUID = 1L;
        private final transient CheckResult result;

        CheckFailedError(CheckResult result) {
            super("check failed: " + result);
            this.result = result;
        }

        /** The failing check. */
        public CheckResult result() {
            return result;
        }
    }
}
