package cartan.curvature;

import cartan.fit.Ols;

import cartan.Require;
import cartan.linalg.Gemm;
import cartan.nn.LayerSignals;
import cartan.nn.Pass;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.Arrays;
import cartan.linalg.SingularValues;
import cartan.linalg.SymmetricMatrixFunction;

/**
 * Spectral alignment decomposition of one layer's gradient (arXiv 2606.02596, Theorem 1).
 *
 * <p>From inputs A ∈ R^{R×n} and errors δ ∈ R^{R×m} with G = δᵀA/R = U Σ Vᵀ, the Kronecker
 * factors C_δ = δᵀδ/R and C_A = AᵀA/R with eigenvalues [Λ_δ]_kk, [Λ_A]_kk (descending), and the
 * top-k singular triplets (σ_k, u_k, v_k):
 * <ul>
 *   <li>ρ_k^(δ) = u_kᵀC_δu_k/[Λ_δ]_kk, ρ_k^(A) = v_kᵀC_Av_k/[Λ_A]_kk, Φ_k = ρ^(δ)ρ^(A),
 *       Λ_k = [Λ_δ]_kk[Λ_A]_kk;</li>
 *   <li>Kronecker-model curvature h_k^Kron = (u_kᵀC_δu_k)(v_kᵀC_Av_k) = Φ_kΛ_k (an identity);</li>
 *   <li>with x = δu_k, y = Av_k ∈ R^R: σ_k = xᵀy/R and h^Kron = ‖x‖²‖y‖²/R², so
 *       h^Kron·cos²θ_k = σ_k² exactly, cos θ_k being the sample-space cosine of x and y
 *       (Cauchy–Schwarz: h^Kron ≥ σ_k²).</li>
 * </ul>
 * C_δ and C_A are never formed: u_kᵀC_δu_k = ‖δu_k‖²/R, and the top eigenvalues of C_A come from
 * the smaller of AᵀA/R and AAᵀ/R (same nonzero spectrum).
 */
public final class GradientAlignment {

    /** Singular values at or below this fraction of σ_1 count as zero (numerical rank). */
    public static final double RANK_TOLERANCE = 1e-10;

    private final int rows;
    private final double[] sigma;
    private final DMatrixRMaj u;
    private final DMatrixRMaj v;
    private final double[] lambdaDelta;
    private final double[] lambdaA;
    private final double[] uCu;
    private final double[] vCv;
    private final double[] xy;

    private GradientAlignment(int rows, double[] sigma, DMatrixRMaj u, DMatrixRMaj v, double[] lambdaDelta,
                              double[] lambdaA, double[] uCu, double[] vCv, double[] xy) {
        this.rows = rows;
        this.sigma = sigma;
        this.u = u;
        this.v = v;
        this.lambdaDelta = lambdaDelta;
        this.lambdaA = lambdaA;
        this.uCu = uCu;
        this.vCv = vCv;
        this.xy = xy;
    }

    public static GradientAlignment of(LayerSignals s, int k) {
        Require.notNull("signals", s);
        return of(s.a(), s.delta(), k);
    }

