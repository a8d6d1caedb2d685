package cartan.dln;

import cartan.Require;
import cartan.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * The singular-value velocities of a fixed-gates network J = A_N ⋯ A_1 (A_ℓ = D_ℓ W_ℓ) under the
 * gradient flow of E = ½‖J − Y‖_F², and the pieces of the decoupled law.
 *
 * <p>With prefixes P_ℓ = A_ℓ ⋯ A_1 (P_0 = I), suffixes S_ℓ = A_N ⋯ A_{ℓ+1} (S_N = I) and residual
 * R = Y − J, the flow Ẇ_ℓ = D_ℓ S_ℓᵀ R P_{ℓ−1}ᵀ moves J by J̇ = Σ_ℓ S_ℓ Ẇ_ℓ P_{ℓ−1}, and a simple
 * singular value σ_k = u_kᵀ J v_k moves at the exact (coupled) rate
 * <pre>
 *   σ̇_k = u_kᵀ J̇ v_k = Σ_ℓ u_kᵀ B_ℓ R C_ℓ v_k,   B_ℓ = S_ℓ D_ℓ S_ℓᵀ,   C_ℓ = P_{ℓ−1}ᵀ P_{ℓ−1}.
 * </pre>
 * If u_k is an eigenvector of every B_ℓ (eigenvalue b_ℓk) and v_k of every C_ℓ (c_ℓk) — the
 * intermediate Jacobians share the mode's singular vectors — the other modes drop out:
 * <pre>
 *   σ̇_k = G_k r_k,   G_k = Σ_ℓ b_ℓk c_ℓk,   r_k = u_kᵀ R v_k       (decoupled, no balance needed),
 * </pre>
 * and for a balanced network b_ℓk c_ℓk = σ_k^{2(N−ℓ)/N} σ_k^{2(ℓ−1)/N}, so G_k = N σ_k^{2−2/N}, the
 * mode law of {@link ModeDynamics}. Measured here: σ, σ̇_k (exact), r_k, the gain G_k from the Rayleigh
 * quotients b_ℓk = u_kᵀ B_ℓ u_k and c_ℓk = v_kᵀ C_ℓ v_k, and the misalignment
 * max_ℓ max(tan∠(u_k, B_ℓ u_k), tan∠(v_k, C_ℓ v_k)), which is zero exactly when the bases are shared.
 *
 * @param sigma        all singular values of J, descending
 * @param rate         σ̇_k for the top modes k = 1..r (exact)
 * @param drive        r_k = u_kᵀ (Y − J) v_k
 * @param gain         G_k = Σ_ℓ b_ℓk c_ℓk
 * @param misalignment the largest tan∠ over the intermediate Jacobians
 * @param depth        N
 */
