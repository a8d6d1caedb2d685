package cartan.profile;

import cartan.Require;
import cartan.fit.LikelihoodRatio;
import cartan.fit.LikelihoodRatioTest;
import cartan.fit.PowerLawFit;
import cartan.fit.TruncatedPowerLawTail;

import java.util.Locale;

/**
 * The power-law tail of a layer's ESD against the alternatives WeightWatcher and Clauset–Shalizi–Newman
 * compare it with, each fitted by maximum likelihood on the same tail λ ≥ x_min ({@link LikelihoodRatioTest}):
 * the lognormal, the exponential and the truncated power law p(λ) ∝ λ^{−α} e^{−Λλ} (WeightWatcher's
 * {@code fit='TPL'}, whose α and Λ are the columns {@code tpl_alpha}, {@code tpl_lambda}).
 *
 * <p>Each comparison gives R = Σ ln p_PL(λ_i) − ln p_alt(λ_i) over the tail (R &gt; 0 favours the power law) and
 * a p-value for its sign (Vuong's normal test; the χ²₁ test for the nested truncated power law). The
 * {@code tail_verdict} is the model the tests favour at {@link #LEVEL} (CSN's 0.1):
 * {@code truncated power law} if it beats the power law significantly (CSN's "with cut-off"), otherwise the
 * non-nested alternative that beats it significantly (the more negative normalised R if both do), otherwise
 * {@code power law} — which then only says that no tested alternative fits better, not that a power law fits.
 *
 * @param lognormal   the power law against the lognormal
 * @param exponential the power law against the exponential
 * @param truncated   the power law against the truncated power law
 */
public record TailComparison(LikelihoodRatio lognormal, LikelihoodRatio exponential, LikelihoodRatio truncated) {

    /** The significance level of the verdict. */
    public static final double LEVEL = 0.1;

    public TailComparison {
        Require.notNull("lognormal", lognormal);
        Require.notNull("exponential", exponential);
        Require.notNull("truncated", truncated);
    }

    /**
     * The comparisons on the eigenvalues {@code lambda} whose tail {@code fit} describes.
     *
     * @throws IllegalArgumentException if an alternative cannot be fitted (e.g. a tail of one or two values)
     */
    public static TailComparison of(double[] lambda, PowerLawFit fit) {
        Require.finite("lambda", lambda);
        Require.notNull("fit", fit);
        double[] positive = java.util.Arrays.stream(lambda).filter(v -> v > 0).toArray();
        return new TailComparison(LikelihoodRatioTest.lognormal(positive, fit),
                LikelihoodRatioTest.exponential(positive, fit), LikelihoodRatioTest.truncatedPowerLaw(positive, fit));
    }

    /** The fitted truncated power law's α. */
    public double truncatedAlpha() {
        return truncated.alternative() instanceof TruncatedPowerLawTail t ? t.alpha() : Double.NaN;
    }

    /** The fitted truncated power law's cut-off rate Λ. */
    public double truncatedLambda() {
        return truncated.alternative() instanceof TruncatedPowerLawTail t ? t.lambda() : Double.NaN;
    }

    /** The favoured model (see the class comment). */
    public String verdict() {
        if (beats(truncated)) {
            return "truncated power law";
        }
        boolean ln = beats(lognormal);
        boolean ex = beats(exponential);
        if (ln && ex) {
            return lognormal.normalizedRatio() <= exponential.normalizedRatio() ? "lognormal" : "exponential";
        }
        if (ln) {
            return "lognormal";
        }
        if (ex) {
            return "exponential";
        }
        return "power law";
    }

    private static boolean beats(LikelihoodRatio r) {
        return r.ratio() < 0 && r.pValue() < LEVEL;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TailComparison[R_ln=%.3g (p %.2g), R_exp=%.3g (p %.2g), R_tpl=%.3g (p %.2g): %s]",
                lognormal.ratio(), lognormal.pValue(), exponential.ratio(), exponential.pValue(), truncated.ratio(),
                truncated.pValue(), verdict());
    }
}
