package cartan.fit;

/**
 * A power-law fit to the tail of a sample: the chosen x_min, the MLE α on the n values of the tail,
 * the Kolmogorov–Smirnov distance D between the tail's empirical CDF and the fitted one, and the
 * asymptotic standard error σ = (α − 1)/√n.
 *
 * <p>α is a <em>density</em> exponent (p(λ) ∝ λ^(−α)), WeightWatcher's convention; see
 * {@link Exponents} for rank-ordered exponents.
 *
 * @param law            the fitted power law (α, x_min)
 * @param tailSize       n, the number of values in the tail
 * @param sampleSize     the number of values the fit used (after any threshold)
 * @param ksDistance     D at the chosen x_min, in the fitter's convention (see {@link TailFitter})
 * @param standardError  (α − 1)/√n
 * @param candidates     how many x_min candidates were scanned
 */
public record PowerLawFit(PowerLaw law, int tailSize, int sampleSize, double ksDistance, double standardError,
                          int candidates) {

    public PowerLawFit {
        cartan.Require.notNull("law", law);
        cartan.Require.atLeast("tailSize", tailSize, 1);
        cartan.Require.atLeast("sampleSize", sampleSize, tailSize);
        cartan.Require.nonNegative("ksDistance", ksDistance);
        cartan.Require.nonNegative("standardError", standardError);
        cartan.Require.atLeast("candidates", candidates, 1);
    }

    public double alpha() {
        return law.alpha();
    }

    public double xMin() {
        return law.xMin();
    }

    /**
     * α* = 1 + (α̂ − 1)(n − 1)/n, the exactly unbiased estimate when x_min is known (anchors §2.2);
     * with x_min chosen from the data it is a finite-sample correction, not an exact one.
     */
    public double alphaSmallSampleCorrected() {
        return 1 + (law.alpha() - 1) * (tailSize - 1) / tailSize;
    }

    /** The fraction of the sample in the tail, n/N. */
    public double tailFraction() {
        return (double) tailSize / sampleSize;
    }
}
