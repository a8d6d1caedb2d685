package cartan.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks for notebooks, one line each. Two kinds matter:
 *
 * <ul>
 *   <li>a <b>theorem</b> check tests a statement of a paper and names at least one {@link Rival} — what
 *       a plausible wrong statement predicts. It passes only if the measurement agrees with the
 *       {@link Claim} <em>and</em> rejects every rival:
 *       {@code Check.theorem("E1.3a", "BW line element = (d/4) Fisher", measured,
 *       Claim.close(dQuarterFisher, 1e-5), Rival.of("(d/3) Fisher", dThirdFisher))};</li>
 *   <li>an <b>identity</b> check — {@link #close}, {@link #absClose}, {@link #atMost}, {@link #atLeast},
 *       {@link #isTrue} — is an algebraic or definitional identity, an OLS identity on noise-free data,
 *       the same code path on both sides, or a sanity bound. Useful, but it does not count as a
 *       reproduced theorem.</li>
 * </ul>
 * A {@link #hypothesis} is an empirical claim whose outcome is a result either way (recorded
 * {@code NOT_REPRODUCED} without stopping the run, unless the experiment could not reject its rival),
 * and {@link #notReproduced} records a statement that did not reproduce.
 *
 * <p>Each call prints one readable row, appends it to the run's check record, and throws
 * {@link CheckFailedError} when the check fails, so a failing check fails the notebook run. The record
 * is the CSV file named by the environment variable {@code CARTAN_CHECKS_FILE} (or the system property
 * {@code cartan.checks.file}); {@code bin/cartan notebooks} sets it for every notebook and collects the
 * rows into {@code target/checks/summary.csv} with the columns of {@link CheckResult#CSV_COLUMNS}.
 * Without it, checks only print. All methods return nothing, so a cell may end with a check under any
 * kernel.
 *
 * <p>The expected value must come from somewhere independent of the measured one: a closed form, a
 * different algorithm, a published figure. Tolerances, thresholds and parameters are fixed before the
 * run they are checked on; Monte Carlo tolerances are data-derived (k standard errors) and the
 * experiment is sized so that the rival lies several tolerances away.
 */
public final class Check {

    /** Environment variable naming the CSV file that receives check rows. */
    public static final String FILE_VARIABLE = "CARTAN_CHECKS_FILE";

    private Check() {
    }

    /**
     * A theorem check: passes when the claim holds and every rival is rejected.
     *
     * @throws CheckFailedError         if it fails
     * @throws IllegalArgumentException without rivals, or with a value rival that has no tolerance scale
     */
    public static void theorem(String id, String description, double measured, Claim claim, Rival... rivals) {
        record(CheckResult.theorem(id, description, measured, claim, rivals));
    }

    /**
     * An empirical claim of a paper tested against rivals: recorded {@code PASS} (reproduced) or
     * {@code NOT_REPRODUCED} (the claim did not hold; the run goes on), and {@code FAIL} only when the
     * claim holds but a rival is not rejected — the experiment lacks the power to tell them apart.
     *
     * @throws CheckFailedError if the experiment could not reject a rival, or measured is not a number
     */
    public static void hypothesis(String id, String description, double measured, Claim claim, Rival... rivals) {
        record(CheckResult.hypothesis(id, description, measured, claim, rivals));
    }

    /** Records a paper statement that did not reproduce, and what was found instead. */
    public static void notReproduced(String id, String statement, String finding) {
        record(CheckResult.finding(id, statement, finding));
    }

    /** Identity check: passes when |measured − expected| ≤ relTol·|expected|. */
    public static void close(String id, String description, double measured, double expected, double relTol) {
        record(CheckResult.relative(id, description, measured, expected, relTol));
    }

    /** Identity check: passes when |measured − expected| ≤ absTol. */
    public static void absClose(String id, String description, double measured, double expected, double absTol) {
        record(CheckResult.absolute(id, description, measured, expected, absTol));
    }

    /** Identity check: passes when measured ≤ bound. */
    public static void atMost(String id, String description, double measured, double bound) {
        record(CheckResult.atMost(id, description, measured, bound, 0));
    }

    /** Identity check: passes when measured ≤ bound + slack (for bounds that hold up to rounding). */
    public static void atMost(String id, String description, double measured, double bound, double slack) {
        record(CheckResult.atMost(id, description, measured, bound, slack));
    }

    /** Identity check: passes when measured ≥ bound. */
    public static void atLeast(String id, String description, double measured, double bound) {
        record(CheckResult.atLeast(id, description, measured, bound, 0));
    }

    /** Identity check: passes when measured ≥ bound − slack. */
    public static void atLeast(String id, String description, double measured, double bound, double slack) {
        record(CheckResult.atLeast(id, description, measured, bound, slack));
    }

    /** Identity check: passes when the condition holds. */
    public static void isTrue(String id, String description, boolean condition) {
        record(CheckResult.condition(id, description, condition));
    }

    /**
     * Prints the result, appends it to the check record and throws when it failed ({@code NOT_REPRODUCED}
     * does not throw).
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
        if (result.failed()) {
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

    /** Thrown when a check fails; its message is the check's row. */
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
