package cartan.notebook;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The outcome of one check: what was measured, what the claim says, which rivals the measurement
 * rejected, and the verdict.
 *
 * <p>Verdicts by kind:
 * <ul>
 *   <li>{@link Kind#IDENTITY}: {@code PASS} when the claim holds, else {@code FAIL};</li>
 *   <li>{@link Kind#THEOREM}: {@code PASS} when the claim holds and every rival is rejected, else
 *       {@code FAIL};</li>
 *   <li>{@link Kind#HYPOTHESIS} (an empirical claim whose outcome is a result either way):
 *       {@code PASS} when the claim holds and every rival is rejected; {@code NOT_REPRODUCED} when the
 *       claim does not hold; {@code FAIL} when the claim holds but a rival is not rejected (the
 *       experiment cannot tell the claim from its rival) or the measurement is not a number;</li>
 *   <li>{@link Kind#FINDING}: a paper statement that did not reproduce, recorded with its finding:
 *       always {@code NOT_REPRODUCED}.</li>
 * </ul>
 * A NaN or infinite measurement never passes.
 *
 * @param id          experiment ID from {@code theorems.md}, e.g. {@code E1.3} or {@code E1.3b}
 * @param kind        theorem, identity, hypothesis or finding
 * @param description one line saying what is compared (for a finding: the statement and what was found)
 * @param measured    the value the notebook computed (NaN for a finding)
 * @param claim       the claim (null for a finding)
 * @param rivals      the rivals with their outcomes (empty for identities and findings)
 * @param status      the verdict
 */
public record CheckResult(String id, Kind kind, String description, double measured, Claim claim,
                          List<RivalOutcome> rivals, Status status) {

    /** What a check certifies. */
    public enum Kind {
        /** A statement of a paper, tested against at least one rival. */
        THEOREM,
        /** An algebraic or definitional identity, a same-code-path comparison or a sanity bound. */
        IDENTITY,
        /** An empirical claim of a paper tested against a rival; not reproducing it is a result. */
        HYPOTHESIS,
        /** A paper statement that did not reproduce, with what was found instead. */
        FINDING;

        /** Lower-case name, as in {@code summary.csv}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The verdict. */
    public enum Status { PASS, FAIL, NOT_REPRODUCED }

    /**
     * One rival and what the measurement did to it.
     *
     * @param rival    the rival
     * @param distance the measurement's distance from it in tolerance units ({@link Rival#distance})
     * @param rejected whether the measurement rejected it
     */
    public record RivalOutcome(Rival rival, double distance, boolean rejected) {
    }

    public CheckResult {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id: a check needs an experiment ID such as E1.3");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("description: a check needs a one-line description");
        }
        if (kind == null || status == null) {
            throw new IllegalArgumentException("kind: kind and status must not be null");
        }
        if (kind != Kind.FINDING && claim == null) {
            throw new IllegalArgumentException("claim: a " + kind.label() + " check needs a claim");
        }
        rivals = List.copyOf(rivals == null ? List.of() : rivals);
    }

    /** Judges an identity check. */
    public static CheckResult identity(String id, String description, double measured, Claim claim) {
        requireClaim(claim);
        return new CheckResult(id, Kind.IDENTITY, description, measured, claim, List.of(),
                claim.holds(measured) ? Status.PASS : Status.FAIL);
    }

    /** Judges a theorem check: the claim must hold and every rival be rejected. */
    public static CheckResult theorem(String id, String description, double measured, Claim claim, Rival... rivals) {
        return judged(id, Kind.THEOREM, description, measured, claim, rivals);
    }

    /** Judges a hypothesis: like a theorem, but a claim that does not hold is {@code NOT_REPRODUCED}. */
    public static CheckResult hypothesis(String id, String description, double measured, Claim claim,
                                         Rival... rivals) {
        return judged(id, Kind.HYPOTHESIS, description, measured, claim, rivals);
    }

    /** Records a statement that did not reproduce. */
    public static CheckResult finding(String id, String statement, String finding) {
        if (finding == null || finding.isBlank()) {
            throw new IllegalArgumentException("finding: say what was found instead");
        }
        String text = statement == null || statement.isBlank() ? statement : statement + " -- found: " + finding;
        return new CheckResult(id, Kind.FINDING, text, Double.NaN, null, List.of(), Status.NOT_REPRODUCED);
    }

    /** Identity: |m − e| ≤ relTol·|e|. */
    public static CheckResult relative(String id, String description, double measured, double expected, double relTol) {
        return identity(id, description, measured, Claim.close(expected, relTol));
    }

    /** Identity: |m − e| ≤ absTol. */
    public static CheckResult absolute(String id, String description, double measured, double expected, double absTol) {
        return identity(id, description, measured, Claim.absClose(expected, absTol));
    }

    /** Identity: m ≤ bound + slack. */
    public static CheckResult atMost(String id, String description, double measured, double bound, double slack) {
        return identity(id, description, measured, Claim.atMost(bound, slack));
    }

    /** Identity: m ≥ bound − slack. */
    public static CheckResult atLeast(String id, String description, double measured, double bound, double slack) {
        return identity(id, description, measured, Claim.atLeast(bound, slack));
    }

    /** Identity: a condition that must hold. */
    public static CheckResult condition(String id, String description, boolean holds) {
        return identity(id, description, holds ? 1 : 0, Claim.condition());
    }

    private static CheckResult judged(String id, Kind kind, String description, double measured, Claim claim,
                                      Rival... rivals) {
        requireClaim(claim);
        if (rivals == null || rivals.length == 0) {
            throw new IllegalArgumentException("rivals: a " + kind.label()
                    + " check must name at least one rival (what a plausible wrong statement predicts)");
        }
        boolean allRejected = true;
        RivalOutcome[] outcomes = new RivalOutcome[rivals.length];
        for (int i = 0; i < rivals.length; i++) {
            if (rivals[i] == null) {
                throw new IllegalArgumentException("rivals: rival " + i + " is null");
            }
            boolean rejected = rivals[i].rejectedBy(measured, claim);
            outcomes[i] = new RivalOutcome(rivals[i], rivals[i].distance(measured, claim), rejected);
            allRejected &= rejected;
        }
        boolean holds = claim.holds(measured);
        Status status;
        if (holds && allRejected) {
            status = Status.PASS;
        } else if (kind == Kind.HYPOTHESIS && !holds && Double.isFinite(measured)) {
            status = Status.NOT_REPRODUCED;
        } else {
            status = Status.FAIL;
        }
        return new CheckResult(id, kind, description, measured, claim, List.of(outcomes), status);
    }

    private static void requireClaim(Claim claim) {
        if (claim == null) {
            throw new IllegalArgumentException("claim: must not be null");
        }
    }

    /** Whether the check passed ({@code NOT_REPRODUCED} is not a pass, but it does not fail a run). */
    public boolean passed() {
        return status == Status.PASS;
    }

    /** Whether the run must stop: the check failed. */
    public boolean failed() {
        return status == Status.FAIL;
    }

    /** The expected value (NaN for a finding). */
    public double expected() {
        return claim == null ? Double.NaN : claim.expected();
    }

    /** The tolerance column, e.g. {@code rel 1e-06} (empty for a finding). */
    public String toleranceText() {
        return claim == null ? "" : claim.toleranceText();
    }

    /** The smallest rival distance (the binding rival), or NaN without rivals. */
    public double rivalMargin() {
        return rivals.stream().mapToDouble(RivalOutcome::distance).min().orElse(Double.NaN);
    }

    /** Column names of {@link #toCsvRow()} (summary.csv has a leading {@code notebook} column). */
    public static final List<String> CSV_COLUMNS = List.of("id", "kind", "description", "measured", "expected",
            "tolerance", "status", "rival", "rival_value", "rival_margin");

    /**
     * One CSV row without the notebook column, in the order of {@link #CSV_COLUMNS}; several rivals are
     * joined with {@code " | "} and {@code rival_margin} is the smallest distance.
     */
    public String toCsvRow() {
        String rivalNames = rivals.stream().map(r -> r.rival().name()).collect(Collectors.joining(" | "));
        String rivalValues = rivals.stream().map(r -> format(r.rival().predicted())).collect(Collectors.joining(" | "));
        return String.join(",", csv(id), kind.label(), csv(description), kind == Kind.FINDING ? "" : format(measured),
                claim == null ? "" : format(claim.expected()), csv(toleranceText()), status.name(), csv(rivalNames),
                csv(rivalValues), rivals.isEmpty() ? "" : format(rivalMargin()));
    }

    /** One readable line, as the notebook shows it. */
    @Override
    public String toString() {
        String head = String.format(Locale.ROOT, "%s  %-8s [%s] %s", status, id, kind.label(), description);
        if (kind == Kind.FINDING) {
            return head;
        }
        if (claim.comparison() == Claim.Comparison.CONDITION) {
            return head;
        }
        StringBuilder s = new StringBuilder(head).append(": measured ").append(format(measured)).append(", ")
                .append(claim.expectedText()).append(claim.gapText(measured));
        for (RivalOutcome r : rivals) {
            s.append(String.format(Locale.ROOT, "; rival %s %s (%s tolerances)", r.rival().text(),
                    r.rejected() ? "rejected" : "NOT rejected", format(r.distance())));
        }
        return s.toString();
    }

    static String format(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0 || (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6)) {
            return String.format(Locale.ROOT, "%.10g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        // compact scientific notation: 1e-12, 2.5e+07
        return String.format(Locale.ROOT, "%.6e", x).replaceAll("\\.?0+e", "e");
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
