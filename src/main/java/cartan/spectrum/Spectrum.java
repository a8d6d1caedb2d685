package cartan.spectrum;

import cartan.Require;
import cartan.linalg.SingularValues;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * The singular spectrum σ_1 ≥ … ≥ σ_n ≥ 0 (n = min(rows, cols)) of a matrix, with its Frobenius
 * normalisation to trace n.
 *
 * <ul>
 *   <li>energy weights p_k = σ_k² / Σ_j σ_j² (a probability vector on ranks k = 1..n);</li>
 *   <li>normalised eigenvalues λ̃_k = n·p_k of ÃᵀÃ, where Ã = √n·A/‖A‖_F has tr ÃᵀÃ = n;</li>
 *   <li>normalised Cartan coordinate μ̃_k = log σ_k − ½ log(‖A‖_F²/n) = ½ log λ̃_k;</li>
 *   <li>top-radial coordinate r = μ̃_1 = ½ log(n·p_1) ∈ [0, ½ log n];</li>
 *   <li>effective ranks: energy quantile r_τ = min{k : Σ_{j≤k} p_j ≥ τ}, stable rank 1/p_1,
 *   participation ratio 1/Σ p_k², entropy rank exp(−Σ p_k log p_k).</li>
 * </ul>
 *
 * <p>A spectrum may contain zero singular values (the effective ranks are defined), but every
 * quantity that takes log σ_k refuses a spectrum whose σ_k is (numerically) zero. For a spectrum
 * computed from a matrix, "numerically zero" means σ_k ≤ max(rows, cols)·ε·σ_1 (the usual numerical-rank
 * tolerance, as in LAPACK/numpy); for given values it means σ_k = 0.
 */
public final class Spectrum {

    private static final double EPS = Math.ulp(1.0);

    private final double[] sigma;
    private final int rows;
    private final int cols;
    private final double zeroTolerance;
    private final double frobeniusSquared;
    private final double[] p;

    private Spectrum(double[] sigma, int rows, int cols, double zeroTolerance) {
        this.sigma = sigma;
        this.rows = rows;
        this.cols = cols;
        this.zeroTolerance = zeroTolerance;
        // scale by σ_1 before squaring so tiny or huge spectra neither underflow nor overflow
        double s1 = sigma[0];
        double sum = 0;
        for (double s : sigma) {
            double t = s / s1;
            sum += t * t;
        }
        this.frobeniusSquared = s1 * s1 * sum;
        this.p = new double[sigma.length];
        for (int k = 0; k < sigma.length; k++) {
            double t = sigma[k] / s1;
            p[k] = t * t / sum;
        }
    }

    /**
     * The spectrum of a matrix.
     *
     * @throws IllegalArgumentException if the matrix is null, empty, has NaN/inf entries, or is zero
     */
    public static Spectrum of(DMatrixRMaj matrix) {
        Require.finite("matrix", matrix);
        double[] s = SingularValues.of(matrix);
        if (!(s[0] > 0)) {
            throw new IllegalArgumentException("matrix: is zero, so the Frobenius normalisation divides by ‖A‖_F = 0");
        }
        double tol = Math.max(matrix.numRows, matrix.numCols) * EPS * s[0];
        return new Spectrum(s, matrix.numRows, matrix.numCols, tol);
    }