public record GatedModeRates(double[] sigma, double[] rate, double[] drive, double[] gain, double[] misalignment,
                             int depth) {

    public GatedModeRates {
        sigma = sigma.clone();
        rate = rate.clone();
        drive = drive.clone();
        gain = gain.clone();
        misalignment = misalignment.clone();
    }

    /**
     * The rates of the top {@code modes} singular values of the network's J for the target Y.
     *
     * @throws IllegalArgumentException if Y is not d × d or modes is not in [1, d]
     */
    public static GatedModeRates of(GatedLinearNetwork net, DMatrixRMaj target, int modes) {
        Require.notNull("net", net);
        Require.finite("target", target);
        int d = net.width();
        int n = net.depth();
        if (target.numRows != d || target.numCols != d) {
            throw new IllegalArgumentException("target: must be " + d + "x" + d + ", got " + target.numRows + "x"
                    + target.numCols);
        }
        Require.atLeast("modes", modes, 1);
        if (modes > d) {
            throw new IllegalArgumentException("modes: must be at most d = " + d + ", got " + modes);
        }
        List<DMatrixRMaj> a = new ArrayList<>();
        for (int l = 1; l <= n; l++) {
            a.add(net.layerJacobian(l));
        }
        DMatrixRMaj[] prefix = new DMatrixRMaj[n + 1]; // prefix[l] = A_l ⋯ A_1, prefix[0] = I
        prefix[0] = CommonOps_DDRM.identity(d);
        for (int l = 1; l <= n; l++) {
            prefix[l] = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(a.get(l - 1), prefix[l - 1], prefix[l]);
        }
        DMatrixRMaj[] suffix = new DMatrixRMaj[n + 1]; // suffix[l] = A_N ⋯ A_{l+1}, suffix[N] = I
        suffix[n] = CommonOps_DDRM.identity(d);
        for (int l = n - 1; l >= 0; l--) {
            suffix[l] = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(suffix[l + 1], a.get(l), suffix[l]);
        }
        DMatrixRMaj j = prefix[n];
        DMatrixRMaj residual = target.copy();
        CommonOps_DDRM.subtractEquals(residual, j);
        List<DMatrixRMaj> grads = net.gradients(target);
        DMatrixRMaj jDot = new DMatrixRMaj(d, d);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj term = new DMatrixRMaj(d, d);
        for (int l = 1; l <= n; l++) { // J̇ += S_ℓ (−∂E/∂W_ℓ) P_{ℓ−1}
            CommonOps_DDRM.mult(suffix[l], grads.get(l - 1), tmp);
            CommonOps_DDRM.mult(tmp, prefix[l - 1], term);
            CommonOps_DDRM.subtractEquals(jDot, term);
        }
        Svd svd = Svd.of(j);
        DMatrixRMaj u = svd.topLeft(modes);
        DMatrixRMaj v = svd.topRight(modes);
        double[] rate = diagonal(u, jDot, v);
        double[] drive = diagonal(u, residual, v);
        double[] gain = new double[modes];
        double[] mis = new double[modes];
        for (int l = 1; l <= n; l++) {
            DMatrixRMaj c = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(prefix[l - 1], prefix[l - 1], c);
            DMatrixRMaj sd = suffix[l].copy();
            boolean[] gate = net.gate(l);
            for (int col = 0; col < d; col++) {
                if (!gate[col]) {
                    for (int row = 0; row < d; row++) {
                        sd.set(row, col, 0);
                    }
                }
            }
            DMatrixRMaj b = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransB(sd, suffix[l], b); // S_ℓ D_ℓ S_ℓᵀ (D_ℓ² = D_ℓ)
            for (int k = 0; k < modes; k++) {
                double[] cv = rayleigh(c, v, k);
                double[] bu = rayleigh(b, u, k);
                gain[k] += bu[0] * cv[0];
                mis[k] = Math.max(mis[k], Math.max(cv[1], bu[1]));
            }
        }
        return new GatedModeRates(svd.sigma(), rate, drive, gain, mis, n);
    }

    /** N σ_k^{2−2/N}: the gain of a balanced network (1-based k). */
    public double balancedGain(int k) {
        return depth * Math.pow(sigma[k - 1], 2 - 2.0 / depth);
    }

    /** G_k r_k: the decoupled rate with the measured gain (1-based k). */
    public double decoupledRate(int k) {
        return gain[k - 1] * drive[k - 1];
    }

    /** N σ_k^{2−2/N} r_k: the balanced decoupled rate (1-based k). */
    public double balancedRate(int k) {
        return balancedGain(k) * drive[k - 1];
    }

    /** Number of modes measured. */
    public int modes() {
        return rate.length;
    }

    /** diag(Uᵀ M V). */
    private static double[] diagonal(DMatrixRMaj u, DMatrixRMaj m, DMatrixRMaj v) {
        DMatrixRMaj mv = new DMatrixRMaj(m.numRows, v.numCols);
        CommonOps_DDRM.mult(m, v, mv);
        double[] out = new double[u.numCols];
        for (int k = 0; k < out.length; k++) {
            double s = 0;
            for (int i = 0; i < u.numRows; i++) {
                s += u.get(i, k) * mv.get(i, k);
            }
            out[k] = s;
        }
        return out;
    }

    /** For the k-th column x of q: {xᵀMx, tan∠(x, Mx)} (the angle is 0 when x is an eigenvector). */
    private static double[] rayleigh(DMatrixRMaj m, DMatrixRMaj q, int k) {
        int d = q.numRows;
        double[] mx = new double[d];
        double quotient = 0;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                s += m.get(i, t) * q.get(t, k);
            }
            mx[i] = s;
            quotient += q.get(i, k) * s;
        }
        double off = 0;
        for (int i = 0; i < d; i++) {
            double e = mx[i] - quotient * q.get(i, k);
            off += e * e;
        }
        return new double[] {quotient, quotient > 0 ? Math.sqrt(off) / quotient : Double.POSITIVE_INFINITY};
    }
}
