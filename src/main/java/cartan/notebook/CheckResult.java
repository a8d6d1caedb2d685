package cartan.notebook;

import java.util.Locale;

/**
 * The outcome of one theorem check: what was measured, what an independent computation or a closed
 * form expected, the tolerance, and whether the comparison passed.
 *
 * <p>A check never passes on a NaN or infinite measurement: {@code |NaN − e| ≤ tol} is false, and we
 * keep it false on purpose.
 *
 * @param id          experiment ID from {@code theorems.md}, e.g. {@code E1.3} or {@code E1.3b}
 * @param description one line saying what is compared
 * @param measured    the value the notebook computed
 * @param expected    the independent value (closed form, other algorithm, published figure)
 * @param tolerance   the tolerance, in the sense given by {@code kind}
 * @param kind        how {@code measured} is compared to {@code expected}
 * @param passed      whether the comparison holds
 */
public record CheckResult(String id, String description, double measured, double expected, double tolerance,
                          Kind kind, boolean passed) {

    /** How a measured value is compared. */
    public enum Kind {
        /** |m − e| ≤ tol·|e|. */
        RELATIVE("rel"),
        /** |m − e| ≤ tol. */
        ABSOLUTE("abs"),
        /** m ≤ e (the expected value is an upper bound; tolerance is a slack added to it). */
        AT_MOST("<="),
        /** m ≥ e (the expected value is a lower bound; tolerance is a slack subtracted from it). */
        AT_LEAST(">="),
        /** a boolean condition; measured is 1 (true) or 0 (false), expected 1. */
        CONDITION("cond");

        private final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }

        /** Short symbol used in the summary table, e.g. {@code rel} or {@code <=}. */
        public String symbol() {
            return symbol;
        }
    }

    /** Compares measured with expected to a relative tolerance: |m − e| ≤ tol·|e|. */
    public static CheckResult relative(String id, String description, double measured, double expected,
                                       double relTol) {
        requireTolerance(relTol);
        requireFinite("expected", expected);
        boolean ok = Math.abs(measured - expected) <= relTol * Math.abs(expected);
        return new CheckResult(id, description, measured, expected, relTol, Kind.RELATIVE, ok);
    }

    /** Compares measured with expected to an absolute tolerance: |m − e| ≤ tol. */
    public static CheckResult absolute(String id, String description, double measured, double expected,
                                       double absTol) {
        requireTolerance(absTol);
        requireFinite("expected", expected);
        boolean ok = Math.abs(measured - expected) <= absTol;
        return new CheckResult(id, description, measured, expected, absTol, Kind.ABSOLUTE, ok);
    }

    /** Checks an upper bound: m ≤ bound + slack. */
    public static CheckResult atMost(String id, String description, double measured, double bound, double slack) {
        requireTolerance(slack);
        requireFinite("bound", bound);
        boolean ok = measured <= bound + slack;
        return new CheckResult(id, description, measured, bound, slack, Kind.AT_MOST, ok);
    }

    /** Checks a lower bound: m ≥ bound − slack. */
    public static CheckResult atLeast(String id, String description, double measured, double bound, double slack) {
        requireTolerance(slack);
        requireFinite("bound", bound);
        boolean ok = measured >= bound - slack;
        return new CheckResult(id, description, measured, bound, slack, Kind.AT_LEAST, ok);
    }

    /** A condition that must hold. */
    public static CheckResult condition(String id, String description, boolean holds) {
        return new CheckResult(id, description, holds ? 1 : 0, 1, 0, Kind.CONDITION, holds);
    }

    public CheckResult {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id: a check needs an experiment ID such as E1.3");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("description: a check needs a one-line description");
        }
        if (!Double.isFinite(measured)) {
            passed = false; // never pass on NaN or infinity
        }
    }

    /** {@code PASS} or {@code FAIL}. */
    public String status() {
        return passed ? "PASS" : "FAIL";
    }

    /** The tolerance column of the summary, e.g. {@code rel 1e-06} or {@code <= +0}. */
    public String toleranceText() {
        return kind.symbol() + " " + format(tolerance);
    }

    /** One CSV row without the notebook column: id,description,measured,expected,tolerance,status. */
    public String toCsvRow() {
        return String.join(",", csv(id), csv(description), format(measured), format(expected),
                csv(toleranceText()), status());
    }

    /** One readable line, as the notebook shows it. */
    @Override
    public String toString() {
        String gap = switch (kind) {
            case RELATIVE -> "  (rel. error " + format(Math.abs(measured - expected) / Math.abs(expected)) + ")";
            case ABSOLUTE -> "  (abs. error " + format(Math.abs(measured - expected)) + ")";
            default -> "";
        };
        if (kind == Kind.CONDITION) {
            return String.format(Locale.ROOT, "%s  %-8s %s", status(), id, description);
        }
        return String.format(Locale.ROOT, "%s  %-8s %s: measured %s, expected %s %s%s", status(), id, description,
                format(measured), kind == Kind.AT_MOST ? "at most" : kind == Kind.AT_LEAST ? "at least" : "",
                format(expected) + " [" + toleranceText() + "]", gap).replace("expected  ", "expected ");
    }

    static String format(double x) {
        if (x == 0 || (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6)) {
            return String.format(Locale.ROOT, "%.10g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        // compact scientific notation: 1e-12, 2.5e+07
        return String.format(Locale.ROOT, "%.6e", x).replaceAll("\\.?0+e", "e");
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static void requireTolerance(double tol) {
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("tolerance: must be finite and non-negative, got " + tol);
        }
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + ": must be finite, got " + v
                    + " (an expected value or bound that is not a number cannot be checked)");
        }
    }
}
