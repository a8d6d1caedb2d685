/**
 * Power-law tails of eigenvalue spectra: the continuous power law and its MLE ({@link cartan.fit.PowerLaw}),
 * x_min selection by KS distance in a WeightWatcher-exact and a Clauset–Shalizi–Newman mode
 * ({@link cartan.fit.TailFitter}), seeded parallel bootstraps for the goodness-of-fit p-value and the
 * uncertainty of α ({@link cartan.fit.PowerLawBootstrap}), Vuong likelihood-ratio tests against
 * lognormal, exponential and truncated power-law tails ({@link cartan.fit.LikelihoodRatioTest}), and
 * the conversion between density and rank-ordered exponents ({@link cartan.fit.Exponents}).
 *
 * <p>Convention: α is the <em>density</em> exponent of the eigenvalues λ = σ² (WeightWatcher's α).
 * Results are immutable records.
 */
package cartan.fit;
