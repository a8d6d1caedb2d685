/**
 * Power-law tails, as Clauset, Shalizi and Newman (2009) fit them and as WeightWatcher fits eigenvalue
 * spectra:
 * <ul>
 *   <li>data: {@link cartan.fit.PowerLawData}, distinct positive values with counts (zeros and negatives
 *   dropped and counted, histograms and text columns read directly);</li>
 *   <li>laws: the continuous {@link cartan.fit.PowerLaw} and the discrete {@link cartan.fit.DiscretePowerLaw}
 *   (Hurwitz-zeta normaliser, {@link cartan.special.HurwitzZeta});</li>
 *   <li>x_min by KS distance in a WeightWatcher-exact and a CSN mode, continuous or discrete, or fixed
 *   ({@link cartan.fit.TailFitter});</li>
 *   <li>seeded parallel bootstraps: the goodness-of-fit p-value and the errors of α, x_min and n_tail
 *   ({@link cartan.fit.PowerLawBootstrap});</li>
 *   <li>Vuong likelihood-ratio tests against lognormal, exponential, stretched-exponential, Poisson and
 *   truncated power-law tails ({@link cartan.fit.LikelihoodRatioTest});</li>
 *   <li>CCDF points of the data and the fit ({@link cartan.fit.Ccdf}; drawn by {@code cartan.plot.PowerLawPlots});</li>
 *   <li>the conversion between density and rank-ordered exponents ({@link cartan.fit.Exponents}) and the
 *   log-log least-squares line ({@link cartan.fit.Ols}).</li>
 * </ul>
 *
 * <p>Convention: α is the <em>density</em> exponent (for eigenvalues λ = σ², WeightWatcher's α).
 * Results are immutable records. The two-parameter MLEs run on Hipparchus' Nelder–Mead simplex and
 * Brent search ({@code MaximumLikelihood}).
 */
package cartan.fit;

import cartan.special.HurwitzZeta;
