package cartan.notebook;

import java.util.Locale;

/**
 * What a check asserts about a measured value m: agreement with an expected value (to a relative or
 * an absolute tolerance), a bound, or a condition.
 *
 * <p>Every claim has an <em>absolute tolerance scale</em>: tol·|e| for a relative claim, tol for an
 * absolute one, the slack for a bound. A {@link Rival} is rejected when the measurement lies a stated
 * number of these tolerances away from what the rival predicts, so the scale is what makes "the rival
 * is several tolerances away" a number.
 *
 * @param comparison how m is compared
 * @param expected   the expected value, or the bound
 * @param tolerance  the tolerance in the comparison's own sense (relative, absolute, or the bound's slack)
 */
public record Claim(Comparison comparison, double expected, double tolerance) {

    /** How a measured value is compared with the claim. */
    public enum Comparison {
        /** |m − e| ≤ tol·|e|. */
        RELATIVE("rel"),
        /** |m − e| ≤ tol. */
        ABSOLUTE("abs"),
        /** m ≤ e + slack (the expected value is an upper bound). */
        AT_MOST("<="),
        /** m ≥ e − slack (the expected value is a lower bound). */
        AT_LEAST(">="),
        /** a boolean condition; m is 1 (true) or 0 (false), e = 1. */
        CONDITION("cond");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /** Short symbol used in the summary table, e.g. {@code rel} or {@code <=}. */
        public String symbol() {
            return symbol;
        }
    }

    public Claim {
        if (comparison == null) {
            throw new IllegalArgumentException("comparison: must not be null");
        }
        if (!Double.isFinite(expected)) {
            String what = comparison == Comparison.AT_MOST || comparison == Comparison.AT_LEAST ? "bound" : "expected";
            throw new IllegalArgumentException(what + ": must be finite, got " + expected
                    + " (an expected value or bound that is not a number cannot be checked)");
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance: must be finite and non-negative, got " + tolerance);
        }
    }

    /** m agrees with e when |m − e| ≤ relTol·|e|. */
    public static Claim close(double expected, double relTol) {
        return new Claim(Comparison.RELATIVE, expected, relTol);
    }

    /** m agrees with e when |m − e| ≤ absTol. */
    public static Claim absClose(double expected, double absTol) {
        return new Claim(Comparison.ABSOLUTE, expected, absTol);
    }

    /** m lies in [lo, hi]: the same as {@code absClose((lo + hi)/2, (hi − lo)/2)}. */
    public static Claim between(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("lo: must be at most hi, got lo = " + lo + ", hi = " + hi);
        }
        return absClose(lo + (hi - lo) / 2, (hi - lo) / 2);
    }

    /** m ≤ bound. */
    public static Claim atMost(double bound) {
        return atMost(bound, 0);
    }

    /** m ≤ bound + slack (a bound that holds up to a stated rounding or sampling slack). */
    public static Claim atMost(double bound, double slack) {
        return new Claim(Comparison.AT_MOST, bound, slack);
    }

    /** m ≥ bound. */
    public static Claim atLeast(double bound) {
        return atLeast(bound, 0);
    }

    /** m ≥ bound − slack. */
    public static Claim atLeast(double bound, double slack) {
        return new Claim(Comparison.AT_LEAST, bound, slack);
    }

    /** A condition: holds when the measured value is 1. */
    static Claim condition() {
        return new Claim(Comparison.CONDITION, 1, 0);
    }

    /** Whether m satisfies the claim; never for a NaN or infinite m. */
    public boolean holds(double measured) {
        if (!Double.isFinite(measured)) {
            return false;
        }
        return switch (comparison) {
            case RELATIVE -> Math.abs(measured - expected) <= tolerance * Math.abs(expected);
            case ABSOLUTE -> Math.abs(measured - expected) <= tolerance;
            case AT_MOST -> measured <= expected + tolerance;
            case AT_LEAST -> measured >= expected - tolerance;
            case CONDITION -> measured == 1;
        };
    }

    /** The absolute tolerance scale: tol·|e| (relative), tol (absolute), the slack (bounds), 0 (condition). */
    public double absoluteTolerance() {
        return comparison == Comparison.RELATIVE ? tolerance * Math.abs(expected) : tolerance;
    }

    /** The tolerance column of the summary, e.g. {@code rel 1e-06} or {@code <= +0}. */
    public String toleranceText() {
        return comparison.symbol() + " " + CheckResult.format(tolerance);
    }

    /** The gap between m and the claim, as the check line shows it. */
    String gapText(double measured) {
        return switch (comparison) {
            case RELATIVE -> "  (rel. error " + CheckResult.format(Math.abs(measured - expected) / Math.abs(expected)) + ")";
            case ABSOLUTE -> "  (abs. error " + CheckResult.format(Math.abs(measured - expected)) + ")";
            default -> "";
        };
    }

    /** {@code expected 3 [rel 1e-06]} or {@code at most 2 [<= +0]}. */
    String expectedText() {
        String prefix = switch (comparison) {
            case AT_MOST -> "at most ";
            case AT_LEAST -> "at least ";
            default -> "";
        };
        return String.format(Locale.ROOT, "expected %s%s [%s]", prefix, CheckResult.format(expected), toleranceText());
    }
}
