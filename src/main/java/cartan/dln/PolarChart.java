package cartan.dln;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import cartan.linalg.SymmetricMatrixFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The polar chart of the balanced manifold: for W_1 ∈ GL_d and R_1, …, R_{N−1} ∈ O(d),
 * <pre>
 *   W_{p+1} = R_p (W_pW_pᵀ)^{1/2},  p = 1..N−1,
 * </pre>
 * is balanced (W_{p+1}ᵀW_{p+1} = W_pW_pᵀ), and every balanced W with invertible layers arises exactly once
 * (W_{p+1} = R_p·(W_{p+1}ᵀW_{p+1})^{1/2} is its polar decomposition). So M ≅ GL_d × O(d)^{N−1}, reached
 * without the SVD of X, the fibres, A_{N,X} or the entropy formula: an independent route to volumes on M.
 *
 * <p><b>Width two.</b> O(2) is two circles, R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]] and
 * [[cos θ, sin θ], [sin θ, −cos θ]], θ ∈ [0, 2π). In the coordinates (the four entries of W_1, θ_1, …,
 * θ_{N−1}) the Frobenius volume element of M is √det(DᵀD), D the 4N × (N+3) Jacobian of the chart
 * ({@link #volumeElement}, central differences; (W W ᵀ)^{1/2} of a 2 × 2 matrix in closed form,
 * (M + √det M·I)/√(tr M + 2√det M)). {@link #integrate} estimates ∫_M F(φ(W)) dvol_M(W) by Monte Carlo:
 * W_1 with i.i.d. N(0, τ²) entries, each θ_p uniform on [0, 2π) and each circle with probability ½; the
 * estimate is the sample mean of F·√det(DᵀD)/q, with its standard error.
 */
public final class PolarChart {

    /** A Monte Carlo estimate with its standard error (sample standard deviation / √n). */
    public record Estimate(double mean, double standardError, int samples) {
    }

    private static final double STEP = 1e-5;

    private PolarChart() {
    }

    /** The balanced network W_1, W_{p+1} = R_p (W_pW_pᵀ)^{1/2}, for any width; R_p orthogonal. */
    public static DeepLinearNetwork network(DMatrixRMaj w1, List<DMatrixRMaj> rotations) {
        Require.square("W1", w1);
        Require.finite("W1", w1);
        Require.notNull("rotations", rotations);
        if (rotations.isEmpty()) {
            throw new IllegalArgumentException("rotations: must hold N − 1 ≥ 1 matrices (at N = 1 the chart is W_1 itself)");
        }
        int d = w1.numRows;
        DMatrixRMaj[] w = new DMatrixRMaj[rotations.size() + 1];
        w[0] = w1.copy();
        DMatrixRMaj wwt = new DMatrixRMaj(d, d);
        for (int p = 0; p < rotations.size(); p++) {
            DMatrixRMaj r = rotations.get(p);
            Require.square("rotations[" + p + "]", r);
            if (r.numRows != d) {
                throw new IllegalArgumentException("rotations[" + p + "]: must be " + d + "x" + d);
            }
            DMatrixRMaj rtr = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(r, r, rtr);
            if (!org.ejml.dense.row.MatrixFeatures_DDRM.isIdentity(rtr, 1e-10)) {
                throw new IllegalArgumentException("rotations[" + p + "]: must be orthogonal");
            }
            CommonOps_DDRM.multTransB(w[p], w[p], wwt);
            w[p + 1] = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(r, SymmetricMatrixFunction.sqrt(wwt), w[p + 1]);
        }
        return DeepLinearNetwork.of(w);
    }

    /** The 2 × 2 element of O(2) at angle θ on the rotation circle, or on the reflection circle. */
    public static DMatrixRMaj orthogonal2(double theta, boolean reflection) {
        Require.finite("theta", theta);
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        return reflection ? new DMatrixRMaj(new double[][]{{c, s}, {s, -c}})
                : new DMatrixRMaj(new double[][]{{c, -s}, {s, c}});
    }

    /**
     * The Frobenius volume element √det(DᵀD) of the width-2 chart at (W_1, θ, circles), D the Jacobian
     * with respect to the entries of W_1 and the angles θ_1, …, θ_{N−1} (central differences, step 1e-5
     * relative to the entries' scale).
     */
    public static double volumeElement(DMatrixRMaj w1, double[] angles, boolean[] reflections) {
        Require.finite("W1", w1);
        if (w1.numRows != 2 || w1.numCols != 2) {
            throw new IllegalArgumentException("W1: the volume element is implemented for width 2, got "
                    + w1.numRows + "x" + w1.numCols);
        }
        Require.finite("angles", angles);
        Require.notNull("reflections", reflections);
        if (reflections.length != angles.length) {
            throw new IllegalArgumentException("reflections: must have one entry per angle (" + angles.length + ")");
        }
        return volumeElement(w1.data.clone(), angles.clone(), reflections);
    }

    /**
     * Monte Carlo estimate of ∫_M F(φ(W)) dvol_M(W) over the width-2 balanced manifold of depth N
     * (see the class comment). F must make the integral finite, e.g. F(X) = exp(−‖X‖²/2).
     *
     * @param tau scale of the Gaussian proposal for W_1 (changes the variance, not the expectation)
     */
    public static Estimate integrate(ToDoubleFunction<DMatrixRMaj> f, int depth, int samples, double tau, long seed) {
        Require.notNull("f", f);
        Require.atLeast("N (depth)", depth, 1);
        Require.atLeast("samples", samples, 2);
        Require.positive("tau", tau);
        SplittableRandom random = new SplittableRandom(seed);
        double logCircles = (depth - 1) * Math.log(4 * Math.PI);
        double logGauss = -4 * 0.5 * Math.log(2 * Math.PI * tau * tau);
        double sum = 0;
        double sum2 = 0;
        for (int s = 0; s < samples; s++) {
            double[] w1 = new double[4];
            double logQ = logGauss - logCircles;
            for (int k = 0; k < 4; k++) {
                w1[k] = tau * RandomMatrices.standardNormal(random);
                logQ -= 0.5 * (w1[k] / tau) * (w1[k] / tau);
            }
            double[] theta = new double[depth - 1];
            boolean[] reflection = new boolean[depth - 1];
            for (int p = 0; p < depth - 1; p++) {
                theta[p] = 2 * Math.PI * random.nextDouble();
                reflection[p] = random.nextBoolean();
            }
            double[] w = chart(w1, theta, reflection);
            double fx = f.applyAsDouble(endToEnd(w, depth));
            if (!Double.isFinite(fx)) {
                throw new IllegalArgumentException("f: returned " + fx + " at sample " + s);
            }
            double v = fx == 0 ? 0 : fx * volumeElement(w1, theta, reflection) * Math.exp(-logQ);
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / samples;
        double var = Math.max(sum2 / samples - mean * mean, 0) * samples / (samples - 1.0);
        return new Estimate(mean, Math.sqrt(var / samples), samples);
    }

    private static double volumeElement(double[] w1, double[] theta, boolean[] reflection) {
        int n = theta.length + 1;
        int m = 4 + theta.length;
        double scale = 1;
        for (double v : w1) {
            scale = Math.max(scale, Math.abs(v));
        }
        DMatrixRMaj jac = new DMatrixRMaj(4 * n, m);
        for (int c = 0; c < m; c++) {
            double h = c < 4 ? STEP * scale : STEP;
            double[] wp = w1.clone();
            double[] wm = w1.clone();
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            if (c < 4) {
                wp[c] += h;
                wm[c] -= h;
            } else {
                tp[c - 4] += h;
                tm[c - 4] -= h;
            }
            double[] a = chart(wp, tp, reflection);
            double[] b = chart(wm, tm, reflection);
            for (int r = 0; r < 4 * n; r++) {
                jac.set(r, c, (a[r] - b[r]) / (2 * h));
            }
        }
        DMatrixRMaj g = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(jac, jac, g);
        return Math.sqrt(Math.max(CommonOps_DDRM.det(g), 0));
    }

    // the chart for width 2 on flat arrays: W_1 = w1 (row-major), then W_{p+1} = R_p (W_pW_pᵀ)^{1/2}
    private static double[] chart(double[] w1, double[] theta, boolean[] reflection) {
        int n = theta.length + 1;
        double[] out = new double[4 * n];
        System.arraycopy(w1, 0, out, 0, 4);
        double a = w1[0];
        double b = w1[1];
        double c = w1[2];
        double d = w1[3];
        for (int p = 0; p < n - 1; p++) {
            double m00 = a * a + b * b;
            double m01 = a * c + b * d;
            double m11 = c * c + d * d;
            double sdet = Math.sqrt(Math.max(m00 * m11 - m01 * m01, 0));
            double t = Math.sqrt(m00 + m11 + 2 * sdet);
            double s00 = (m00 + sdet) / t;
            double s01 = m01 / t;
            double s11 = (m11 + sdet) / t;
            double co = Math.cos(theta[p]);
            double si = Math.sin(theta[p]);
            double r01 = reflection[p] ? si : -si;
            double r11 = reflection[p] ? -co : co;
            a = co * s00 + r01 * s01;
            b = co * s01 + r01 * s11;
            c = si * s00 + r11 * s01;
            d = si * s01 + r11 * s11;
            out[4 * (p + 1)] = a;
            out[4 * (p + 1) + 1] = b;
            out[4 * (p + 1) + 2] = c;
            out[4 * (p + 1) + 3] = d;
        }
        return out;
    }

    private static DMatrixRMaj endToEnd(double[] w, int n) {
        double a = 1;
        double b = 0;
        double c = 0;
        double d = 1;
        for (int p = 0; p < n; p++) {
            double w00 = w[4 * p];
            double w01 = w[4 * p + 1];
            double w10 = w[4 * p + 2];
            double w11 = w[4 * p + 3];
            double na = w00 * a + w01 * c;
            double nb = w00 * b + w01 * d;
            double nc = w10 * a + w11 * c;
            double nd = w10 * b + w11 * d;
            a = na;
            b = nb;
            c = nc;
            d = nd;
        }
        return new DMatrixRMaj(new double[][]{{a, b}, {c, d}});
    }
}
