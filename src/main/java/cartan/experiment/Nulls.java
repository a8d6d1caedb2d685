package cartan.experiment;

import cartan.Require;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Permutation nulls for the zoo's per-layer statistics: what a rival "no relation" statement predicts,
 * as a mean and a standard deviation over seeded random relabellings.
 */
public final class Nulls {

    private Nulls() {
    }

    /** Mean and standard deviation of a statistic over draws. */
    public record Spread(double mean, double sd) {
    }

    private static Spread spread(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
        return new Spread(mean, Math.sqrt(var));
    }

    private static void shuffle(double[] x, SplittableRandom r) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /**
     * median(a) − median(b) when the labels a/b are shuffled over the pooled values (rival: "one value
     * for both groups").
     */
    public static Spread medianDifference(double[] a, double[] b, int reps, long seed) {
        Require.finite("a", a);
        Require.finite("b", b);
        Require.atLeast("reps", reps, 2);
        double[] pool = new double[a.length + b.length];
        System.arraycopy(a, 0, pool, 0, a.length);
        System.arraycopy(b, 0, pool, a.length, b.length);
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[reps];
        for (int k = 0; k < reps; k++) {
            shuffle(pool, r);
            d[k] = Bootstrap.median(Arrays.copyOfRange(pool, 0, a.length))
                    - Bootstrap.median(Arrays.copyOfRange(pool, a.length, pool.length));
        }
        return spread(d);
    }

    /**
     * The median of |p_i − m_π(i)|/m_π(i) and the fraction of those ≤ {@code within} when the measured
     * values are paired with the predictions of random other layers (rival: "the measurement is unrelated
     * to the prediction"): element 0 is the median's spread, element 1 the fraction's.
     */
    public static Spread[] shuffledRelativeError(double[] predicted, double[] measured, double within, int reps, long seed) {
        Require.finite("predicted", predicted);
        Require.finite("measured", measured);
        if (predicted.length != measured.length) {
            throw new IllegalArgumentException("measured: must have the length of predicted (" + predicted.length + ")");
        }
        Require.atLeast("reps", reps, 2);
        SplittableRandom r = new SplittableRandom(seed);
        double[] m = measured.clone();
        double[] med = new double[reps];
        double[] frac = new double[reps];
        double[] e = new double[m.length];
        for (int k = 0; k < reps; k++) {
            shuffle(m, r);
            int in = 0;
            for (int i = 0; i < m.length; i++) {
                e[i] = Math.abs(predicted[i] - m[i]) / Math.abs(m[i]);
                in += e[i] <= within ? 1 : 0;
            }
            med[k] = Bootstrap.median(e);
            frac[k] = in / (double) m.length;
        }
        return new Spread[]{spread(med), spread(frac)};
    }
}
