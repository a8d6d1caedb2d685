package cartan.nn;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A feed-forward network: a chain of {@link Layer}s followed by a {@link Loss}, with its parameters.
 * Immutable: training steps return a new network ({@link #withFlatParameters}).
 *
 * <p>{@link #pass} runs the forward and backward passes on a batch once and returns a {@link Pass}
 * from which the loss, the exact gradient, exact Hessian-vector products (forward-over-reverse,
 * Pearlmutter's R-operator) and each layer's gradient factors (A, δ) are read.
 *
 * <p>Flat parameter order: for each weight layer in turn, W row-major, then b.
 */
public final class Network {

    private final List<Layer> layers;
    private final Params[] params;
    private final Loss loss;

    private Network(List<Layer> layers, Params[] params, Loss loss) {
        this.layers = List.copyOf(layers);
        this.params = params;
        this.loss = loss;
    }

    /**
     * A network from layers and their parameters ({@code null} entries for parameterless layers).
     *
     * @throws IllegalArgumentException if sizes do not chain or a parameter shape is wrong
     */
    public static Network of(List<Layer> layers, List<Params> params, Loss loss) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers: must not be empty");
        }
        if (params == null || params.size() != layers.size()) {
            throw new IllegalArgumentException("params: must have one entry per layer (" + layers.size() + "), got "
                    + (params == null ? "null" : params.size()));
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss: must not be null");
        }
        Params[] ps = new Params[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (i > 0 && layers.get(i - 1).outputSize() != l.inputSize()) {
                throw new IllegalArgumentException("layers: layer " + i + " (" + l.name() + ") expects "
                        + l.inputSize() + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputSize());
            }
            int[] shape = l.weightShape();
            Params p = params.get(i);
            if (shape == null && p != null) {
                throw new IllegalArgumentException("params: layer " + i + " (" + l.name() + ") has no parameters");
            }
            if (shape != null) {
                if (p == null || p.w().numRows != shape[0] || p.w().numCols != shape[1]) {
                    throw new IllegalArgumentException("params: layer " + i + " (" + l.name() + ") needs W of shape "
                            + shape[0] + "x" + shape[1] + ", got "
                            + (p == null ? "null" : p.w().numRows + "x" + p.w().numCols));
                }
            }
            ps[i] = p;
        }
        return new Network(layers, ps, loss);
    }

    /**
     * A multilayer perceptron with the given widths (input first, output last), the same hidden
     * activation after every hidden layer, linear output, and Gaussian initialisation
     * W_ij ~ N(0, gain/n_in) (gain 2 for ReLU, 1 otherwise), zero biases.
     */
    public static Network mlp(int[] widths, Activation.Kind hidden, Loss loss, long seed) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("widths: need at least input and output widths");
        }
        for (int i = 0; i < widths.length; i++) {
            Require.atLeast("widths[" + i + "]", widths[i], 1);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double gain = hidden == Activation.Kind.RELU ? 2 : 1;
        List<Layer> ls = new ArrayList<>();
        List<Params> ps = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            ls.add(new Dense(widths[i], widths[i + 1]));
            ps.add(Params.weightOnly(RandomMatrices.gaussian(widths[i + 1], widths[i], Math.sqrt(gain / widths[i]), rnd)));
            if (i + 2 < widths.length) {
                ls.add(new Activation(hidden, widths[i + 1]));
                ps.add(null);
            }
        }
        return of(ls, ps, loss);
    }

    public List<Layer> layers() {
        return layers;
    }

    public Loss loss() {
        return loss;
    }

    /** Parameters of layer i, or null if it has none. */
    public Params params(int i) {
        return params[i];
    }

    /** Indices of the layers that have weights. */
    public int[] weightLayers() {
        return java.util.stream.IntStream.range(0, layers.size()).filter(i -> params[i] != null).toArray();
    }

    public int inputSize() {
        return layers.get(0).inputSize();
    }

    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    public int parameterCount() {
        int n = 0;
        for (Params p : params) {
            n += p == null ? 0 : p.size();
        }
        return n;
    }

    /** All parameters as one vector (see the class comment for the order). */
    public double[] flatParameters() {
        return flatten(params);
    }

    /** Flatten per-layer parameter blocks (gradients, directions) in the network's order. */
    public double[] flatten(Params[] blocks) {
        double[] out = new double[parameterCount()];
        int k = 0;
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                continue;
            }
            int nw = params[i].w().getNumElements();
            int nb = params[i].b().length;
            if (blocks[i] != null) {
                System.arraycopy(blocks[i].w().data, 0, out, k, nw);
                System.arraycopy(blocks[i].b(), 0, out, k + nw, nb);
            }
            k += nw + nb;
        }
        return out;
    }

    /** Split a flat vector into per-layer blocks shaped like the parameters. */
    public Params[] unflatten(double[] flat) {
        Require.finite("flat", flat);
        if (flat.length != parameterCount()) {
            throw new IllegalArgumentException("flat: must have length " + parameterCount() + ", got " + flat.length);
        }
        Params[] out = new Params[params.length];
        int k = 0;
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                continue;
            }
            int m = params[i].w().numRows;
            int n = params[i].w().numCols;
            DMatrixRMaj w = new DMatrixRMaj(m, n);
            System.arraycopy(flat, k, w.data, 0, m * n);
            double[] b = Arrays.copyOfRange(flat, k + m * n, k + m * n + m);
            out[i] = new Params(w, b);
            k += m * n + m;
        }
        return out;
    }

    /** The same architecture with new parameters. */
    public Network withFlatParameters(double[] flat) {
        return new Network(layers, unflatten(flat), loss);
    }

    /** The same network with layer i's parameters replaced. */
    public Network withParams(int i, Params p) {
        List<Params> ps = new ArrayList<>(Arrays.asList(params));
        ps.set(i, p);
        return of(layers, ps, loss);
    }

    private void checkInput(DMatrixRMaj x) {
        Require.finite("x", x);
        if (x.numCols != inputSize()) {
            throw new IllegalArgumentException("x: must have " + inputSize() + " columns, got " + x.numCols);
        }
    }

    /** Network outputs (logits for cross-entropy) for a batch, evaluated in chunks of at most {@code chunk} rows. */
    public DMatrixRMaj predict(DMatrixRMaj x, int chunk) {
        checkInput(x);
        Require.atLeast("chunk", chunk, 1);
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, outputSize());
        for (int start = 0; start < x.numRows; start += chunk) {
            int end = Math.min(x.numRows, start + chunk);
            DMatrixRMaj h = CommonOps_DDRM.extract(x, start, end, 0, x.numCols);
            for (int i = 0; i < layers.size(); i++) {
                h = layers.get(i).forward(h, params[i]).out();
            }
            System.arraycopy(h.data, 0, out.data, start * out.numCols, (end - start) * out.numCols);
        }
        return out;
    }

    /** Fraction of rows whose largest output is at the label. */
    public double accuracy(DMatrixRMaj x, int[] labels, int chunk) {
        checkInput(x);
        if (labels == null || labels.length != x.numRows) {
            throw new IllegalArgumentException("labels: must have one entry per row of x (" + x.numRows + ")");
        }
        DMatrixRMaj z = predict(x, chunk);
        int right = 0;
        for (int r = 0; r < z.numRows; r++) {
            int best = 0;
            for (int j = 1; j < z.numCols; j++) {
                if (z.get(r, j) > z.get(r, best)) {
                    best = j;
                }
            }
            right += best == labels[r] ? 1 : 0;
        }
        return right / (double) z.numRows;
    }

    /** One-hot targets (B × c) for integer labels in [0, c). */
    public static DMatrixRMaj oneHot(int[] labels, int classes) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("labels: must not be empty");
        }
        cartan.Require.atLeast("classes", classes, 1);
        DMatrixRMaj y = new DMatrixRMaj(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels: entry " + i + " is " + labels[i] + ", must lie in [0, " + classes + ")");
            }
            y.set(i, labels[i], 1);
        }
        return y;
    }

    /** Forward and backward passes on a batch with integer class labels (one-hot targets). */
    public Pass pass(DMatrixRMaj x, int[] labels) {
        checkInput(x);
        if (labels != null && labels.length != x.numRows) {
            throw new IllegalArgumentException("labels: " + labels.length + " labels for a batch of " + x.numRows);
        }
        return pass(x, oneHot(labels, outputSize()));
    }

    /** Forward and backward passes on a batch X (B × inputs) with targets Y (B × outputs). */
    public Pass pass(DMatrixRMaj x, DMatrixRMaj y) {
        checkInput(x);
        Require.finite("y", y);
        if (y.numRows != x.numRows || y.numCols != outputSize()) {
            throw new IllegalArgumentException("y: must be " + x.numRows + "x" + outputSize() + ", got "
                    + y.numRows + "x" + y.numCols);
        }
        return new Pass(x, y);
    }

    /**
     * The state of one batch after the forward and backward passes. Hessian-vector products reuse it:
     * each costs one R-forward and one R-backward pass.
     */
    public final class Pass {
        private final DMatrixRMaj y;
        private final DMatrixRMaj[] inputs;
        private final Layer.Cache[] caches;
        private final DMatrixRMaj[] gOut;
        private final Params[] grad;
        private final DMatrixRMaj output;
        private final double lossValue;

        private Pass(DMatrixRMaj x, DMatrixRMaj y) {
            this.y = y;
            int n = layers.size();
            inputs = new DMatrixRMaj[n];
            caches = new Layer.Cache[n];
            DMatrixRMaj h = x;
            for (int i = 0; i < n; i++) {
                inputs[i] = h;
                caches[i] = layers.get(i).forward(h, params[i]);
                h = caches[i].out();
            }
            output = h;
            lossValue = loss.value(output, y);
            gOut = new DMatrixRMaj[n];
            grad = new Params[n];
            DMatrixRMaj g = loss.gradient(output, y);
            int lowest = firstWeightLayer();
            for (int i = n - 1; i >= 0; i--) {
                gOut[i] = g;
                Layer.Grad r = layers.get(i).backward(inputs[i], caches[i], params[i], g, i > lowest);
                grad[i] = r.params();
                g = r.in();
            }
        }

        private int firstWeightLayer() {
            for (int i = 0; i < params.length; i++) {
                if (params[i] != null) {
                    return i;
                }
            }
            return params.length;
        }

        public Network network() {
            return Network.this;
        }

        public double loss() {
            return lossValue;
        }

        /** Network output on the batch (logits for cross-entropy). */
        public DMatrixRMaj output() {
            return output;
        }

        /** Exact gradient, per layer (null for parameterless layers). */
        public Params[] gradient() {
            return grad.clone();
        }

        public double[] flatGradient() {
            return flatten(grad);
        }

        /** Exact Hessian-vector product H v for a direction given per layer (null blocks are zero). */
        public Params[] hvp(Params[] v) {
            if (v == null || v.length != layers.size()) {
                throw new IllegalArgumentException("v: must have one block per layer (" + layers.size() + ")");
            }
            int lowest = layers.size();
            for (int i = 0; i < v.length; i++) {
                if (v[i] != null) {
                    if (params[i] == null) {
                        throw new IllegalArgumentException("v: layer " + i + " has no parameters");
                    }
                    Require.sameShape("params[" + i + "].w", params[i].w(), "v[" + i + "].w", v[i].w());
                }
            }
            lowest = firstWeightLayer();
            return rPasses(v, lowest, -1);
        }

        /** H v for a flat direction. */
        public double[] flatHvp(double[] v) {
            return flatten(hvp(unflatten(v)));
        }

        /** R-passes; parameter blocks of H v are formed for every layer if {@code only} &lt; 0, else only for that layer. */
        private Params[] rPasses(Params[] v, int lowest, int only) {
            int n = layers.size();
            DMatrixRMaj[] rIn = new DMatrixRMaj[n];
            DMatrixRMaj r = null;
            for (int i = 0; i < n; i++) {
                rIn[i] = r;
                r = layers.get(i).rForward(inputs[i], r, caches[i], params[i], v[i]);
            }
            DMatrixRMaj rg = r == null ? null : loss.rGradient(output, y, r);
            Params[] out = new Params[n];
            for (int i = n - 1; i >= lowest; i--) {
                Layer.Grad g = layers.get(i).rBackward(inputs[i], rIn[i], caches[i], params[i], v[i], gOut[i], rg, i > lowest,
                        only < 0 || only == i);
                out[i] = g.params();
                rg = g.in();
            }
            return out;
        }

        /**
         * Directional curvature vec(D)ᵀ H vec(D) of the loss along a weight-only direction D in
         * layer {@code layer} (bias direction zero); exact, by one Hessian-vector product whose
         * R-backward pass stops at that layer.
         */
        public double curvature(int layer, DMatrixRMaj d) {
            checkWeightLayer(layer);
            Require.finite("d", d);
            Require.sameShape("W", params[layer].w(), "d", d);
            Params[] v = new Params[layers.size()];
            v[layer] = Params.weightOnly(d);
            Params[] hv = rPasses(v, layer, layer);
            DMatrixRMaj hw = hv[layer].w();
            double s = 0;
            for (int i = 0; i < d.getNumElements(); i++) {
                s += d.data[i] * hw.data[i];
            }
            return s;
        }

        /**
         * Directional curvature along the rank-one weight direction D = u vᵀ of layer {@code layer}
         * (u ∈ R^m, v ∈ R^n), equal to {@link #curvature}(layer, u vᵀ) but cheaper: with A the layer's
         * input rows (im2col patches for a convolution), R{Z} = (A v) uᵀ, and after the R-passes above
         * the layer, uᵀ R{∂L/∂W} v = (R{g_Z} u)ᵀ (A v), so no m × n product is formed at the layer.
         */
        public double curvatureRankOne(int layer, double[] u, double[] v) {
            checkWeightLayer(layer);
            DMatrixRMaj w = params[layer].w();
            Require.finite("u", u);
            Require.finite("v", v);
            if (u.length != w.numRows || v.length != w.numCols) {
                throw new IllegalArgumentException("u: u and v must have lengths " + w.numRows + " and " + w.numCols
                        + ", got " + u.length + " and " + v.length);
            }
            LayerSignals s = signals(layer);
            DMatrixRMaj a = s.a();
            int rows = a.numRows;
            double[] av = new double[rows];
            for (int r = 0; r < rows; r++) {
                double t = 0;
                int o = r * a.numCols;
                for (int j = 0; j < v.length; j++) {
                    t += a.data[o + j] * v[j];
                }
                av[r] = t;
            }
            int n = layers.size();
            DMatrixRMaj rz = new DMatrixRMaj(inputs[layer].numRows, layers.get(layer).outputSize());
            int m = u.length;
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < m; i++) {
                    rz.data[r * m + i] = av[r] * u[i];
                }
            }
            DMatrixRMaj[] rIn = new DMatrixRMaj[n];
            DMatrixRMaj r = rz;
            for (int i = layer + 1; i < n; i++) {
                rIn[i] = r;
                r = layers.get(i).rForward(inputs[i], r, caches[i], params[i], null);
            }
            DMatrixRMaj rg = r == null ? null : loss.rGradient(output, y, r);
            for (int i = n - 1; i > layer && rg != null; i--) {
                rg = layers.get(i).rBackward(inputs[i], rIn[i], caches[i], params[i], null, gOut[i], rg, true, false).in();
            }
            if (rg == null) {
                return 0;
            }
            double h = 0;
            for (int row = 0; row < rows; row++) {
                double t = 0;
                for (int i = 0; i < m; i++) {
                    t += rg.data[row * m + i] * u[i];
                }
                h += t * av[row];
            }
            return h;
        }

        /** The (A, δ) factors of layer {@code layer}'s weight gradient on this batch. */
        public LayerSignals signals(int layer) {
            checkWeightLayer(layer);
            Layer l = layers.get(layer);
            DMatrixRMaj a;
            DMatrixRMaj delta;
            if (l instanceof Conv2d c) {
                a = (DMatrixRMaj) caches[layer].extra();
                delta = c.asRows(gOut[layer]).copy();
            } else {
                a = inputs[layer];
                delta = gOut[layer].copy();
            }
            CommonOps_DDRM.scale(a.numRows, delta);
            return new LayerSignals(a, delta);
        }

        private void checkWeightLayer(int layer) {
            if (layer < 0 || layer >= layers.size() || params[layer] == null) {
                throw new IllegalArgumentException("layer: " + layer + " is not a weight layer; weight layers are "
                        + Arrays.toString(weightLayers()));
            }
        }
    }
}