    /**
     * The decomposition of the top-k directions of G = δᵀA/R.
     *
     * @throws IllegalArgumentException on non-finite or mismatched inputs, or if G has fewer than k
     *                                  positive singular values
     */
    public static GradientAlignment of(DMatrixRMaj a, DMatrixRMaj delta, int k) {
        Require.finite("a", a);
        Require.finite("delta", delta);
        if (a.numRows != delta.numRows) {
            throw new IllegalArgumentException("delta: must have the " + a.numRows + " rows of a, got " + delta.numRows);
        }
        Require.atLeast("k", k, 1);
        int r = a.numRows;
        int m = delta.numCols;
        int n = a.numCols;
        if (k > Math.min(m, n)) {
            throw new IllegalArgumentException("k: must be at most min(m, n) = " + Math.min(m, n) + ", got " + k);
        }
        DMatrixRMaj g = new DMatrixRMaj(m, n);
        Gemm.mult(1.0 / r, delta, true, a, false, 0, g);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
        if (!svd.decompose(g.copy())) {
            throw new IllegalStateException("SVD of the gradient did not converge");
        }
        DMatrixRMaj uu = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj vv = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(uu, false, w, vv, false);
        double[] sig = new double[k];
        for (int i = 0; i < k; i++) {
            sig[i] = w.get(i, i);
            if (!(sig[i] > RANK_TOLERANCE * w.get(0, 0))) {
                throw new IllegalArgumentException("k: the gradient has only " + i + " singular values above "
                        + RANK_TOLERANCE + "·σ_1 (numerical rank), asked for " + k);
            }
        }
        DMatrixRMaj uk = CommonOps_DDRM.extract(uu, 0, m, 0, k);
        DMatrixRMaj vk = CommonOps_DDRM.extract(vv, 0, n, 0, k);
        DMatrixRMaj x = Gemm.mult(delta, false, uk, false);
        DMatrixRMaj y = Gemm.mult(a, false, vk, false);
        double[] ucu = new double[k];
        double[] vcv = new double[k];
        double[] xys = new double[k];
        for (int row = 0; row < r; row++) {
            for (int j = 0; j < k; j++) {
                double xv = x.data[row * k + j];
                double yv = y.data[row * k + j];
                ucu[j] += xv * xv;
                vcv[j] += yv * yv;
                xys[j] += xv * yv;
            }
        }
        for (int j = 0; j < k; j++) {
            ucu[j] /= r;
            vcv[j] /= r;
            xys[j] /= r;
        }
        return new GradientAlignment(r, sig, uk, vk, topCovarianceEigenvalues(delta, k),
                topCovarianceEigenvalues(a, k), ucu, vcv, xys);
    }

    /** Number of singular values of G = δᵀA/R above {@link #RANK_TOLERANCE}·σ_1. */
    public static int numericalRank(LayerSignals s) {
        double[] sv = SingularValues.of(s.gradient());
        int r = 0;
        while (r < sv.length && sv[r] > RANK_TOLERANCE * sv[0]) {
            r++;
        }
        return r;
    }

    /** The k largest eigenvalues of XᵀX/R, from whichever of XᵀX and XXᵀ is smaller (zeros beyond the rank). */
    static double[] topCovarianceEigenvalues(DMatrixRMaj x, int k) {
        int r = x.numRows;
        DMatrixRMaj c;
        if (x.numCols <= r) {
            c = Gemm.mult(x, true, x, false);
        } else {
            c = Gemm.mult(x, false, x, true);
        }
        symmetrise(c);
        CommonOps_DDRM.divide(c, r);
        double[] ev = SymmetricMatrixFunction.eigenvalues(c);
        double[] out = new double[k];
        for (int i = 0; i < k && i < ev.length; i++) {
            out[i] = Math.max(ev[i], 0);
        }
        return out;
    }

    /** (C + Cᵀ)/2 in place: a BLAS product XᵀX need not come out exactly symmetric. */
    private static void symmetrise(DMatrixRMaj c) {
        for (int i = 0; i < c.numRows; i++) {
            for (int j = i + 1; j < c.numCols; j++) {
                double v = 0.5 * (c.get(i, j) + c.get(j, i));
                c.set(i, j, v);
                c.set(j, i, v);
            }
        }
    }

    public int k() {
        return sigma.length;
    }

    /** Number of rows R behind the covariances. */
    public int rows() {
        return rows;
    }

    public double[] sigma() {
        return sigma.clone();
    }

    /** Top-k left singular vectors (m × k). */
    public DMatrixRMaj u() {
        return u.copy();
    }

    /** Top-k right singular vectors (n × k). */
    public DMatrixRMaj v() {
        return v.copy();
    }

    /** The unit-norm rank-one direction u_i v_iᵀ (m × n), i from 0. */
    public DMatrixRMaj direction(int i) {
        if (i < 0 || i >= k()) {
            throw new IllegalArgumentException("i: must lie in [0, " + k() + "), got " + i);
        }
        DMatrixRMaj d = new DMatrixRMaj(u.numRows, v.numRows);
        for (int p = 0; p < u.numRows; p++) {
            double up = u.get(p, i);
            for (int q = 0; q < v.numRows; q++) {
                d.data[p * d.numCols + q] = up * v.get(q, i);
            }
        }
        return d;
    }

    /** Top-k eigenvalues [Λ_δ]_kk of C_δ. */
    public double[] lambdaDelta() {
        return lambdaDelta.clone();
    }

    /** Top-k eigenvalues [Λ_A]_kk of C_A. */
    public double[] lambdaA() {
        return lambdaA.clone();
    }

    /** u_kᵀ C_δ u_k. */
    public double[] uCu() {
        return uCu.clone();
    }

