package cartan.curvature;

import cartan.fit.Ols;

import cartan.Require;

import java.util.Arrays;

/**
 * The three exponents of the spectral-asymptotics paper (arXiv 2606.02596, §3.1 conventions), from
 * the top-k gradient singular values σ_1 ≥ … ≥ σ_k and the directional curvatures h_k along u_k v_kᵀ
 * (same order):
 * <ul>
 *   <li>α: OLS slope of log h_k on log σ_k, over the k with h_k &gt; 0 only;</li>
 *   <li>γ: minus the OLS slope of log σ_k on log k (k = 1…K);</li>
 *   <li>s: minus the OLS slope of log h_(j) on log j, where h_(1) ≥ h_(2) ≥ … is h sorted in
 *       decreasing order (positive values only, which are the leading ones).</li>
 * </ul>
 * Spectral transfer (Proposition 6) predicts s = αγ; {@link #relativeError()} is |αγ − s|/s.
 *
 * @param alphaFit the fit of log h on log σ
 * @param gammaFit the fit of log σ_k on log k (γ = −slope)
 * @param sFit     the fit of log h_(j) on log j (s = −slope)
 */
public record CurvatureExponents(Ols alphaFit, Ols gammaFit, Ols sFit) {

    /** The paper's window: the top 20 singular directions. */
    public static final int DEFAULT_WINDOW = 20;

    public double alpha() {
        return alphaFit.slope();
    }

    public double gamma() {
        return -gammaFit.slope();
    }

    public double s() {
        return -sFit.slope();
    }

    /** |αγ − s| / |s|. */
    public double relativeError() {
        return Math.abs(alpha() * gamma() - s()) / Math.abs(s());
    }

    /**
     * Fit all three exponents on the first {@code window} entries.
     *
     * @param sigma  singular values, descending, positive
     * @param h      directional curvatures in the same order (any sign; only positive ones are used)
     * @param window number of leading directions (the paper uses 20); clipped to the array length
     */
    public static CurvatureExponents fit(double[] sigma, double[] h, int window) {
        Require.positive("sigma", sigma);
        Require.finite("h", h);
        if (h.length != sigma.length) {
            throw new IllegalArgumentException("h: must have the length of sigma (" + sigma.length + "), got " + h.length);
        }
        Require.atLeast("window", window, 3);
        for (int i = 1; i < sigma.length; i++) {
            if (sigma[i] > sigma[i - 1]) {
                throw new IllegalArgumentException("sigma: must be sorted descending, but entry " + i + " = " + sigma[i]
                        + " exceeds entry " + (i - 1) + " = " + sigma[i - 1]);
            }
        }
        int k = Math.min(window, sigma.length);
        double[] s = Arrays.copyOf(sigma, k);
        double[] hk = Arrays.copyOf(h, k);
        return new CurvatureExponents(alphaFit(s, hk), gammaFit(s), sFit(hk));
    }

    /** OLS of log h on log σ over the entries with h &gt; 0. */
    public static Ols alphaFit(double[] sigma, double[] h) {
        Require.positive("sigma", sigma);
        Require.finite("h", h);
        if (h.length != sigma.length) {
            throw new IllegalArgumentException("h: must have the length of sigma (" + sigma.length + "), got " + h.length);
        }
        int n = 0;
        for (double v : h) {
            n += v > 0 ? 1 : 0;
        }
        if (n < 3) {
            throw new IllegalArgumentException("h: need at least 3 positive curvatures for α, got " + n);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int j = 0;
        for (int i = 0; i < h.length; i++) {
            if (h[i] > 0) {
                x[j] = Math.log(sigma[i]);
                y[j] = Math.log(h[i]);
                j++;
            }
        }
        return Ols.fit(x, y);
    }

    /** OLS of log σ_k on log k, k = 1…K (γ is minus its slope). */
    public static Ols gammaFit(double[] sigma) {
        Require.positive("sigma", sigma);
        double[] x = new double[sigma.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.log(i + 1);
        }
        return Ols.fit(x, Ols.log("sigma", sigma));
    }

    /** OLS of log h_(j) on log j for h sorted descending, positive values only (s is minus its slope). */
    public static Ols sFit(double[] h) {
        Require.finite("h", h);
        double[] sorted = h.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (double v : sorted) {
            n += v > 0 ? 1 : 0;
        }
        if (n < 3) {
            throw new IllegalArgumentException("h: need at least 3 positive curvatures for s, got " + n);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = Math.log(j + 1);
            y[j] = Math.log(sorted[sorted.length - 1 - j]);
        }
        return Ols.fit(x, y);
    }
}
