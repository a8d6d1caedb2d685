package cartan.lyapunov;

import cartan.Require;
import cartan.linalg.QrIteration;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;

/**
 * The top k Lyapunov exponents λ_1 ≥ … ≥ λ_k of a random product, estimated by the Benettin / QR
 * method ({@link QrIteration}): λ̂_j = (1/L) Σ_ℓ log (R_ℓ)_jj.
 *
 * <p>Standard errors come from the per-step increments x_ℓ = log (R_ℓ)_jj: SE_j = s_j / √L with s_j
 * their sample standard deviation. For orthogonally invariant factors (Ginibre and masked Gaussian)
 * the increments are exactly i.i.d. given a fixed start frame, so this SE is exact; for the ReLU
 * network they form a Markov chain and the SE is an approximation.
 *
 * @param exponents      λ̂_1 ≥ … (in step order; they come out sorted up to Monte Carlo noise)
 * @param standardErrors SE of each λ̂_j
 * @param stepStdDevs    the per-step standard deviation s_j of the increments
 * @param depth          L, the number of factors
 */
public record LyapunovSpectrum(double[] exponents, double[] standardErrors, double[] stepStdDevs, int depth) {

    public LyapunovSpectrum {
        exponents = exponents.clone();
        standardErrors = standardErrors.clone();
        stepStdDevs = stepStdDevs.clone();
    }

    /**
     * Runs L steps of the QR iteration from a random (Haar) k-frame drawn from {@code seed}.
     *
     * @throws IllegalArgumentException if k &lt; 1, k &gt; the ensemble's maximal rank, or depth &lt; 2
     * @throws IllegalStateException    if the frame lost rank (an increment was −∞)
     */
    public static LyapunovSpectrum estimate(ProductEnsemble ensemble, int k, int depth, long seed) {
        Require.notNull("ensemble", ensemble);
        int d = ensemble.dimension();
        Require.atLeast("k", k, 1);
        if (k > d) {
            throw new IllegalArgumentException("k: must be at most d = " + d + ", got " + k);
        }
        if (k > ensemble.maxRank()) {
            throw new IllegalArgumentException("k: exceeds the rank " + ensemble.maxRank()
                    + " of every factor, so λ_k = −∞");
        }
        Require.atLeast("depth", depth, 2);
        DMatrixRMaj haar = RandomMatrices.haarOrthogonal(d, new SplittableRandom(seed));
        DMatrixRMaj q0 = new DMatrixRMaj(d, k);
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < k; c++) {
                q0.set(r, c, haar.get(r, c));
            }
        }
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        double[] mean = new double[k];
        double[] m2 = new double[k];
        try (QrIteration qr = QrIteration.of(q0)) {
            for (int step = 1; step <= depth; step++) {
                ensemble.next(m);
                qr.push(m);
                for (int j = 0; j < k; j++) {
                    double x = qr.logDiagonal(j);
                    if (!Double.isFinite(x)) {
                        throw new IllegalStateException("the frame lost rank at step " + step + " (log R_" + (j + 1)
                                + "," + (j + 1) + " = " + x + "): some factor had rank below " + (j + 1));
                    }
                    double delta = x - mean[j];
                    mean[j] += delta / step;
                    m2[j] += delta * (x - mean[j]);
                }
            }
        }
        double[] se = new double[k];
        double[] sd = new double[k];
        for (int j = 0; j < k; j++) {
            sd[j] = Math.sqrt(m2[j] / (depth - 1));
            se[j] = sd[j] / Math.sqrt(depth);
        }
        return new LyapunovSpectrum(mean, se, sd, depth);
    }

    /** Number of exponents k. */
    public int size() {
        return exponents.length;
    }

    /** λ̂_j for 1-based j. */
    public double exponent(int j) {
        return exponents[j - 1];
    }

    /** SE of λ̂_j for 1-based j. */
    public double standardError(int j) {
        return standardErrors[j - 1];
    }
}
