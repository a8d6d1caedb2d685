package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Layer normalisation of each token x ∈ R^d (no learned gain or bias): x̂ = (x − μ)/s with
 * μ = mean(x), s = √(var(x) + ε), var the biased (1/d) variance. Without the affine part the
 * following projection absorbs gain and bias exactly in a pre-LN transformer (W diag(g) x̂ + W β + b),
 * so every weight matrix the paper analyses is still there.
 *
 * <p>With ⟨·⟩ the mean over the d features:
 * <ul>
 *   <li>backward: g_x = (g − ⟨g⟩ − x̂⟨g x̂⟩)/s;</li>
 *   <li>R-forward: R{x̂} = (R{x} − ⟨R{x}⟩ − x̂⟨x̂ R{x}⟩)/s (and R{s} = s⟨x̂ R{x}⟩);</li>
 *   <li>R-backward: R{g_x} = −(⟨x̂ R{x}⟩/s) g_x + (R{g} − ⟨R{g}⟩ − R{x̂}⟨g x̂⟩ − x̂(⟨R{g} x̂⟩ + ⟨g R{x̂}⟩))/s.</li>
 * </ul>
 */
public record LayerNorm(int tokens, int width, double epsilon) implements Layer {

    /** The usual ε = 1e-5. */
    public static final double DEFAULT_EPSILON = 1e-5;

    public LayerNorm {
        Require.atLeast("tokens", tokens, 1);
        Require.atLeast("width", width, 2);
        Require.positive("epsilon", epsilon);
    }

    public LayerNorm(int tokens, int width) {
        this(tokens, width, DEFAULT_EPSILON);
    }

    @Override
    public String name() {
        return "layerNorm(" + width + ")";
    }

    @Override
    public int inputSize() {
        return tokens * width;
    }

    @Override
    public int outputSize() {
        return tokens * width;
    }

    @Override
    public int[] weightShape() {
        return null;
    }

    /** 1/s per token (B·T values). */
    private record State(double[] invStd) {
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        int rows = in.numRows * tokens;
        DMatrixRMaj out = new DMatrixRMaj(in.numRows, in.numCols);
        double[] inv = new double[rows];
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double mu = 0;
            for (int j = 0; j < width; j++) {
                mu += in.data[o + j];
            }
            mu /= width;
            double var = 0;
            for (int j = 0; j < width; j++) {
                double d = in.data[o + j] - mu;
                var += d * d;
            }
            inv[r] = 1 / Math.sqrt(var / width + epsilon);
            for (int j = 0; j < width; j++) {
                out.data[o + j] = (in.data[o + j] - mu) * inv[r];
            }
        }
        return new Cache(out, new State(inv));
    }

    /** (g − ⟨g⟩ − x̂⟨g x̂⟩)/s for one token, written into {@code dst}. */
    private void project(double[] g, double[] xh, double inv, int o, double[] dst) {
        double mg = 0;
        double mgx = 0;
        for (int j = 0; j < width; j++) {
            mg += g[o + j];
            mgx += g[o + j] * xh[o + j];
        }
        mg /= width;
        mgx /= width;
        for (int j = 0; j < width; j++) {
            dst[o + j] = (g[o + j] - mg - xh[o + j] * mgx) * inv;
        }
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        if (!needInputGrad) {
            return new Grad(null, null);
        }
        double[] inv = ((State) cache.extra()).invStd();
        DMatrixRMaj g = new DMatrixRMaj(in.numRows, in.numCols);
        for (int r = 0; r < inv.length; r++) {
            project(gOut.data, cache.out().data, inv[r], r * width, g.data);
        }
        return new Grad(g, null);
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        if (rIn == null) {
            return null;
        }
        double[] inv = ((State) cache.extra()).invStd();
        DMatrixRMaj r = new DMatrixRMaj(in.numRows, in.numCols);
        for (int t = 0; t < inv.length; t++) {
            project(rIn.data, cache.out().data, inv[t], t * width, r.data);
        }
        return r;
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        if (!needInputGrad || (rIn == null && rGOut == null)) {
            return new Grad(null, null);
        }
        double[] inv = ((State) cache.extra()).invStd();
        double[] xh = cache.out().data;
        double[] g = gOut.data;
        double[] rxh = rIn == null ? null : rForward(in, rIn, cache, p, v).data;
        DMatrixRMaj out = new DMatrixRMaj(in.numRows, in.numCols);
        double[] res = out.data;
        double[] gx = new double[width];
        for (int t = 0; t < inv.length; t++) {
            int o = t * width;
            double mg = 0;
            double mgx = 0;
            double mrg = 0;
            double mrgx = 0;
            double mgrx = 0;
            double mxr = 0;
            for (int j = 0; j < width; j++) {
                mg += g[o + j];
                mgx += g[o + j] * xh[o + j];
                if (rGOut != null) {
                    mrg += rGOut.data[o + j];
                    mrgx += rGOut.data[o + j] * xh[o + j];
                }
                if (rIn != null) {
                    mgrx += g[o + j] * rxh[o + j];
                    mxr += xh[o + j] * rIn.data[o + j];
                }
            }
            mg /= width;
            mgx /= width;
            mrg /= width;
            mrgx /= width;
            mgrx /= width;
            mxr /= width;
            double s = inv[t];
            for (int j = 0; j < width; j++) {
                gx[j] = (g[o + j] - mg - xh[o + j] * mgx) * s;
                double rg = rGOut == null ? 0 : rGOut.data[o + j];
                double rx = rIn == null ? 0 : rxh[o + j];
                res[o + j] = -mxr * s * gx[j] + (rg - mrg - rx * mgx - xh[o + j] * (mrgx + mgrx)) * s;
            }
        }
        return new Grad(out, null);
    }
}
