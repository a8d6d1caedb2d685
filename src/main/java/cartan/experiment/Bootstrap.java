package cartan.experiment;

import cartan.Require;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The nonparametric bootstrap standard error of a median (resampling with replacement, seeded). */
public final class Bootstrap {

    private Bootstrap() {
    }

    /** The median (mean of the two middle values for an even count). */
    public static double median(double[] x) {
        Require.finite("x", x);
        if (x.length == 0) {
            throw new IllegalArgumentException("x: must not be empty");
        }
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** Standard deviation of the median over {@code reps} bootstrap resamples. */
    public static double medianStandardError(double[] x, int reps, long seed) {
        Require.finite("x", x);
        Require.atLeast("reps", reps, 2);
        if (x.length == 0) {
            throw new IllegalArgumentException("x: must not be empty");
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] m = new double[reps];
        double[] b = new double[x.length];
        for (int k = 0; k < reps; k++) {
            for (int i = 0; i < b.length; i++) {
                b[i] = x[r.nextInt(x.length)];
            }
            m[k] = median(b);
        }
        double mean = Arrays.stream(m).average().orElseThrow();
        return Math.sqrt(Arrays.stream(m).map(v -> (v - mean) * (v - mean)).sum() / (reps - 1));
    }
}
