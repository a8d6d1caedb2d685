package cartan.spectrum;

import cartan.Require;
import cartan.linalg.RandomMatrices;

import java.util.SplittableRandom;

/**
 * Top-radial coordinates of noisy power laws (notebook 02, E1.4e): spectra σ_k = k^{−b} e^{η z_k}, k = 1..d,
 * with b uniform in [0, maxBeta] and z_k standard normal (drawn in that order per spectrum), and their
 * r = ½ log(d p_1) ({@link Spectrum#topRadial}).
 */
public final class NoisyPowerLaws {

    private NoisyPowerLaws() {
    }

    /** The top-radial coordinates of {@code count} such spectra of width d. */
    public static double[] topRadials(int d, int count, double maxBeta, double eta, SplittableRandom rnd) {
        Require.atLeast("d", d, 1);
        Require.atLeast("count", count, 1);
        Require.nonNegative("maxBeta", maxBeta);
        Require.nonNegative("eta", eta);
        Require.notNull("rnd", rnd);
        double[] r = new double[count];
        for (int i = 0; i < count; i++) {
            double b = maxBeta * rnd.nextDouble();
            double[] v = new double[d];
            for (int k = 1; k <= d; k++) {
                v[k - 1] = Math.pow(k, -b) * Math.exp(eta * RandomMatrices.standardNormal(rnd));
            }
            r[i] = Spectrum.ofSingularValues(v).topRadial();
        }
        return r;
    }
}
