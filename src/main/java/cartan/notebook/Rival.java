package cartan.notebook;

/**
 * What a plausible wrong statement predicts for a theorem check's measurement — "line element
 * (d/3)·Fisher", "λ_k with ψ((m−k+2)/2)", "no alignment: sinΘ of random subspaces". A theorem check
 * passes only if its claim holds <em>and</em> every rival is rejected, so a check that could not tell
 * the theorem from its rival fails.
 *
 * <p>Two kinds of rival:
 * <ul>
 *   <li>a <b>value</b> (the rival predicts m ≈ v): rejected when |m − v| ≥ margin · scale, where the
 *       scale is the rival's own absolute tolerance if given, otherwise the claim's
 *       ({@link Claim#absoluteTolerance()}). The default margin is {@value #DEFAULT_MARGIN}: the
 *       measurement must lie at least two tolerances from the rival, so the rival would fail the same
 *       check even with twice the tolerance;</li>
 *   <li>a <b>bound</b> (the rival predicts m ≤ b, or m ≥ b — a tighter bound that a wrong statement
 *       would give): rejected when the measurement violates it by at least margin · scale (default
 *       margin 0: any strict violation).</li>
 * </ul>
 * The reported {@linkplain #distance distance} is |m − v|/scale (value) or the violation/scale (bound):
 * the {@code rival_margin} column of {@code summary.csv}.
 *
 * @param name      what the rival statement says, e.g. {@code "(d/3)·Fisher"}
 * @param predicted the value or bound the rival predicts
 * @param kind      value or bound
 * @param scale     the rival's own absolute tolerance, or NaN to use the claim's
 * @param margin    how many scales away the measurement must be for the rival to be rejected
 */
public record Rival(String name, double predicted, Kind kind, double scale, double margin) {

    /** Default margin for value rivals: two tolerances. */
    public static final double DEFAULT_MARGIN = 2;

    /** Value or bound. */
    public enum Kind {
        /** The rival predicts m ≈ predicted. */
        VALUE,
        /** The rival predicts m ≤ predicted. */
        AT_MOST,
        /** The rival predicts m ≥ predicted. */
        AT_LEAST
    }

    public Rival {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: a rival needs a name saying what it predicts");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind: must not be null");
        }
        if (!Double.isFinite(predicted)) {
            throw new IllegalArgumentException("predicted: rival '" + name + "' must predict a finite value, got "
                    + predicted);
        }
        if (!Double.isNaN(scale) && !(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("scale: rival '" + name + "' needs a positive finite tolerance, got "
                    + scale);
        }
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("margin: must be finite and non-negative, got " + margin);
        }
    }

    /** The rival predicts m ≈ predicted; scale from the claim, margin {@value #DEFAULT_MARGIN}. */
    public static Rival of(String name, double predicted) {
        return new Rival(name, predicted, Kind.VALUE, Double.NaN, DEFAULT_MARGIN);
    }

    /**
     * The rival predicts m ≈ predicted with its own absolute tolerance (needed when the claim is a
     * bound without slack, or when the rival's spread is known, e.g. sinΘ of random subspaces).
     */
    public static Rival of(String name, double predicted, double absTol) {
        return new Rival(name, predicted, Kind.VALUE, absTol, DEFAULT_MARGIN);
    }

    /** The rival bound m ≤ bound, which the measurement must violate. */
    public static Rival atMost(String name, double bound) {
        return new Rival(name, bound, Kind.AT_MOST, Double.NaN, 0);
    }

    /** The rival bound m ≥ bound, which the measurement must violate. */
    public static Rival atLeast(String name, double bound) {
        return new Rival(name, bound, Kind.AT_LEAST, Double.NaN, 0);
    }

    /** The same rival, rejected only at {@code margin} scales (stated in the notebook text). */
    public Rival margin(double margin) {
        return new Rival(name, predicted, kind, scale, margin);
    }

    /** The same rival with its own absolute tolerance scale. */
    public Rival scale(double absTol) {
        return new Rival(name, predicted, kind, absTol, margin);
    }

    /**
     * The scale used against a claim: the rival's own, else the claim's absolute tolerance.
     *
     * @throws IllegalArgumentException if a value rival has no positive scale (a claim without tolerance)
     */
    double scaleFor(Claim claim) {
        double s = Double.isNaN(scale) ? claim.absoluteTolerance() : scale;
        if (!(s > 0) && kind == Kind.VALUE) {
            throw new IllegalArgumentException("scale: rival '" + name + "' has no tolerance to measure its distance"
                    + " in (the claim's tolerance is 0); give it one with Rival.of(name, value, absTol)");
        }
        return s;
    }

    /**
     * Distance of m from the rival in units of the scale: |m − v|/scale for a value, the (signed)
     * violation/scale for a bound (positive when the bound is violated). With a zero scale (a bound rival
     * against a claim without tolerance) the raw violation.
     */
    public double distance(double measured, Claim claim) {
        double s = scaleFor(claim);
        double raw = switch (kind) {
            case VALUE -> Math.abs(measured - predicted);
            case AT_MOST -> measured - predicted;
            case AT_LEAST -> predicted - measured;
        };
        return s > 0 ? raw / s : raw;
    }

    /** Whether the measurement rejects this rival; never for a NaN or infinite m. */
    public boolean rejectedBy(double measured, Claim claim) {
        if (!Double.isFinite(measured)) {
            return false;
        }
        double d = distance(measured, claim);
        return kind == Kind.VALUE ? d >= margin : d > 0 && d >= margin;
    }

    /** {@code "(d/3)·Fisher" = 6.61} or {@code "Δ/2 rate" <= 0.3}. */
    String text() {
        String op = switch (kind) {
            case VALUE -> " = ";
            case AT_MOST -> " <= ";
            case AT_LEAST -> " >= ";
        };
        return name + op + CheckResult.format(predicted);
    }
}
