package cartan.dln;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Arrays;

/**
 * A fixed-gates linear network J = D_N W_N ⋯ D_1 W_1 (D_ℓ fixed 0/1 diagonals; all ones gives a deep
 * linear network: with every gate open this is the {@link DeepLinearNetwork}), trained on
 * E = ½‖J − Y‖_F². With A_ℓ = D_ℓ W_ℓ, ∂E/∂W_ℓ = D_ℓ (A_N ⋯ A_{ℓ+1})ᵀ (J − Y) (A_{ℓ−1} ⋯ A_1)ᵀ, the
 * deep linear network's adjoint differential of the gated layers with the gate applied to its rows.
 * Mutable: training updates the weights in place.
 */
public final class GatedLinearNetwork {

    private final int d;
    private final List<DMatrixRMaj> weights;
    private final List<boolean[]> gates;

    /**
     * @param weights W_1, …, W_N (d × d), copied
     * @param gates   the active units of D_1, …, D_N (length d each), or null for all active
     */
    public GatedLinearNetwork(List<DMatrixRMaj> weights, List<boolean[]> gates) {
        if (weights == null || weights.isEmpty()) {
            throw new IllegalArgumentException("weights: must not be empty");
        }
        d = weights.get(0).numRows;
        this.weights = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            Require.square("weights[" + i + "]", weights.get(i));
            if (weights.get(i).numRows != d) {
                throw new IllegalArgumentException("weights[" + i + "]: must be " + d + "x" + d);
            }
            this.weights.add(weights.get(i).copy());
        }
        this.gates = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            boolean[] g = gates == null ? null : gates.get(i);
            if (g == null) {
                g = new boolean[d];
                Arrays.fill(g, true);
            } else if (g.length != d) {
                throw new IllegalArgumentException("gates[" + i + "]: must have length " + d + ", got " + g.length);
            }
            this.gates.add(g.clone());
        }
    }

    /**
     * A balanced, aligned deep linear network with J = U diag(σ) Vᵀ: W_1 = R_1 S Vᵀ,
     * W_ℓ = R_ℓ S R_{ℓ−1}ᵀ, W_N = U S R_{N−1}ᵀ with S = diag(σ^{1/N}) and Haar R_ℓ from the seed.
     */
    public static GatedLinearNetwork balancedAligned(DMatrixRMaj u, DMatrixRMaj v, double[] sigma, int depth,
                                                     long seed) {
        Require.square("u", u);
        Require.square("v", v);
        Require.positive("sigma", sigma);
        Require.atLeast("depth", depth, 1);
        int d = u.numRows;
        if (sigma.length != d) {
            throw new IllegalArgumentException("sigma: must have length " + d + ", got " + sigma.length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            s.set(i, i, Math.pow(sigma[i], 1.0 / depth));
        }
        List<DMatrixRMaj> frames = new ArrayList<>();
        frames.add(v);
        for (int l = 1; l < depth; l++) {
            frames.add(RandomMatrices.haarOrthogonal(d, random));
        }
        frames.add(u);
        List<DMatrixRMaj> ws = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            DMatrixRMaj tmp = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(frames.get(l), s, tmp);
            DMatrixRMaj w = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransB(tmp, frames.get(l - 1), w);
            ws.add(w);
        }
        return new GatedLinearNetwork(ws, null);
    }

    /** Number of layers N. */
    public int depth() {
        return weights.size();
    }

    /** Width d. */
    public int width() {
        return d;
    }

    /** A copy of W_ℓ, 1-based. */
    public DMatrixRMaj weight(int layer) {
        return weights.get(layer - 1).copy();
    }

    /** The active units of the gate D_ℓ, 1-based (a copy). */
    public boolean[] gate(int layer) {
        return gates.get(layer - 1).clone();
    }

    /** The layer Jacobian A_ℓ = D_ℓ W_ℓ, 1-based. */
    public DMatrixRMaj layerJacobian(int layer) {
        return masked(weights.get(layer - 1), gates.get(layer - 1));
    }

    /** Prefix products P_ℓ = A_ℓ ⋯ A_1, ℓ = 1..N (the last is J). */
    public List<DMatrixRMaj> prefixes() {
        List<DMatrixRMaj> out = new ArrayList<>();
        DMatrixRMaj p = layerJacobian(1);
        out.add(p);
        for (int l = 2; l <= depth(); l++) {
            DMatrixRMaj next = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(layerJacobian(l), p, next);
            out.add(next);
            p = next;
        }
        return out;
    }

    /** J = A_N ⋯ A_1. */
    public DMatrixRMaj endToEnd() {
        List<DMatrixRMaj> p = prefixes();
        return p.get(p.size() - 1).copy();
    }

    /** ½‖J − Y‖_F². */
    public double loss(DMatrixRMaj target) {
        DMatrixRMaj r = endToEnd();
        CommonOps_DDRM.subtractEquals(r, target);
        double s = CommonOps_DDRM.elementSum(CommonOps_DDRM.elementMult(r, r, null));
        return 0.5 * s;
    }

    /** ∂E/∂W_ℓ for ℓ = 1..N. */
    public List<DMatrixRMaj> gradients(DMatrixRMaj target) {
        Require.square("target", target);
        if (target.numRows != d) {
            throw new IllegalArgumentException("target: must be " + d + "x" + d);
        }
        return gradients(weights, target);
    }

    /**
     * ∂E/∂W_ℓ = D_ℓ (dφ)ᵀ(J − Y)_ℓ: the deep linear network of the gated layers A_ℓ = D_ℓ W_ℓ gives the
     * adjoint differential ({@link DeepLinearNetwork#adjointDifferential}), the gate masks its rows.
     */
    private List<DMatrixRMaj> gradients(List<DMatrixRMaj> ws, DMatrixRMaj target) {
        List<DMatrixRMaj> a = new ArrayList<>(ws.size());
        for (int l = 0; l < ws.size(); l++) {
            a.add(masked(ws.get(l), gates.get(l)));
        }
        DeepLinearNetwork dln = DeepLinearNetwork.of(a);
        DMatrixRMaj residual = dln.endToEnd();
        CommonOps_DDRM.subtractEquals(residual, target);
        List<DMatrixRMaj> grads = dln.adjointDifferential(residual).layers();
        for (int l = 0; l < grads.size(); l++) {
            grads.set(l, masked(grads.get(l), gates.get(l)));
        }
        return grads;
    }

    /** D W: the rows of the inactive units set to zero (a copy). */
    private static DMatrixRMaj masked(DMatrixRMaj w, boolean[] gate) {
        DMatrixRMaj a = w.copy();
        for (int i = 0; i < a.numRows; i++) {
            if (!gate[i]) {
                Arrays.fill(a.data, i * a.numCols, (i + 1) * a.numCols, 0);
            }
        }
        return a;
    }

    /** One gradient-descent step W_ℓ ← W_ℓ − η ∂E/∂W_ℓ. */
    public void gradientStep(DMatrixRMaj target, double eta) {
        Require.positive("eta", eta);
        List<DMatrixRMaj> g = gradients(target);
        for (int l = 0; l < weights.size(); l++) {
            CommonOps_DDRM.addEquals(weights.get(l), -eta, g.get(l));
        }
    }

    /** One classical RK4 step of the gradient flow Ẇ_ℓ = −∂E/∂W_ℓ. */
    public void rk4Step(DMatrixRMaj target, double dt) {
        Require.positive("dt", dt);
        // Ẇ = −∇E(W) is the RK4 step of Ẇ = ∇E(W) with h = −dt
        List<DMatrixRMaj> next = RungeKutta4.step(weights, -dt, w -> gradients(w, target),
                GatedLinearNetwork::shift);
        for (int l = 0; l < weights.size(); l++) {
            weights.get(l).setTo(next.get(l));
        }
    }

    private static List<DMatrixRMaj> shift(List<DMatrixRMaj> ws, double h, List<DMatrixRMaj> g) {
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int l = 0; l < ws.size(); l++) {
            DMatrixRMaj w = ws.get(l).copy();
            CommonOps_DDRM.addEquals(w, h, g.get(l));
            out.add(w);
        }
        return out;
    }

    /** The mode values diag(Uᵀ J V): the projections u_kᵀ J v_k on the target's singular pairs. */
    public static double[] modeValues(DMatrixRMaj j, DMatrixRMaj u, DMatrixRMaj v) {
        DMatrixRMaj m = project(j, u, v);
        double[] out = new double[m.numCols];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.get(i, i);
        }
        return out;
    }

    /** ‖offdiag(Uᵀ J V)‖_F / ‖J‖_F: how far J is from sharing the target's singular bases. */
    public static double alignmentError(DMatrixRMaj j, DMatrixRMaj u, DMatrixRMaj v) {
        DMatrixRMaj m = project(j, u, v);
        double off = 0;
        double all = 0;
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                double x = m.get(r, c) * m.get(r, c);
                all += x;
                if (r != c) {
                    off += x;
                }
            }
        }
        if (!(all > 0)) {
            throw new IllegalArgumentException("j: must be non-zero");
        }
        return Math.sqrt(off / all);
    }

    private static DMatrixRMaj project(DMatrixRMaj j, DMatrixRMaj u, DMatrixRMaj v) {
        Require.finite("j", j);
        Require.finite("u", u);
        Require.finite("v", v);
        DMatrixRMaj tmp = new DMatrixRMaj(u.numCols, j.numCols);
        CommonOps_DDRM.multTransA(u, j, tmp);
        DMatrixRMaj m = new DMatrixRMaj(u.numCols, v.numCols);
        CommonOps_DDRM.mult(tmp, v, m);
        return m;
    }
}
