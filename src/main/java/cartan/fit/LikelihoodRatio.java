package cartan.fit;

/**
 * The log-likelihood ratio of the power law against an alternative on the same tail (Vuong 1989;
 * CSN 2009 §5):
 * <pre>
 *   R = Σᵢ [ln p_PL(xᵢ) − ln p_alt(xᵢ)],   s² = (1/n) Σᵢ (dᵢ − d̄)²  with dᵢ the summands,
 *   normalised ratio R/(√n s),   p = erfc(|R| / √(2n s²))            (non-nested),
 *   p = P(χ²₁ > 2|R|) = erfc(√|R|)                                      (nested: PL inside TPL).
 * </pre>
 * R &gt; 0 favours the power law, R &lt; 0 the alternative; a small p says the sign of R is meaningful.
 *
 * @param alternative     the fitted alternative
 * @param ratio           R
 * @param normalizedRatio R/(√n s) (0 if s = 0)
 * @param pValue          as above
 * @param nested          whether the χ²₁ (nested) p-value was used
 * @param tailSize        n
 */
public record LikelihoodRatio(TailDistribution alternative, double ratio, double normalizedRatio, double pValue,
                              boolean nested, int tailSize) {

    /** Which model the test favours at significance {@code level}: "power law", the alternative, or "neither". */
    public String favoured(double level) {
        if (pValue > level || ratio == 0) {
            return "neither";
        }
        return ratio > 0 ? "power law" : alternative.name();
    }
}
