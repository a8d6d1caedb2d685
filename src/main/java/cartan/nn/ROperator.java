package cartan.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Pearlmutter's R-operator over a {@link Pass}: R{·} = d/dt|₀ along a parameter direction V, pushed
 * forward through the cached activations (R-forward) and then back through the backward pass
 * (R-backward). R{∂L/∂θ} = H V exactly (forward-over-reverse), at about twice the cost of a gradient.
 * Residual connections add R{o_s} forward and pass R{g} to their source backward, like the plain pass.
 */
final class ROperator {

    private ROperator() {
    }

    /**
     * H v, layer by layer; the R-backward pass stops at layer {@code lowest}, and parameter blocks are
     * formed for every layer if {@code only} &lt; 0, else only for that layer.
     */
    static Params[] hvp(Pass pass, Params[] v, int lowest, int only) {
        Network net = pass.network();
        List<Layer> layers = net.layers();
        int n = layers.size();
        DMatrixRMaj[] rOut = new DMatrixRMaj[n];
        for (int i = 0; i < n; i++) {
            DMatrixRMaj rIn = i == 0 ? null : rOut[i - 1];
            DMatrixRMaj r = layers.get(i).rForward(pass.input(i), rIn, pass.cache(i), net.params(i), v[i]);
            rOut[i] = Pass.plus(r, Network.source(net.skip(i), null, rOut));
        }
        return rBackward(pass, v, rOut, lowest, only);
    }

    /** The R-backward pass from the loss down to layer {@code lowest}, given R{o_i} for every node. */
    private static Params[] rBackward(Pass pass, Params[] v, DMatrixRMaj[] rOut, int lowest, int only) {
        Network net = pass.network();
        List<Layer> layers = net.layers();
        int n = layers.size();
        DMatrixRMaj top = rOut[n - 1];
        DMatrixRMaj rg = top == null ? null : net.loss().rGradient(pass.output(), pass.targets(), top);
        DMatrixRMaj[] pending = new DMatrixRMaj[n];
        Params[] out = new Params[n];
        for (int i = n - 1; i >= lowest; i--) {
            DMatrixRMaj rgi = Pass.plus(rg, pending[i]);
            int s = net.skip(i);
            if (s >= lowest && rgi != null) {
                pending[s] = Pass.plus(pending[s], rgi);
            }
            DMatrixRMaj rIn = i == 0 ? null : rOut[i - 1];
            boolean needParams = net.params(i) != null && (only < 0 || only == i);
            Layer.Grad g = layers.get(i).rBackward(pass.input(i), rIn, pass.cache(i), net.params(i), v == null ? null : v[i],
                    pass.outputGradient(i), rgi, i > lowest, needParams);
            out[i] = g.params();
            rg = g.in();
        }
        return out;
    }

    /**
     * uᵀ R{∂L/∂W} v for the direction V = u vᵀ in weight layer {@code layer}: R{Z} = (A v) uᵀ starts the
     * R-forward pass there (nothing below changes), and the R-backward pass stops above it.
     */
    static double curvatureRankOne(Pass pass, WeightLayer wl, int layer, double[] u, double[] v) {
        Network net = pass.network();
        List<Layer> layers = net.layers();
        int n = layers.size();
        DMatrixRMaj a = wl.inputRows(pass.input(layer), pass.cache(layer));
        int rows = a.numRows;
        int m = u.length;
        double[] av = new double[rows];
        for (int r = 0; r < rows; r++) {
            double t = 0;
            int o = r * a.numCols;
            for (int j = 0; j < v.length; j++) {
                t += a.data[o + j] * v[j];
            }
            av[r] = t;
        }
        DMatrixRMaj rz = new DMatrixRMaj(pass.input(layer).numRows, wl.outputSize());
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < m; i++) {
                rz.data[r * m + i] = av[r] * u[i];
            }
        }
        DMatrixRMaj[] rOut = new DMatrixRMaj[n];
        rOut[layer] = rz;
        for (int i = layer + 1; i < n; i++) {
            DMatrixRMaj r = layers.get(i).rForward(pass.input(i), rOut[i - 1], pass.cache(i), net.params(i), null);
            int s = net.skip(i);
            rOut[i] = Pass.plus(r, s >= layer ? rOut[s] : null);
        }
        // R-backward down to (and excluding the parameter part of) the layer itself
        DMatrixRMaj top = rOut[n - 1];
        DMatrixRMaj rg = top == null ? null : net.loss().rGradient(pass.output(), pass.targets(), top);
        DMatrixRMaj[] pending = new DMatrixRMaj[n];
        for (int i = n - 1; i > layer; i--) {
            DMatrixRMaj rgi = Pass.plus(rg, pending[i]);
            int s = net.skip(i);
            if (s >= layer && rgi != null) {
                pending[s] = Pass.plus(pending[s], rgi);
            }
            rg = rgi == null && rOut[i - 1] == null ? null
                    : layers.get(i).rBackward(pass.input(i), rOut[i - 1], pass.cache(i), net.params(i), null,
                    pass.outputGradient(i), rgi, true, false).in();
        }
        rg = Pass.plus(rg, pending[layer]);
        if (rg == null) {
            return 0;
        }
        DMatrixRMaj rgRows = wl.outputRows(rg);
        double h = 0;
        for (int row = 0; row < rows; row++) {
            double t = 0;
            for (int i = 0; i < m; i++) {
                t += rgRows.data[row * m + i] * u[i];
            }
            h += t * av[row];
        }
        return h;
    }
}
