package cartan.curvature;

import cartan.Require;
import cartan.fit.Ols;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far the spectral-transfer relation s = αγ misses on a window, and how much of the miss the
 * linearity of the two log–log fits already decides (arXiv 2606.02596, Proposition 6; the three fits
 * are those of {@link CurvatureExponents}).
 *
 * <p>With x_k = log k, y_k = log σ_k and z_k = log h_k on the window (every h_k &gt; 0), write the two
 * OLS fits as z = a + α y + e (e ⟂ 1, y) and y = b − γ x + r (r ⟂ 1, x). Let s_rank = −slope of z on x
 * in the σ order (h not re-sorted). Then, exactly (OLS is linear in its response):
 * <pre>
 *   αγ − s_rank = cov(e, r) / (γ var x),   so   |αγ − s_rank| / s = |ρ(e, r)| · A,
 *   A = sd(e) sd(r) / (γ s var x) = sqrt( (1 − R²_α)(1 − R²_γ) / (R²_γ R²_s) )
 * </pre>
 * (population moments; the last form holds because var z is the same in the σ order and sorted, and
 * var y = γ² var x / R²_γ, var z = s² var x / R²_s). The paper's s sorts h first; the rest of its error
 * is the sorting shift s − s_rank, which is zero when h already decreases along k. So the relative error
 * is at most the <em>linearity bound</em> A plus the sorting shift, and within it is set by the
 * correlation of the two fits' residuals: a small error says the fits are nearly linear (A small) or their
 * residuals happen to be uncorrelated, not that α and γ carry independent information about s.
 *
 * <p>Two null models give the error that linearity alone produces ({@link #nullMedians}):
 * {@link Null#RESIDUAL_PERMUTATION} keeps the fitted line log h = a + α log σ and permutes its residuals
 * among the directions (same R²_α, residuals no longer tied to the rank residuals);
 * {@link Null#SHUFFLED_H} permutes h against σ altogether (no σ–h link: α ≈ 0, s unchanged).
 *
 * @param alpha               α, slope of log h on log σ
 * @param gamma               γ, minus the slope of log σ on log k
 * @param s                   s, minus the slope of log h_(j) on log j, h sorted decreasing
 * @param sRankOrder          minus the slope of log h_k on log k in the σ order
 * @param residualCorrelation ρ(e, r), the correlation of the α-fit and γ-fit residuals
 * @param linearityBound      A = sqrt((1 − R²_α)(1 − R²_γ)/(R²_γ R²_s))
 * @param relativeError       |αγ − s| / s
 */
public record TransferError(double alpha, double gamma, double s, double sRankOrder, double residualCorrelation,
                            double linearityBound, double relativeError) {

    /** Null models for the transfer error. */
    public enum Null {
        /** log h = a + α log σ + (α-fit residuals permuted among the directions). */
        RESIDUAL_PERMUTATION,
        /** h permuted against σ. */
        SHUFFLED_H
    }

    /** |αγ − s_rank| / s = |ρ| · A: the part of the error the fits' linearity and residual correlation give. */
    public double rankOrderError() {
        return Math.abs(alpha * gamma - sRankOrder) / Math.abs(s);
    }

    /** s − s_rank: what sorting h (the paper's convention for s) adds. */
    public double sortingShift() {
        return s - sRankOrder;
    }

    /**
     * The decomposition on the first {@code window} directions.
     *
     * @param sigma  singular values, descending, positive
     * @param h      directional curvatures, same order; every one in the window must be positive
     * @param window number of leading directions, clipped to the array length (at least 3)
     */
    public static TransferError of(double[] sigma, double[] h, int window) {
        CurvatureExponents e = CurvatureExponents.fit(sigma, h, window);
        int k = Math.min(window, sigma.length);
        double[] x = new double[k];
        double[] y = new double[k];
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            if (!(h[i] > 0)) {
                throw new IllegalArgumentException("h: the decomposition needs every h_k > 0 on the window, but h_"
                        + (i + 1) + " = " + h[i]);
            }
            x[i] = Math.log(i + 1);
            y[i] = Math.log(sigma[i]);
            z[i] = Math.log(h[i]);
        }
        Ols zx = Ols.fit(x, z);
        double[] res = residuals(e.alphaFit(), y, z);
        double[] rg = residuals(e.gammaFit(), x, y);
        double rho = correlation(res, rg);
        double a = linearityBound(e.alphaFit().rSquared(), e.gammaFit().rSquared(), e.sFit().rSquared());
        return new TransferError(e.alpha(), e.gamma(), e.s(), -zx.slope(), rho, a, e.relativeError());
    }

    /**
     * A = sqrt((1 − R²_α)(1 − R²_γ)/(R²_γ R²_s)), the largest |αγ − s_rank|/s that fits of this quality
     * allow (reached when the residuals are perfectly correlated).
     *
     * @throws IllegalArgumentException unless every R² lies in (0, 1]
     */
    public static double linearityBound(double r2Alpha, double r2Gamma, double r2S) {
        Require.inRange("r2Alpha", r2Alpha, 0, 1);
        Require.inRange("r2Gamma", r2Gamma, Double.MIN_VALUE, 1);
        Require.inRange("r2S", r2S, Double.MIN_VALUE, 1);
        return Math.sqrt((1 - r2Alpha) * (1 - r2Gamma) / (r2Gamma * r2S));
    }

    /**
     * The median over layers of |αγ − s|/s under a null model, for each of {@code draws} independent
     * draws (one permutation per layer per draw, seeded). Layers may have non-positive h_k: the α fit
     * uses the positive ones, as {@link CurvatureExponents} does, and the residual permutation runs over them.
     *
     * @param sigmas per layer, σ descending and positive
     * @param hs     per layer, h in the same order
     * @param window leading directions used (clipped to each layer's length)
     * @return the medians, one per draw
     */
    public static double[] nullMedians(List<double[]> sigmas, List<double[]> hs, int window, Null kind, int draws,
                                       long seed) {
        Require.notNull("sigmas", sigmas);
        Require.notNull("hs", hs);
        Require.notNull("kind", kind);
        if (sigmas.size() != hs.size() || sigmas.isEmpty()) {
            throw new IllegalArgumentException("hs: need one h per sigma and at least one layer, got "
                    + sigmas.size() + " sigma arrays and " + hs.size() + " h arrays");
        }
        Require.atLeast("draws", draws, 1);
        int n = sigmas.size();
        double[][] s = new double[n][];
        double[][] h = new double[n][];
        double[][] line = new double[n][];
        double[][] res = new double[n][];
        int[][] pos = new int[n][];
        for (int l = 0; l < n; l++) {
            Require.notNull("sigmas", sigmas.get(l));
            Require.notNull("hs", hs.get(l));
            CurvatureExponents e = CurvatureExponents.fit(sigmas.get(l), hs.get(l), window);
            int k = Math.min(window, sigmas.get(l).length);
            s[l] = Arrays.copyOf(sigmas.get(l), k);
            h[l] = Arrays.copyOf(hs.get(l), k);
            double[] hl = h[l];
            pos[l] = java.util.stream.IntStream.range(0, k).filter(i -> hl[i] > 0).toArray();
            line[l] = new double[pos[l].length];
            res[l] = new double[pos[l].length];
            for (int j = 0; j < pos[l].length; j++) {
                double y = Math.log(s[l][pos[l][j]]);
                line[l][j] = e.alphaFit().intercept() + e.alphaFit().slope() * y;
                res[l][j] = Math.log(h[l][pos[l][j]]) - line[l][j];
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] medians = new double[draws];
        double[] errors = new double[n];
        for (int d = 0; d < draws; d++) {
            for (int l = 0; l < n; l++) {
                double[] hp;
                if (kind == Null.SHUFFLED_H) {
                    hp = h[l].clone();
                    shuffle(hp, rng);
                } else {
                    double[] r = res[l].clone();
                    shuffle(r, rng);
                    hp = h[l].clone();
                    for (int j = 0; j < r.length; j++) {
                        hp[pos[l][j]] = Math.exp(line[l][j] + r[j]);
                    }
                }
                errors[l] = CurvatureExponents.fit(s[l], hp, window).relativeError();
            }
            medians[d] = median(errors);
        }
        return medians;
    }

    /** The median (mean of the two middle values for an even count). */
    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : 0.5 * (c[m - 1] + c[m]);
    }

    private static void shuffle(double[] v, SplittableRandom rng) {
        for (int i = v.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
    }

    private static double[] residuals(Ols fit, double[] x, double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = y[i] - fit.intercept() - fit.slope() * x[i];
        }
        return r;
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }
}