    /** v_kᵀ C_A v_k. */
    public double[] vCv() {
        return vCv.clone();
    }

    private static double[] ratio(double[] num, double[] den, String what) {
        double[] out = new double[num.length];
        for (int i = 0; i < num.length; i++) {
            if (!(den[i] > 0)) {
                throw new IllegalStateException(what + ": eigenvalue " + (i + 1) + " is zero (rank-deficient factor), ratio undefined");
            }
            out[i] = num[i] / den[i];
        }
        return out;
    }

    /** ρ_k^(δ) = u_kᵀC_δu_k / [Λ_δ]_kk. */
    public double[] rhoDelta() {
        return ratio(uCu, lambdaDelta, "rhoDelta");
    }

    /** ρ_k^(A) = v_kᵀC_Av_k / [Λ_A]_kk. */
    public double[] rhoA() {
        return ratio(vCv, lambdaA, "rhoA");
    }

    /** Φ_k = ρ_k^(δ) ρ_k^(A). */
    public double[] phi() {
        double[] a = rhoDelta();
        double[] b = rhoA();
        for (int i = 0; i < a.length; i++) {
            a[i] *= b[i];
        }
        return a;
    }

    /** Λ_k = [Λ_δ]_kk [Λ_A]_kk. */
    public double[] lambda() {
        double[] out = new double[k()];
        for (int i = 0; i < out.length; i++) {
            out[i] = lambdaDelta[i] * lambdaA[i];
        }
        return out;
    }

    /** Kronecker-model curvature h_k^Kron = (u_kᵀC_δu_k)(v_kᵀC_Av_k) = vec(u_kv_kᵀ)ᵀ(C_δ ⊗ C_A)vec(u_kv_kᵀ). */
    public double[] hKron() {
        double[] out = new double[k()];
        for (int i = 0; i < out.length; i++) {
            out[i] = uCu[i] * vCv[i];
        }
        return out;
    }

    /** cos²θ_k of x = δu_k and y = Av_k in sample space. */
    public double[] cos2() {
        double[] out = new double[k()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xy[i] * xy[i] / (uCu[i] * vCv[i]);
        }
        return out;
    }

    /** σ_k recomputed as xᵀy/R (an independent route to the singular values). */
    public double[] sigmaFromSamples() {
        return xy.clone();
    }

    /**
     * Exact directional curvatures h_k = vec(u_kv_kᵀ)ᵀ H vec(u_kv_kᵀ) of layer {@code layer}, by one
     * Hessian-vector product each ({@link Pass#curvatureRankOne}).
     */
    public double[] exactCurvature(Pass pass, int layer) {
        double[] h = new double[k()];
        for (int i = 0; i < h.length; i++) {
            double[] ui = new double[u.numRows];
            double[] vi = new double[v.numRows];
            for (int p = 0; p < ui.length; p++) {
                ui[p] = u.get(p, i);
            }
            for (int q = 0; q < vi.length; q++) {
                vi[q] = v.get(q, i);
            }
            h[i] = pass.curvatureRankOne(layer, ui, vi);
        }
        return h;
    }

    /** Curvature ratio χ_k = h_k / h_k^Kron. */
    public double[] chi(double[] h) {
        Require.finite("h", h);
        if (h.length != k()) {
            throw new IllegalArgumentException("h: must have length k = " + k() + ", got " + h.length);
        }
        double[] hk = hKron();
        double[] out = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = h[i] / hk[i];
        }
        return out;
    }

    /**
     * OLS slopes on log σ: β̂ of log Λ_k, φ̂ of log Φ_k, α̂_Kron of log h^Kron, and the slope of
     * log cos²θ_k. Identities: α̂_Kron = β̂ + φ̂ and α̂_Kron = 2 − slope(log cos²θ).
     */
    public record Slopes(double beta, double phi, double alphaKron, double cos2) {
    }

    public Slopes slopes() {
        double[] ls = Ols.log("sigma", sigma);
        return new Slopes(Ols.fit(ls, Ols.log("lambda", lambda())).slope(),
                Ols.fit(ls, Ols.log("phi", phi())).slope(),
                Ols.fit(ls, Ols.log("hKron", hKron())).slope(),
                Ols.fit(ls, Ols.log("cos2", cos2())).slope());
    }

    @Override
    public String toString() {
        return "GradientAlignment[k=" + k() + ", R=" + rows + ", sigma=" + Arrays.toString(sigma) + "]";
    }
}
