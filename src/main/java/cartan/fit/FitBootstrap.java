package cartan.fit;

import cartan.Require;

import java.util.Arrays;

/**
 * The non-parametric bootstrap distribution of a power-law fit (CSN 2009 §3.4): the whole procedure,
 * x_min included, rerun on resamples drawn with replacement. Its standard deviations are the errors CSN
 * report for α, x_min and n_tail — larger than the asymptotic σ_α, which holds x_min fixed.
 *
 * @param fit       the fit to the original data
 * @param alphas    the refitted exponents, in replicate order
 * @param xMins     the refitted x_min, in replicate order
 * @param tailSizes the refitted tail sizes, in replicate order
 * @param seed      the seed that reproduces them (bit for bit, for any thread count)
 */
public record FitBootstrap(PowerLawFit fit, double[] alphas, double[] xMins, int[] tailSizes, long seed) {

    public FitBootstrap {
        Require.notNull("fit", fit);
        Require.finite("alphas", alphas);
        Require.finite("xMins", xMins);
        Require.notNull("tailSizes", tailSizes);
        if (xMins.length != alphas.length || tailSizes.length != alphas.length) {
            throw new IllegalArgumentException("xMins: alphas, xMins and tailSizes must have the same length");
        }
        Require.atLeast("alphas.length", alphas.length, 2);
        alphas = alphas.clone();
        xMins = xMins.clone();
        tailSizes = tailSizes.clone();
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    @Override
    public double[] xMins() {
        return xMins.clone();
    }

    @Override
    public int[] tailSizes() {
        return tailSizes.clone();
    }

    public int replicates() {
        return alphas.length;
    }

    /** Sample standard deviation of the bootstrap α's: the bootstrap standard error of α. */
    public double alphaError() {
        return sd(alphas);
    }

    /** The bootstrap standard error of x_min. */
    public double xMinError() {
        return sd(xMins);
    }

    /** The bootstrap standard error of the tail size n. */
    public double tailSizeError() {
        return sd(Arrays.stream(tailSizes).asDoubleStream().toArray());
    }

    /** The q-quantile (0 ≤ q ≤ 1) of the bootstrap α's, linear interpolation between order statistics. */
    public double alphaQuantile(double q) {
        Require.inRange("q", q, 0, 1);
        double[] s = alphas.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static double sd(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
