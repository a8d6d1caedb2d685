package cartan.nn;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A feed-forward network: a chain of {@link Layer}s (nodes 0 … n−1), each applied to the previous
 * node's output, followed by a {@link Loss}, with its parameters. A node may also carry a residual
 * connection: its output is f(x) + (the output of an earlier node, or of the network input), which
 * is how residual CNN blocks and pre-LN transformer blocks (x + Attn(LN(x)), x + MLP(LN(x))) are
 * built ({@link #builder}). Immutable: training steps return a new network ({@link #withFlatParameters}).
 *
 * <p>{@link #pass} runs the forward and backward passes on a batch once and returns a {@link Pass}
 * from which the loss, the exact gradient, exact Hessian-vector products (forward-over-reverse,
 * Pearlmutter's R-operator) and each weight layer's gradient factors (A, δ) are read.
 *
 * <p>Flat parameter order: for each weight layer in turn, W row-major, then b.
 */
public final class Network {

    /** {@link #skip} value of a node without a residual connection. */
    public static final int NO_SKIP = Integer.MIN_VALUE;
    /** {@link #skip} value of a residual connection from the network input. */
    public static final int INPUT = -1;

    private final List<Layer> layers;
    private final Params[] params;
    private final int[] skips;
    private final List<String> names;
    private final Loss loss;

    private Network(List<Layer> layers, Params[] params, int[] skips, List<String> names, Loss loss) {
        this.layers = List.copyOf(layers);
        this.params = params;
        this.skips = skips;
        this.names = List.copyOf(names);
        this.loss = loss;
    }

    /**
     * A plain chain from layers and their parameters ({@code null} entries for parameterless layers).
     *
     * @throws IllegalArgumentException if sizes do not chain or a parameter shape is wrong
     */
    public static Network of(List<Layer> layers, List<Params> params, Loss loss) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers: must not be empty");
        }
        int[] skips = new int[layers.size()];
        Arrays.fill(skips, NO_SKIP);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            names.add(i + ":" + (layers.get(i) == null ? "null" : layers.get(i).name()));
        }
        return of(layers, params, skips, names, loss);
    }

    static Network of(List<Layer> layers, List<Params> params, int[] skips, List<String> names, Loss loss) {
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
            if (l == null) {
                throw new IllegalArgumentException("layers: entry " + i + " is null");
            }
            if (i > 0 && layers.get(i - 1).outputSize() != l.inputSize()) {
                throw new IllegalArgumentException("layers: layer " + i + " (" + l.name() + ") expects "
                        + l.inputSize() + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputSize());
            }
            int s = skips[i];
            if (s != NO_SKIP) {
                if (s < INPUT || s >= i) {
                    throw new IllegalArgumentException("skips: layer " + i + " can only add the input (-1) or an earlier layer, got " + s);
                }
                int size = s == INPUT ? layers.get(0).inputSize() : layers.get(s).outputSize();
                if (size != l.outputSize()) {
                    throw new IllegalArgumentException("skips: layer " + i + " (" + l.name() + ") gives " + l.outputSize()
                            + " outputs but its residual source " + s + " gives " + size);
                }
            }
            int[] shape = l.weightShape();
            Params p = params.get(i);
            if (shape == null && p != null) {
                throw new IllegalArgumentException("params: layer " + i + " (" + l.name() + ") has no parameters");
            }
            if (shape != null && (p == null || p.w().numRows != shape[0] || p.w().numCols != shape[1])) {
                throw new IllegalArgumentException("params: layer " + i + " (" + l.name() + ") needs W of shape "
                        + shape[0] + "x" + shape[1] + ", got " + (p == null ? "null" : p.w().numRows + "x" + p.w().numCols));
            }
            ps[i] = p;
        }
        return new Network(layers, ps, skips.clone(), names, loss);
    }

    /** A builder for networks with named layers and residual connections. */
    public static NetworkBuilder builder() {
        return new NetworkBuilder();
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

    /** The name of layer i (given to the builder, or "i:layer-name"). */
    public String name(int i) {
        return names.get(i);
    }

    /** The residual source of layer i: an earlier layer, {@link #INPUT}, or {@link #NO_SKIP}. */
    public int skip(int i) {
        return skips[i];
    }

    /** Index of the layer with this name. */
    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("name: no layer is called '" + name + "'");
        }
        return i;
    }

    /** Indices of the layers that have weights. */
    public int[] weightLayers() {
        return IntStream.range(0, layers.size()).filter(i -> params[i] != null).toArray();
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

    /** Flatten per-layer parameter blocks (gradients, directions) in the network's order (null blocks are zero). */
    public double[] flatten(Params[] blocks) {
        if (blocks == null || blocks.length != params.length) {
            throw new IllegalArgumentException("blocks: must have one entry per layer (" + params.length + ")");
        }
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
        return new Network(layers, unflatten(flat), skips, names, loss);
    }

    /** The same architecture with new per-layer parameters (checked like {@link #of}). */
    public Network withParams(Params[] ps) {
        if (ps == null || ps.length != params.length) {
            throw new IllegalArgumentException("ps: must have one entry per layer (" + params.length + ")");
        }
        return of(layers, Arrays.asList(ps), skips, names, loss);
    }

    /** The same network with layer i's parameters replaced. */
    public Network withParams(int i, Params p) {
        Params[] ps = params.clone();
        ps[i] = p;
        return withParams(ps);
    }

    /** All per-layer parameters (null for parameterless layers). */
    public Params[] params() {
        return params.clone();
    }

    void checkInput(DMatrixRMaj x) {
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
            DMatrixRMaj in = CommonOps_DDRM.extract(x, start, end, 0, x.numCols);
            DMatrixRMaj[] outs = new DMatrixRMaj[layers.size()];
            DMatrixRMaj h = in;
            for (int i = 0; i < layers.size(); i++) {
                h = Pass.plus(layers.get(i).forward(h, params[i]).out(), source(skips[i], in, outs));
                outs[i] = h;
            }
            System.arraycopy(h.data, 0, out.data, start * out.numCols, (end - start) * out.numCols);
        }
        return out;
    }

    /** The residual term of a node: the named source, or null without a skip. */
    static DMatrixRMaj source(int skip, DMatrixRMaj input, DMatrixRMaj[] outs) {
        return skip == NO_SKIP ? null : skip == INPUT ? input : outs[skip];
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
        Require.atLeast("classes", classes, 1);
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
        return new Pass(this, x, y);
    }
}
