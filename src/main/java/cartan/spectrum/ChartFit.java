package cartan.spectrum;

/**
 * A full-Cartan power-law chart fitted to a spectrum: the OLS line μ̃_k ≈ c − β log k over a rank
 * window, and the residuals that say how far the spectrum is from the orbit.
 *
 * @param window              the ranks fitted
 * @param beta                β̂ = −slope (the singular-value exponent; the eigenvalue exponent is 2β̂)
 * @param standardError       OLS standard error of the slope, √(SSR/(m−2) / Σ(x−x̄)²), m = window size
 * @param intercept           c, the fitted μ̃ at k = 1
 * @param rSquared            1 − SSR/SST (1 when the fit and the data are both flat)
 * @param rmsResidual         √(SSR/m): the RMS distance of μ̃ from the fitted line (the chart residual)
 * @param signedResidual      ε = r(A) − r_orbit(β̂): top-radial coordinate minus that of the fitted orbit point
 * @param hellingerResidual   Hellinger distance (Σ(√p_k − √q_k)²)^{1/2} from the spectrum to the fitted
 *                            orbit point q = p_{2 max(β̂, 0)} over all n ranks
 */
public record ChartFit(RankRange window, double beta, double standardError, double intercept, double rSquared,
                       double rmsResidual, double signedResidual, double hellingerResidual) {
}
