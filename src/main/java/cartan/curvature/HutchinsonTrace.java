package cartan.curvature;

import cartan.Require;

import java.util.SplittableRandom;

/**
 * Hutchinson's trace estimator: for Rademacher z (entries ±1 with probability ½), E[zᵀMz] = tr M.
 * The estimate is the mean of {@code samples} independent draws; the standard error is the sample
 * standard deviation over √samples, and the interval mean ± z·SE (z = 1.96 for a nominal 95%
 * normal-approximation interval; draws are i.i.d. so the CLT applies as samples grows).
 *
 * @param estimate      mean of zᵀMz
 * @param standardError sample SD / √samples
 * @param samples       number of probe vectors
 */
public record HutchinsonTrace(double estimate, double standardError, int samples) {

    /** Estimate tr M with {@code samples} seeded Rademacher probes. */
    public static HutchinsonTrace estimate(LinearOperator op, int samples, long seed) {
        Require.notNull("op", op);
        Require.atLeast("samples", samples, 2);
        SplittableRandom r = new SplittableRandom(seed);
        double[] draws = new double[samples];
        for (int s = 0; s < samples; s++) {
            double[] z = rademacher(op.dim(), r);
            double[] mz = op.apply(z);
            Require.finite("op.apply(z)", mz);
            draws[s] = Lanczos.dot(z, mz);
        }
        double mean = 0;
        for (double d : draws) {
            mean += d;
        }
        mean /= samples;
        double var = 0;
        for (double d : draws) {
            var += (d - mean) * (d - mean);
        }
        var /= samples - 1;
        return new HutchinsonTrace(mean, Math.sqrt(var / samples), samples);
    }

    static double[] rademacher(int n, SplittableRandom r) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = r.nextBoolean() ? 1 : -1;
        }
        return z;
    }

    public double lower(double z) {
        Require.nonNegative("z", z);
        return estimate - z * standardError;
    }

    public double upper(double z) {
        Require.nonNegative("z", z);
        return estimate + z * standardError;
    }
}
