package cartan.fit;

/**
 * The semi-parametric bootstrap goodness-of-fit test of Clauset, Shalizi and Newman (2009, §4.1).
 *
 * @param pValue            exceedances / replicates: the fraction of synthetic samples whose refitted KS
 *                          distance is at least the empirical one. CSN reject the power law when p ≤ 0.1.
 * @param exceedances       how many synthetic distances were ≥ the empirical distance
 * @param replicates        number of synthetic samples; p has Monte Carlo error √(p(1−p)/replicates)
 *                          (about ¼ε⁻² replicates give ±ε)
 * @param empiricalDistance the KS distance of the fit to the data
 * @param fit               that fit
 * @param seed              the seed that reproduces the result (bit for bit, for any thread count)
 */
public record GoodnessOfFit(double pValue, int exceedances, int replicates, double empiricalDistance,
                            PowerLawFit fit, long seed) {

    /** The Monte Carlo standard error √(p(1−p)/B) of the p-value. */
    public double monteCarloError() {
        return Math.sqrt(pValue * (1 - pValue) / replicates);
    }
}
