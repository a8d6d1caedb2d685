package cartan.dln;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deep linear network of depth N and width d: a tuple W = (W_1, …, W_N) ∈ M_d^N with end-to-end
 * product φ(W) = W_N ⋯ W_1, the Frobenius metric ⟨W, W'⟩ = Σ_p tr(W_pᵀW'_p), and the parameter loss
 * L = E∘φ for a loss E on end-to-end matrices (given by its gradient, {@link LossGradient}).
 *
 * <p>Layers are numbered p = 1..N as in the mathematics: {@code layer(1)} acts first. Write
 * W_{q:p} = W_q ⋯ W_p (the identity when q &lt; p). Then
 * <ul>
 *   <li>dφ(δW) = Σ_p W_{N:p+1} δW_p W_{p−1:1} ({@link #differential});</li>
 *   <li>(dφ)ᵀ(G)_p = W_{N:p+1}ᵀ G W_{p−1:1}ᵀ ({@link #adjointDifferential}), so
 *   ∂L/∂W_p = W_{N:p+1}ᵀ ∇E(X) W_{p−1:1}ᵀ ({@link #gradient}).</li>
 * </ul>
 * Tangent vectors of M_d^N are elements of M_d^N, so this type also carries tangent vectors
 * (δW_1, …, δW_N), with {@link #plus}, {@link #times}, {@link #inner} and {@link #norm}.
 *
 * <p>Dynamics: gradient descent W ← W − η∇L ({@link #gradientDescentStep}) and the classical
 * fourth-order Runge–Kutta scheme for the gradient flow Ẇ = −∇L ({@link #rk4Step}).
 *
 * <p>Instances are immutable: layers are copied in and out.
 */
public final class DeepLinearNetwork {

    private final DMatrixRMaj[] layers;

    private DeepLinearNetwork(DMatrixRMaj[] layers) {
        this.layers = layers;
    }

    /** The network with layers W_1, …, W_N (first acting first); each a finite d × d matrix. */
    public static DeepLinearNetwork of(DMatrixRMaj... layers) {
        Require.notNull("layers", layers);
        Require.atLeast("N (number of layers)", layers.length, 1);
        DMatrixRMaj[] copy = new DMatrixRMaj[layers.length];
        for (int p = 0; p < layers.length; p++) {
            Require.square("layers[" + p + "]", layers[p]);
            if (p > 0) {
                Require.sameShape("layers[0]", layers[0], "layers[" + p + "]", layers[p]);
            }
            copy[p] = layers[p].copy();
        }
        return new DeepLinearNetwork(copy);
    }

    /** The network with the given layers, W_1 first. */
    public static DeepLinearNetwork of(List<DMatrixRMaj> layers) {
        Require.notNull("layers", layers);
        return of(layers.toArray(new DMatrixRMaj[0]));
    }

    /** N layers of i.i.d. N(0, scale²) entries (in general not balanced). */
    public static DeepLinearNetwork gaussian(int depth, int width, double scale, SplittableRandom random) {
        Require.atLeast("depth", depth, 1);
        Require.atLeast("width", width, 1);
        Require.positive("scale", scale);
        DMatrixRMaj[] w = new DMatrixRMaj[depth];
        for (int p = 0; p < depth; p++) {
            w[p] = RandomMatrices.gaussian(width, width, scale, random);
        }
        return new DeepLinearNetwork(w);
    }

    /** The zero tuple in M_d^N (a zero tangent vector). */
    public static DeepLinearNetwork zero(int depth, int width) {
        Require.atLeast("depth", depth, 1);
        Require.atLeast("width", width, 1);
        DMatrixRMaj[] w = new DMatrixRMaj[depth];
        for (int p = 0; p < depth; p++) {
            w[p] = new DMatrixRMaj(width, width);
        }
        return new DeepLinearNetwork(w);
    }

    /** Depth N. */
    public int depth() {
        return layers.length;
    }

    /** Width d. */
    public int width() {
        return layers[0].numRows;
    }

    /** A copy of W_p, p = 1..N. */
    public DMatrixRMaj layer(int p) {
        checkLayer(p);
        return layers[p - 1].copy();
    }

    /** Copies of all layers, W_1 first. */
    public List<DMatrixRMaj> layers() {
        List<DMatrixRMaj> out = new ArrayList<>(layers.length);
        for (DMatrixRMaj w : layers) {
            out.add(w.copy());
        }
        return out;
    }

    /** φ(W) = W_N ⋯ W_1. */
    public DMatrixRMaj endToEnd() {
        return product(depth(), 1);
    }

    /** W_{q:p} = W_q ⋯ W_p for 1 ≤ p, q ≤ N; the identity when q &lt; p. */
    public DMatrixRMaj product(int q, int p) {
        Require.atLeast("p", p, 1);
        Require.atLeast("q", q, 0);
        if (q > depth()) {
            throw new IllegalArgumentException("q: must be at most N = " + depth() + ", got " + q);
        }
        DMatrixRMaj acc = CommonOps_DDRM.identity(width());
        for (int k = p; k <= q; k++) {
            DMatrixRMaj next = new DMatrixRMaj(width(), width());
            CommonOps_DDRM.mult(layers[k - 1], acc, next);
            acc = next;
        }
        return acc;
    }

    /** dφ_W(δW) = Σ_p W_{N:p+1} δW_p W_{p−1:1}. */
    public DMatrixRMaj differential(DeepLinearNetwork tangent) {
        requireCompatible(tangent);
        int n = depth();
        int d = width();
        DMatrixRMaj sum = new DMatrixRMaj(d, d);
        DMatrixRMaj[] left = prefixFromTop();
        DMatrixRMaj[] right = prefixFromBottom();
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        DMatrixRMaj term = new DMatrixRMaj(d, d);
        for (int p = 1; p <= n; p++) {
            CommonOps_DDRM.mult(tangent.layers[p - 1], right[p - 1], t);
            CommonOps_DDRM.mult(left[p], t, term);
            CommonOps_DDRM.addEquals(sum, term);
        }
        return sum;
    }

    /** (dφ_W)ᵀ(G) = (W_{N:p+1}ᵀ G W_{p−1:1}ᵀ)_{p=1..N}, the adjoint in the Frobenius metrics. */
    public DeepLinearNetwork adjointDifferential(DMatrixRMaj g) {
        Require.finite("G", g);
        Require.sameShape("W_1", layers[0], "G", g);
        int n = depth();
        int d = width();
        DMatrixRMaj[] left = prefixFromTop();
        DMatrixRMaj[] right = prefixFromBottom();
        DMatrixRMaj[] out = new DMatrixRMaj[n];
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        for (int p = 1; p <= n; p++) {
            CommonOps_DDRM.multTransB(g, right[p - 1], t);
            out[p - 1] = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(left[p], t, out[p - 1]);
        }
        return new DeepLinearNetwork(out);
    }

    /**
     * The d² × N d² matrix J of dφ_W in the coordinates of {@link #toVector()} (rows: row-major entries of
     * the image), built column by column from {@link #differential} on the coordinate directions:
     * J·vec(δW) = vec(dφ_W(δW)).
     */
    public DMatrixRMaj differentialMatrix() {
        int n = depth();
        int d = width();
        DMatrixRMaj j = new DMatrixRMaj(d * d, n * d * d);
        for (int col = 0; col < n * d * d; col++) {
            double[] e = new double[n * d * d];
            e[col] = 1;
            DMatrixRMaj image = differential(fromVector(n, d, e));
            for (int r = 0; r < d * d; r++) {
                j.set(r, col, image.data[r]);
            }
        }
        return j;
    }

    /**
     * The minimum-norm solution δW of dφ_W(δW) = Z, by the Moore–Penrose pseudo-inverse of
     * {@link #differentialMatrix()} (EJML, through an SVD). Where φ is a Riemannian submersion this is the
     * horizontal lift of Z and its squared norm is the quotient metric at X; it is computed here without any
     * formula for that metric. For Z outside the image of dφ it is the minimum-norm least-squares solution.
     */
    public DeepLinearNetwork minimumNormPreimage(DMatrixRMaj z) {
        Require.finite("Z", z);
        Require.sameShape("W_1", layers[0], "Z", z);
        DMatrixRMaj j = differentialMatrix();
        DMatrixRMaj pinv = new DMatrixRMaj(j.numCols, j.numRows);
        CommonOps_DDRM.pinv(j, pinv);
        DMatrixRMaj out = new DMatrixRMaj(j.numCols, 1);
        CommonOps_DDRM.mult(pinv, new DMatrixRMaj(z.numRows * z.numCols, 1, true, z.data), out);
        return fromVector(depth(), width(), out.data);
    }

    /** ∇L(W) = (dφ_W)ᵀ ∇E(φ(W)) for L = E∘φ. */
    public DeepLinearNetwork gradient(LossGradient loss) {
        Require.notNull("loss", loss);
        DMatrixRMaj x = endToEnd();
        DMatrixRMaj g = loss.gradient(x);
        if (g == null) {
            throw new IllegalArgumentException("loss: returned a null gradient");
        }
        Require.finite("loss gradient", g);
        Require.sameShape("X", x, "loss gradient", g);
        return adjointDifferential(g);
    }

    /** One gradient-descent step W − η∇L(W). */
    public DeepLinearNetwork gradientDescentStep(LossGradient loss, double eta) {
        Require.positive("eta", eta);
        return plus(gradient(loss), -eta);
    }

    /** {@code steps} gradient-descent steps of size η. */
    public DeepLinearNetwork gradientDescent(LossGradient loss, double eta, int steps) {
        Require.positive("eta", eta);
        Require.atLeast("steps", steps, 0);
        DeepLinearNetwork w = this;
        for (int s = 0; s < steps; s++) {
            w = w.gradientDescentStep(loss, eta);
        }
        return w;
    }

    /** One classical RK4 step of size dt for the gradient flow Ẇ = −∇L(W). */
    public DeepLinearNetwork rk4Step(LossGradient loss, double dt) {
        Require.positive("dt", dt);
        Require.notNull("loss", loss);
        // Ẇ = −∇L(W) is the RK4 step of Ẇ = ∇L(W) with h = −dt
        return RungeKutta4.step(this, -dt, w -> w.gradient(loss), (a, c, b) -> a.plus(b, c));
    }

    /** {@code steps} RK4 steps of size dt for Ẇ = −∇L(W). */
    public DeepLinearNetwork rk4(LossGradient loss, double dt, int steps) {
        Require.positive("dt", dt);
        Require.atLeast("steps", steps, 0);
        DeepLinearNetwork w = this;
        for (int s = 0; s < steps; s++) {
            w = w.rk4Step(loss, dt);
        }
        return w;
    }

    /** this + c·other, layer by layer. */
    public DeepLinearNetwork plus(DeepLinearNetwork other, double c) {
        requireCompatible(other);
        Require.finite("c", c);
        DMatrixRMaj[] out = new DMatrixRMaj[depth()];
        for (int p = 0; p < out.length; p++) {
            out[p] = new DMatrixRMaj(width(), width());
            CommonOps_DDRM.add(layers[p], c, other.layers[p], out[p]);
        }
        return new DeepLinearNetwork(out);
    }

    /** c·this. */
    public DeepLinearNetwork times(double c) {
        Require.finite("c", c);
        DMatrixRMaj[] out = new DMatrixRMaj[depth()];
        for (int p = 0; p < out.length; p++) {
            out[p] = layers[p].copy();
            CommonOps_DDRM.scale(c, out[p]);
        }
        return new DeepLinearNetwork(out);
    }

    /** Frobenius inner product Σ_p tr(W_pᵀ W'_p). */
    public double inner(DeepLinearNetwork other) {
        requireCompatible(other);
        double s = 0;
        for (int p = 0; p < layers.length; p++) {
            double[] a = layers[p].data;
            double[] b = other.layers[p].data;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
        }
        return s;
    }

    /** Frobenius norm √(Σ_p ‖W_p‖²). */
    public double norm() {
        return Math.sqrt(inner(this));
    }

    /** The layers stacked into one vector of length N d² (layer 1 first, each row-major). */
    public double[] toVector() {
        int d2 = width() * width();
        double[] v = new double[depth() * d2];
        for (int p = 0; p < layers.length; p++) {
            System.arraycopy(layers[p].data, 0, v, p * d2, d2);
        }
        return v;
    }

    /** The tuple whose layers, each row-major, are stacked in v (the inverse of {@link #toVector()}). */
    public static DeepLinearNetwork fromVector(int depth, int width, double[] v) {
        Require.atLeast("depth", depth, 1);
        Require.atLeast("width", width, 1);
        Require.finite("v", v);
        int d2 = width * width;
        if (v.length != depth * d2) {
            throw new IllegalArgumentException("v: must have N d² = " + depth * d2 + " entries, got " + v.length);
        }
        DMatrixRMaj[] w = new DMatrixRMaj[depth];
        for (int p = 0; p < depth; p++) {
            w[p] = new DMatrixRMaj(width, width);
            System.arraycopy(v, p * d2, w[p].data, 0, d2);
        }
        return new DeepLinearNetwork(w);
    }

    @Override
    public String toString() {
        return "DeepLinearNetwork[N=" + depth() + ", d=" + width() + "]";
    }

    // left[p] = W_{N:p+1} for p = 0..N (left[N] = I); right[p] = W_{p:1} for p = 0..N (right[0] = I)
    private DMatrixRMaj[] prefixFromTop() {
        int n = depth();
        DMatrixRMaj[] left = new DMatrixRMaj[n + 1];
        left[n] = CommonOps_DDRM.identity(width());
        for (int p = n - 1; p >= 0; p--) {
            left[p] = new DMatrixRMaj(width(), width());
            CommonOps_DDRM.mult(left[p + 1], layers[p], left[p]);
        }
        return left;
    }

    private DMatrixRMaj[] prefixFromBottom() {
        int n = depth();
        DMatrixRMaj[] right = new DMatrixRMaj[n + 1];
        right[0] = CommonOps_DDRM.identity(width());
        for (int p = 1; p <= n; p++) {
            right[p] = new DMatrixRMaj(width(), width());
            CommonOps_DDRM.mult(layers[p - 1], right[p - 1], right[p]);
        }
        return right;
    }

    private void checkLayer(int p) {
        if (p < 1 || p > depth()) {
            throw new IllegalArgumentException("p: layer index must lie in 1.." + depth() + ", got " + p);
        }
    }

    private void requireCompatible(DeepLinearNetwork other) {
        Require.notNull("other", other);
        if (other.depth() != depth() || other.width() != width()) {
            throw new IllegalArgumentException("other: must have depth " + depth() + " and width " + width()
                    + ", got depth " + other.depth() + " and width " + other.width());
        }
    }
}
