package cartan.spectrum;

import cartan.Require;
import cartan.fit.Ols;
/**
 * The full-Cartan power-law chart: ordinary least squares of the normalised Cartan coordinate on
 * log-rank over a window,
 *
 * <pre>
 *   μ̃_k = log σ_k − ½ log(‖A‖_F²/n)  ≈  c − β log k,     k ∈ window,
 * </pre>
 *
 * with β̂ = −Sxy/Sxx, SE(β̂) = √(SSR/(m−2)/Sxx), R² = 1 − SSR/SST and the RMS residual √(SSR/m). On the
 * exact orbit σ_k ∝ k^{−β} the fit is exact: β̂ = β, residual 0 and c = r(β) = ½ log(n/H_n(2β)).
 */
public final class PowerLawChart {

    private PowerLawChart() {
    }

    /** Fit over all ranks 1..n. */
    public static ChartFit fit(Spectrum spectrum) {
        Require.notNull("spectrum", spectrum);
        return fit(spectrum, RankRange.all(spectrum.size()));
    }

    /**
     * Fit over the given window.
     *
     * @throws IllegalArgumentException if the window is larger than the spectrum or a σ_k in it is
     *                                  numerically zero
     */
    public static ChartFit fit(Spectrum spectrum, RankRange window) {
        Require.notNull("spectrum", spectrum);
        Require.notNull("window", window);
        window.within(spectrum.size());
        double[] y = spectrum.cartanCoordinate(window.first(), window.last());
        int m = y.length;
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = Math.log(window.first() + i);
        }
        Ols line = Ols.fit(x, y);
        double slope = line.slope();
        double intercept = line.intercept();
        double se = line.slopeStdError();
        double r2 = line.rSquared();
        double ssr = line.residualSumOfSquares();
        double beta = -slope;
        int n = spectrum.size();
        double signed = spectrum.topRadial() - TopRadialChart.radial(n, beta);
        double hel = spectrum.hellingerToOrbit(Math.max(beta, 0));
        return new ChartFit(window, beta, se, intercept, r2, Math.sqrt(ssr / m), signed, hel);
    }
}
