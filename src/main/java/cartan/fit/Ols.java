package cartan.fit;

import cartan.Require;

/**
 * Ordinary least squares line y ≈ intercept + slope·x, with the slope's standard error
 * SE = sqrt(Σr²/(n−2) / Σ(x−x̄)²) and R² = 1 − Σr²/Σ(y−ȳ)².
 *
 * <p>The slope Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² is linear in y, so slopes of sums add exactly; the curvature
 * decomposition uses this (α̂ = β̂ + φ̂); the Cartan chart of {@code cartan.spectrum} is the same fit of
 * μ̃_k on log k.
 */
public record Ols(double slope, double intercept, double slopeStdError, double rSquared, int n,
                  double residualSumOfSquares) {

    /**
     * Fit y on x.
     *
     * @throws IllegalArgumentException if the arrays differ in length, have fewer than 3 points,
     *                                  are not finite, or x is constant
     */
    public static Ols fit(double[] x, double[] y) {
        Require.finite("x", x);
        Require.finite("y", y);
        if (x.length != y.length) {
            throw new IllegalArgumentException("y: must have the length of x (" + x.length + "), got " + y.length);
        }
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("x: need at least 3 points for a slope with a standard error, got " + n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("x: is constant, the slope is undefined");
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - intercept - slope * x[i];
            rss += r * r;
        }
        double se = Math.sqrt(rss / (n - 2) / sxx);
        double r2 = syy > 0 ? 1 - rss / syy : 1;
        return new Ols(slope, intercept, se, r2, n, rss);
    }

    /** Natural logarithms of positive values ({@code name} is the argument named in errors). */
    public static double[] log(String name, double[] v) {
        Require.positive(name, v);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log(v[i]);
        }
        return out;
    }
}