    /**
     * The spectrum with the given singular values (any order; they are sorted descending). The
     * shape is taken to be n × n.
     *
     * @throws IllegalArgumentException if a value is NaN, infinite or negative, or all are zero
     */
    public static Spectrum ofSingularValues(double... values) {
        Require.finite("values", values);
        double[] s = values.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) {
                throw new IllegalArgumentException("values: entry " + i + " is " + s[i]
                        + ", singular values must be non-negative");
            }
        }
        Arrays.sort(s);
        reverse(s);
        if (!(s[0] > 0)) {
            throw new IllegalArgumentException("values: are all zero, so the Frobenius normalisation divides by 0");
        }
        return new Spectrum(s, s.length, s.length, 0);
    }

    /**
     * The exact power-law spectrum σ_k = k^{−β}, k = 1..n: the point β of the trace-normalised
     * Cartan orbit (energy weights p_k = k^{−2β}/H_n(2β)).
     */
    public static Spectrum powerLaw(int n, double beta) {
        Require.atLeast("n", n, 1);
        Require.nonNegative("beta", beta);
        double[] s = new double[n];
        for (int k = 1; k <= n; k++) {
            s[k - 1] = Math.exp(-beta * Math.log(k));
        }
        return new Spectrum(s, n, n, 0);
    }

    /** n = min(rows, cols), the number of singular values. */
    public int size() {
        return sigma.length;
    }

    /** Rows of the source matrix (n for a spectrum given by values). */
    public int rows() {
        return rows;
    }

    /** Columns of the source matrix (n for a spectrum given by values). */
    public int cols() {
        return cols;
    }

    /** σ_1 ≥ … ≥ σ_n (a copy). */
    public double[] singularValues() {
        return sigma.clone();
    }

    /** σ_k for 1-based rank k. */
    public double singularValue(int k) {
        checkRank(k);
        return sigma[k - 1];
    }

    /** ‖A‖_F² = Σ σ_k². */
    public double frobeniusSquared() {
        return frobeniusSquared;
    }

    /** Below this a singular value counts as zero (0 for given values). */
    public double zeroTolerance() {
        return zeroTolerance;
    }

    /** Number of singular values above {@link #zeroTolerance()}. */
    public int numericalRank() {
        int r = 0;
        for (double s : sigma) {
            if (s > zeroTolerance) {
                r++;
            }
        }
        return r;
    }

    /** p_k = σ_k²/Σσ_j² (a copy; sums to 1). */
    public double[] weights() {
        return p.clone();
    }

    /** λ̃_k = n·p_k, the eigenvalues of ÃᵀÃ for the trace-n normalisation Ã = √n·A/‖A‖_F. */
    public double[] normalisedEigenvalues() {
        double[] l = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            l[k] = p.length * p[k];
        }
        return l;
    }

    /**
     * μ̃_k = log σ_k − ½ log(‖A‖_F²/n), k = 1..n.
     *
     * @throws IllegalArgumentException if some σ_k is numerically zero (rank-deficient matrix)
     */
    public double[] cartanCoordinate() {
        return cartanCoordinate(1, sigma.length);
    }

    /** μ̃_k for k = first..last (1-based, inclusive). */
    double[] cartanCoordinate(int first, int last) {
        double shift = 0.5 * Math.log(frobeniusSquared / sigma.length);
        double[] mu = new double[last - first + 1];
        for (int k = first; k <= last; k++) {
            requireNonZero(k);
            mu[k - first] = Math.log(sigma[k - 1]) - shift;
        }
        return mu;
    }

    void requireNonZero(int k) {
        if (!(sigma[k - 1] > zeroTolerance)) {
            throw new IllegalArgumentException("matrix: is rank-deficient, σ_" + k + " = " + sigma[k - 1]
                    + " is numerically zero (tolerance " + zeroTolerance + "), so log σ_" + k + " is undefined");
        }
    }

    /** r = μ̃_1 = ½ log(n·p_1) = ½ log(n / stable rank) ∈ [0, ½ log n]. */
    public double topRadial() {
        // ½ log(n p_1) = ½[log n − log1p(Σ_{k≥2} (σ_k/σ_1)²)], accurate also when p_1 is close to 1
        double rest = 0;
        for (int k = 1; k < sigma.length; k++) {
            double t = sigma[k] / sigma[0];
            rest += t * t;
        }
        return 0.5 * (Math.log(sigma.length) - Math.log1p(rest));
    }

    /** Stable rank ‖A‖_F²/‖A‖_2² = 1/p_1. */
    public double stableRank() {
        return 1 / p[0];
    }

    /** Participation ratio (Σ p_k)²/Σ p_k² = 1/Σ p_k². */
    public double participationRatio() {
        double s = 0;
        for (double v : p) {
            s += v * v;
        }
        return 1 / s;
    }

    /** Entropy rank exp(−Σ p_k log p_k), with 0 log 0 = 0. */
    public double entropyRank() {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return Math.exp(h);
    }

    /**
     * Energy-quantile rank r_τ = min{k : Σ_{j≤k} p_j ≥ τ}.
     *
     * @throws IllegalArgumentException if τ is not in (0, 1]
     */
    public int energyQuantileRank(double tau) {
        Require.finite("tau", tau);
        if (!(tau > 0 && tau <= 1)) {
            throw new IllegalArgumentException("tau: must lie in (0, 1], got " + tau);
        }
        // accumulate σ_k² in the same order as the total so that τ = 1 gives exactly the last positive rank
        double s1 = sigma[0];
        double[] c = new double[sigma.length];
        double acc = 0;
        for (int k = 0; k < sigma.length; k++) {
            double t = sigma[k] / s1;
            acc += t * t;
            c[k] = acc;
        }
        double target = tau * acc;
        for (int k = 0; k < c.length; k++) {
            if (c[k] >= target) {
                return k + 1;
            }
        }
        return c.length;
    }

    /**
     * Squared Hellinger distance Hel² = Σ_k (√p_k − √q_k)² to the orbit point q = p_{2β}
     * (q_k ∝ k^{−2β}). With this convention (no factor ½) the Bures–Wasserstein distance between the
     * trace-n normalised spectra is n·Hel².
     */
    public double hellingerSquaredToOrbit(double beta) {
        Require.nonNegative("beta", beta);
        int n = sigma.length;
        double[] q = new double[n];
        double z = 0;
        for (int k = 1; k <= n; k++) {
            q[k - 1] = Math.exp(-2 * beta * Math.log(k));
            z += q[k - 1];
        }
        double h = 0;
        for (int k = 0; k < n; k++) {
            double d = Math.sqrt(p[k]) - Math.sqrt(q[k] / z);
            h += d * d;
        }
        return h;
    }

    /** Hellinger distance √(Hel²) to the orbit point β; see {@link #hellingerSquaredToOrbit}. */
    public double hellingerToOrbit(double beta) {
        return Math.sqrt(hellingerSquaredToOrbit(beta));
    }

    private void checkRank(int k) {
        if (k < 1 || k > sigma.length) {
            throw new IllegalArgumentException("k: must lie in [1, " + sigma.length + "], got " + k);
        }
    }

    private static void reverse(double[] s) {
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
    }

    @Override
    public String toString() {
        return "Spectrum[n=" + sigma.length + ", " + rows + "x" + cols + ", σ_1=" + sigma[0] + ", r=" + topRadial()
                + ", stable rank=" + stableRank() + "]";
    }
}
