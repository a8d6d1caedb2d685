package cartan.fit;

import cartan.Require;

/**
 * A power-law fit to the tail of a sample: the chosen x_min, the MLE α on the n values of the tail,
 * the Kolmogorov–Smirnov distance D between the tail's empirical CDF and the fitted one, and the
 * asymptotic standard error of α for that x_min: (α − 1)/√n for the continuous law, 1/√(n Var_α ln X) for
 * the discrete one. This error ignores the uncertainty of x_min itself; for real data report the bootstrap
 * errors of α, x_min and n ({@link PowerLawBootstrap#uncertainty}) as Clauset, Shalizi and Newman do.
 *
 * <p>α is a <em>density</em> exponent (p(λ) ∝ λ^(−α)), WeightWatcher's convention; see
 * {@link Exponents} for rank-ordered exponents.
 *
 * @param law            the fitted power law (α, x_min): a {@link PowerLaw} or a {@link DiscretePowerLaw}
 * @param tailSize       n, the number of values in the tail
 * @param sampleSize     the number of values the fit used (after dropping non-positive or thresholded ones)
 * @param ksDistance     D at the chosen x_min, in the fitter's convention (see {@link TailFitter})
 * @param standardError  the asymptotic standard error of α at the chosen x_min
 * @param candidates     how many x_min candidates were scanned
 * @param dropped        how many input values were dropped before fitting (zero or negative, or at or
 *                       below the WeightWatcher threshold)
 */
public record PowerLawFit(PowerLawModel law, int tailSize, int sampleSize, double ksDistance, double standardError,
                          int candidates, int dropped) {

    public PowerLawFit {
        Require.notNull("law", law);
        Require.atLeast("tailSize", tailSize, 1);
        Require.atLeast("sampleSize", sampleSize, tailSize);
        Require.nonNegative("ksDistance", ksDistance);
        Require.nonNegative("standardError", standardError);
        Require.atLeast("candidates", candidates, 1);
        Require.atLeast("dropped", dropped, 0);
    }

    /** A fit that dropped nothing. */
    public PowerLawFit(PowerLawModel law, int tailSize, int sampleSize, double ksDistance, double standardError,
                       int candidates) {
        this(law, tailSize, sampleSize, ksDistance, standardError, candidates, 0);
    }

    public double alpha() {
        return law.alpha();
    }

    public double xMin() {
        return law.xMin();
    }

    /** Whether the discrete power law was fitted. */
    public boolean discrete() {
        return law.discrete();
    }

    /**
     * α* = 1 + (α̂ − 1)(n − 1)/n, the exactly unbiased estimate when x_min is known (anchors §2.2);
     * with x_min chosen from the data it is a finite-sample correction, not an exact one. Continuous law only.
     */
    public double alphaSmallSampleCorrected() {
        if (law.discrete()) {
            throw new IllegalStateException("the small-sample correction is exact for the continuous law only");
        }
        return 1 + (law.alpha() - 1) * (tailSize - 1) / tailSize;
    }

    /** The fraction of the sample in the tail, n/N. */
    public double tailFraction() {
        return (double) tailSize / sampleSize;
    }
}
