package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;

/**
 * The state of one batch after the forward and backward passes of a {@link Network}: the loss, the
 * exact gradient, each weight layer's gradient factors (A, δ), and — through {@link ROperator} —
 * exact Hessian-vector products, each costing one R-forward and one R-backward pass over the cached
 * activations.
 *
 * <p>Backward with residual connections: a node's output o_i = f_i(o_{i−1}) + o_{s(i)} passes its
 * gradient g_i both to f_i and, unchanged, to node s(i), where it is added to what arrives from s(i)'s
 * own consumer; the R-passes treat R{o_i} and R{g_i} the same way.
 */
public final class Pass {

    private final Network network;
    private final DMatrixRMaj x;
    private final DMatrixRMaj y;
    private final DMatrixRMaj[] outs;
    private final Layer.Cache[] caches;
    private final DMatrixRMaj[] gOut;
    private final Params[] grad;
    private final double lossValue;

    Pass(Network network, DMatrixRMaj x, DMatrixRMaj y) {
        this.network = network;
        this.x = x;
        this.y = y;
        List<Layer> layers = network.layers();
        int n = layers.size();
        outs = new DMatrixRMaj[n];
        caches = new Layer.Cache[n];
        for (int i = 0; i < n; i++) {
            caches[i] = layers.get(i).forward(input(i), network.params(i));
            outs[i] = plus(caches[i].out(), Network.source(network.skip(i), x, outs));
        }
        lossValue = network.loss().value(outs[n - 1], y);
        gOut = new DMatrixRMaj[n];
        grad = new Params[n];
        DMatrixRMaj[] pending = new DMatrixRMaj[n];
        DMatrixRMaj g = network.loss().gradient(outs[n - 1], y);
        int lowest = lowestWeightLayer();
        for (int i = n - 1; i >= 0; i--) {
            gOut[i] = plus(g, pending[i]);
            int s = network.skip(i);
            if (s >= 0) {
                pending[s] = plus(pending[s], gOut[i]);
            }
            Layer.Grad r = layers.get(i).backward(input(i), caches[i], network.params(i), gOut[i], i > lowest);
            grad[i] = r.params();
            g = r.in();
        }
    }

    /** x + y with null as zero; never modifies its arguments (a new array unless one side is null). */
    static DMatrixRMaj plus(DMatrixRMaj a, DMatrixRMaj b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        DMatrixRMaj s = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < s.getNumElements(); i++) {
            s.data[i] = a.data[i] + b.data[i];
        }
        return s;
    }

    int lowestWeightLayer() {
        int[] w = network.weightLayers();
        return w.length == 0 ? network.layers().size() : w[0];
    }

    /** The input of node i: the batch for node 0, else node i−1's output. */
    DMatrixRMaj input(int i) {
        return i == 0 ? x : outs[i - 1];
    }

    Layer.Cache cache(int i) {
        return caches[i];
    }

    /** ∂L/∂(output of node i), residual contributions included. */
    DMatrixRMaj outputGradient(int i) {
        return gOut[i];
    }

    DMatrixRMaj targets() {
        return y;
    }

    DMatrixRMaj batch() {
        return x;
    }

    public Network network() {
        return network;
    }

    public double loss() {
        return lossValue;
    }

    /** Network output on the batch (logits for cross-entropy). */
    public DMatrixRMaj output() {
        return outs[outs.length - 1];
    }

    /** Exact gradient, per layer (null for parameterless layers). */
    public Params[] gradient() {
        return grad.clone();
    }

    public double[] flatGradient() {
        return network.flatten(grad);
    }

    /** Exact Hessian-vector product H v for a direction given per layer (null blocks are zero). */
    public Params[] hvp(Params[] v) {
        int n = network.layers().size();
        if (v == null || v.length != n) {
            throw new IllegalArgumentException("v: must have one block per layer (" + n + ")");
        }
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null) {
                if (network.params(i) == null) {
                    throw new IllegalArgumentException("v: layer " + i + " has no parameters");
                }
                Require.sameShape("params[" + i + "].w", network.params(i).w(), "v[" + i + "].w", v[i].w());
            }
        }
        return ROperator.hvp(this, v, lowestWeightLayer(), -1);
    }

    /** H v for a flat direction. */
    public double[] flatHvp(double[] v) {
        return network.flatten(hvp(network.unflatten(v)));
    }

    /**
     * Directional curvature vec(D)ᵀ H vec(D) of the loss along a weight-only direction D in layer
     * {@code layer} (bias direction zero); exact, by one Hessian-vector product whose R-backward pass
     * stops at that layer.
     */
    public double curvature(int layer, DMatrixRMaj d) {
        checkWeightLayer(layer);
        Require.finite("d", d);
        Require.sameShape("W", network.params(layer).w(), "d", d);
        Params[] v = new Params[network.layers().size()];
        v[layer] = Params.weightOnly(d);
        DMatrixRMaj hw = ROperator.hvp(this, v, layer, layer)[layer].w();
        double s = 0;
        for (int i = 0; i < d.getNumElements(); i++) {
            s += d.data[i] * hw.data[i];
        }
        return s;
    }

    /**
     * Directional curvature along the rank-one weight direction D = u vᵀ of layer {@code layer}
     * (u ∈ R^m, v ∈ R^n), equal to {@link #curvature}(layer, u vᵀ) but cheaper: with A the layer's
     * input rows, R{Z} = (A v) uᵀ, and after the R-passes above the layer,
     * uᵀ R{∂L/∂W} v = (R{g_Z} u)ᵀ (A v), so no m × n product is formed at the layer.
     */
    public double curvatureRankOne(int layer, double[] u, double[] v) {
        checkWeightLayer(layer);
        DMatrixRMaj w = network.params(layer).w();
        Require.finite("u", u);
        Require.finite("v", v);
        if (u.length != w.numRows || v.length != w.numCols) {
            throw new IllegalArgumentException("u: u and v must have lengths " + w.numRows + " and " + w.numCols
                    + ", got " + u.length + " and " + v.length);
        }
        return ROperator.curvatureRankOne(this, (WeightLayer) network.layers().get(layer), layer, u, v);
    }

    /**
     * The (A, δ) factors of layer {@code layer}'s weight gradient on this batch: A its input rows and
     * δ = R·∂L/∂Z (R rows), so that G = δᵀA/R ({@link LayerSignals}).
     */
    public LayerSignals signals(int layer) {
        checkWeightLayer(layer);
        WeightLayer l = (WeightLayer) network.layers().get(layer);
        DMatrixRMaj a = l.inputRows(input(layer), caches[layer]);
        DMatrixRMaj delta = l.outputRows(gOut[layer]).copy();
        for (int i = 0; i < delta.getNumElements(); i++) {
            delta.data[i] *= a.numRows;
        }
        return new LayerSignals(a, delta);
    }

    void checkWeightLayer(int layer) {
        if (layer < 0 || layer >= network.layers().size() || network.params(layer) == null) {
            throw new IllegalArgumentException("layer: " + layer + " is not a weight layer; weight layers are "
                    + Arrays.toString(network.weightLayers()));
        }
    }
}
