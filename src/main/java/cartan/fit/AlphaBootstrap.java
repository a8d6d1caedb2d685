package cartan.fit;

import java.util.Arrays;

/**
 * The non-parametric bootstrap distribution of the fitted α (whole procedure, x_min included,
 * rerun on resamples drawn with replacement), CSN §3.4.
 *
 * @param fit    the fit to the original data
 * @param alphas the refitted exponents, in replicate order
 * @param seed   the seed that reproduces them
 */
public record AlphaBootstrap(PowerLawFit fit, double[] alphas, long seed) {

    public AlphaBootstrap {
        alphas = alphas.clone();
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    /** Sample standard deviation of the bootstrap α's: the bootstrap standard error. */
    public double standardError() {
        double m = Arrays.stream(alphas).average().orElse(Double.NaN);
        double s = 0;
        for (double a : alphas) {
            s += (a - m) * (a - m);
        }
        return Math.sqrt(s / (alphas.length - 1));
    }

    /** The q-quantile (0 ≤ q ≤ 1) of the bootstrap α's, linear interpolation between order statistics. */
    public double quantile(double q) {
        cartan.Require.inRange("q", q, 0, 1);
        double[] s = alphas.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
