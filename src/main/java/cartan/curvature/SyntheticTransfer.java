package cartan.curvature;

import cartan.Require;
import cartan.linalg.RandomMatrices;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The spectral-transfer error e = |αγ − s|/s of {@link CurvatureExponents} on synthetic power laws with
 * log-normal noise (the theory notes' E3.6): σ_k = k^−γ e^{ε z_k}, re-sorted descending as singular values
 * are, and h_k = σ_k^α e^{ε z'_k}, z, z' standard normal, k = 1…K. With ε = 0 both fits are exact and
 * e = 0 by OLS linearity.
 */
public final class SyntheticTransfer {

    private SyntheticTransfer() {
    }

    /**
     * e for {@code reps} independent draws (the random stream from {@code seed}), sorted ascending.
     *
     * @throws IllegalArgumentException if ε &lt; 0, γ or α not positive, K &lt; 3 or reps &lt; 1
     */
    public static double[] relativeErrors(double eps, double gamma, double alpha, int window, int reps, long seed) {
        Require.nonNegative("eps", eps);
        Require.positive("gamma", gamma);
        Require.positive("alpha", alpha);
        Require.atLeast("window", window, 3);
        Require.atLeast("reps", reps, 1);
        SplittableRandom r = new SplittableRandom(seed);
        double[] errs = new double[reps];
        for (int t = 0; t < reps; t++) {
            double[] sg = new double[window];
            double[] h = new double[window];
            for (int k = 0; k < window; k++) {
                sg[k] = Math.pow(k + 1, -gamma) * Math.exp(eps * RandomMatrices.standardNormal(r));
            }
            Arrays.sort(sg);
            for (int i = 0, j = window - 1; i < j; i++, j--) {
                double x = sg[i];
                sg[i] = sg[j];
                sg[j] = x;
            }
            for (int k = 0; k < window; k++) {
                h[k] = Math.pow(sg[k], alpha) * Math.exp(eps * RandomMatrices.standardNormal(r));
            }
            errs[t] = CurvatureExponents.fit(sg, h, window).relativeError();
        }
        Arrays.sort(errs);
        return errs;
    }
}
