package cartan.spectrum;

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
        if (spectrum == null) {
            throw new IllegalArgumentException("spectrum: must not be null");
        }
        return fit(spectrum, RankWindow.all(spectrum.size()));
    }

    /**
     * Fit over the given window.
     *
     * @throws IllegalArgumentException if the window is larger than the spectrum or a σ_k in it is
     *                                  numerically zero
     */
    public static ChartFit fit(Spectrum spectrum, RankWindow window) {
        if (spectrum == null) {
            throw new IllegalArgumentException("spectrum: must not be null");
        }
        if (window == null) {
            throw new IllegalArgumentException("window: must not be null");
        }
        window.within(spectrum.size());
        double[] y = spectrum.cartanCoordinate(window.first(), window.last());
        int m = y.length;
        double[] x = new double[m];
        double xbar = 0;
        double ybar = 0;
        for (int i = 0; i < m; i++) {
            x[i] = Math.log(window.first() + i);
            xbar += x[i];
            ybar += y[i];
        }
        xbar /= m;
        ybar /= m;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < m; i++) {
            double dx = x[i] - xbar;
            double dy = y[i] - ybar;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double slope = sxy / sxx;
        double intercept = ybar - slope * xbar;
        double ssr = 0;
        for (int i = 0; i < m; i++) {
            double e = y[i] - (intercept + slope * x[i]);
            ssr += e * e;
        }
        double se = Math.sqrt(ssr / (m - 2) / sxx);
        double r2 = syy > 0 ? 1 - ssr / syy : 1.0;
        double beta = -slope;
        int n = spectrum.size();
        double signed = spectrum.topRadial() - TopRadialChart.radial(n, beta);
        double hel = spectrum.hellingerToOrbit(Math.max(beta, 0));
        return new ChartFit(window, beta, se, intercept, r2, Math.sqrt(ssr / m), signed, hel);
    }
}
