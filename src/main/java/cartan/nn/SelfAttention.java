package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Multi-head scaled dot-product self-attention, the parameterless core between a transformer's QKV
 * projection and its output projection (both {@link TokenDense}). A sample is T tokens of width 3d,
 * token t holding [q_t, k_t, v_t]; head h (of H, d_h = d/H) uses features h·d_h … (h+1)·d_h − 1 of
 * each. Per sample and head, with c = 1/√d_h:
 * S = c Q Kᵀ (entries s &gt; t masked to −∞ when causal), P = softmax of each row, O = P V; the
 * output is the heads' O side by side (T tokens of width d).
 *
 * <p>Backward (g = g_O): g_V = Pᵀg, g_P = g Vᵀ, g_S = P ⊙ (g_P − r) with r_t = Σ_s (g_P ⊙ P)_ts,
 * g_Q = c g_S K, g_K = c g_Sᵀ Q.
 * R-forward: R{S} = c(R{Q}Kᵀ + Q R{K}ᵀ), R{P} = P ⊙ (R{S} − Σ_s (R{S} ⊙ P)_ts), R{O} = R{P}V + P R{V}.
 * R-backward: R{g_V} = R{P}ᵀg + PᵀR{g}, R{g_P} = R{g}Vᵀ + g R{V}ᵀ,
 * R{g_S} = R{P} ⊙ (g_P − r) + P ⊙ (R{g_P} − R{r}) with R{r}_t = Σ_s (R{g_P} ⊙ P + g_P ⊙ R{P})_ts,
 * R{g_Q} = c(R{g_S}K + g_S R{K}), R{g_K} = c(R{g_S}ᵀQ + g_Sᵀ R{Q}).
 * Masked entries have P = R{P} = 0, so the same formulas serve the causal case.
 */
public record SelfAttention(int tokens, int width, int heads, boolean causal) implements Layer {

    public SelfAttention {
        Require.atLeast("tokens", tokens, 1);
        Require.atLeast("width", width, 1);
        Require.atLeast("heads", heads, 1);
        if (width % heads != 0) {
            throw new IllegalArgumentException("heads: must divide the width " + width + ", got " + heads);
        }
    }

    @Override
    public String name() {
        return (causal ? "causalAttention(" : "attention(") + heads + " heads × " + width / heads + ")";
    }

    @Override
    public int inputSize() {
        return tokens * 3 * width;
    }

    @Override
    public int outputSize() {
        return tokens * width;
    }

    @Override
    public int[] weightShape() {
        return null;
    }

    private int headWidth() {
        return width / heads;
    }

    /** Copies block {@code part} (0 = Q, 1 = K, 2 = V) of head h of sample b into a T × d_h array. */
    private double[] slice(DMatrixRMaj x, int b, int part, int h) {
        int dh = headWidth();
        double[] out = new double[tokens * dh];
        int base = b * x.numCols;
        for (int t = 0; t < tokens; t++) {
            System.arraycopy(x.data, base + t * 3 * width + part * width + h * dh, out, t * dh, dh);
        }
        return out;
    }

    /** Adds a T × d_h block into part {@code part} of head h of sample b of a batch of inputs (T × 3d). */
    private void scatterInput(double[] blk, DMatrixRMaj x, int b, int part, int h) {
        int dh = headWidth();
        int base = b * x.numCols;
        for (int t = 0; t < tokens; t++) {
            int o = base + t * 3 * width + part * width + h * dh;
            for (int j = 0; j < dh; j++) {
                x.data[o + j] += blk[t * dh + j];
            }
        }
    }

    /** Head h of sample b of an output-shaped batch (T × d), as a T × d_h array. */
    private double[] sliceOut(DMatrixRMaj x, int b, int h) {
        int dh = headWidth();
        double[] out = new double[tokens * dh];
        for (int t = 0; t < tokens; t++) {
            System.arraycopy(x.data, b * x.numCols + t * width + h * dh, out, t * dh, dh);
        }
        return out;
    }

    private void writeOut(double[] blk, DMatrixRMaj x, int b, int h) {
        int dh = headWidth();
        for (int t = 0; t < tokens; t++) {
            System.arraycopy(blk, t * dh, x.data, b * x.numCols + t * width + h * dh, dh);
        }
    }

    /** X Yᵀ (T × T) for T × k arrays, times c; entries above the diagonal skipped when causal. */
    private double[] outer(double[] x, double[] y, double c) {
        int k = headWidth();
        double[] s = new double[tokens * tokens];
        for (int t = 0; t < tokens; t++) {
            int last = causal ? t : tokens - 1;
            for (int u = 0; u <= last; u++) {
                double a = 0;
                for (int j = 0; j < k; j++) {
                    a += x[t * k + j] * y[u * k + j];
                }
                s[t * tokens + u] = c * a;
            }
        }
        return s;
    }

    /** acc += c · M Y (M: T × T, Y: T × k). */
    private void mulAdd(double[] m, double[] y, double c, double[] acc) {
        int k = headWidth();
        for (int t = 0; t < tokens; t++) {
            for (int u = 0; u < tokens; u++) {
                double a = c * m[t * tokens + u];
                if (a != 0) {
                    for (int j = 0; j < k; j++) {
                        acc[t * k + j] += a * y[u * k + j];
                    }
                }
            }
        }
    }

    /** acc += c · Mᵀ Y. */
    private void mulTransAdd(double[] m, double[] y, double c, double[] acc) {
        int k = headWidth();
        for (int t = 0; t < tokens; t++) {
            for (int u = 0; u < tokens; u++) {
                double a = c * m[t * tokens + u];
                if (a != 0) {
                    for (int j = 0; j < k; j++) {
                        acc[u * k + j] += a * y[t * k + j];
                    }
                }
            }
        }
    }

    /** P ⊙ (X − rowsum(X ⊙ P)), the softmax Jacobian applied row by row. */
    private double[] softmaxJacobian(double[] p, double[] x) {
        double[] out = new double[p.length];
        for (int t = 0; t < tokens; t++) {
            double r = 0;
            for (int u = 0; u < tokens; u++) {
                r += x[t * tokens + u] * p[t * tokens + u];
            }
            for (int u = 0; u < tokens; u++) {
                out[t * tokens + u] = p[t * tokens + u] * (x[t * tokens + u] - r);
            }
        }
        return out;
    }

    private double scale() {
        return 1 / Math.sqrt(headWidth());
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        int batch = in.numRows;
        DMatrixRMaj out = new DMatrixRMaj(batch, outputSize());
        double[][] probs = new double[batch * heads][];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                double[] s = outer(slice(in, b, 0, h), slice(in, b, 1, h), scale());
                for (int t = 0; t < tokens; t++) {
                    int last = causal ? t : tokens - 1;
                    double mx = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u <= last; u++) {
                        mx = Math.max(mx, s[t * tokens + u]);
                    }
                    double z = 0;
                    for (int u = 0; u <= last; u++) {
                        double e = Math.exp(s[t * tokens + u] - mx);
                        s[t * tokens + u] = e;
                        z += e;
                    }
                    for (int u = 0; u <= last; u++) {
                        s[t * tokens + u] /= z;
                    }
                }
                probs[b * heads + h] = s;
                double[] o = new double[tokens * headWidth()];
                mulAdd(s, slice(in, b, 2, h), 1, o);
                writeOut(o, out, b, h);
            }
        }
        return new Cache(out, probs);
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        if (!needInputGrad) {
            return new Grad(null, null);
        }
        double[][] probs = (double[][]) cache.extra();
        DMatrixRMaj gIn = new DMatrixRMaj(in.numRows, in.numCols);
        double c = scale();
        int dh = headWidth();
        for (int b = 0; b < in.numRows; b++) {
            for (int h = 0; h < heads; h++) {
                double[] pr = probs[b * heads + h];
                double[] q = slice(in, b, 0, h);
                double[] k = slice(in, b, 1, h);
                double[] v = slice(in, b, 2, h);
                double[] g = sliceOut(gOut, b, h);
                double[] gv = new double[tokens * dh];
                mulTransAdd(pr, g, 1, gv);
                double[] gs = softmaxJacobian(pr, outer(g, v, 1));
                double[] gq = new double[tokens * dh];
                double[] gk = new double[tokens * dh];
                mulAdd(gs, k, c, gq);
                mulTransAdd(gs, q, c, gk);
                scatterInput(gq, gIn, b, 0, h);
                scatterInput(gk, gIn, b, 1, h);
                scatterInput(gv, gIn, b, 2, h);
            }
        }
        return new Grad(gIn, null);
    }

    /** R{P} of one head from R{Q}, R{K}. */
    private double[] rProbs(double[] pr, double[] q, double[] k, double[] rq, double[] rk) {
        double[] rs = outer(rq, k, scale());
        double[] t2 = outer(q, rk, scale());
        for (int i = 0; i < rs.length; i++) {
            rs[i] += t2[i];
        }
        return softmaxJacobian(pr, rs);
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        if (rIn == null) {
            return null;
        }
        double[][] probs = (double[][]) cache.extra();
        DMatrixRMaj out = new DMatrixRMaj(in.numRows, outputSize());
        for (int b = 0; b < in.numRows; b++) {
            for (int h = 0; h < heads; h++) {
                double[] pr = probs[b * heads + h];
                double[] rp = rProbs(pr, slice(in, b, 0, h), slice(in, b, 1, h), slice(rIn, b, 0, h), slice(rIn, b, 1, h));
                double[] o = new double[tokens * headWidth()];
                mulAdd(rp, slice(in, b, 2, h), 1, o);
                mulAdd(pr, slice(rIn, b, 2, h), 1, o);
                writeOut(o, out, b, h);
            }
        }
        return out;
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        if (!needInputGrad || (rIn == null && rGOut == null)) {
            return new Grad(null, null);
        }
        double[][] probs = (double[][]) cache.extra();
        DMatrixRMaj out = new DMatrixRMaj(in.numRows, in.numCols);
        double c = scale();
        int dh = headWidth();
        int n = tokens * tokens;
        for (int b = 0; b < in.numRows; b++) {
            for (int h = 0; h < heads; h++) {
                double[] pr = probs[b * heads + h];
                double[] q = slice(in, b, 0, h);
                double[] k = slice(in, b, 1, h);
                double[] vv = slice(in, b, 2, h);
                double[] g = sliceOut(gOut, b, h);
                double[] rq = rIn == null ? null : slice(rIn, b, 0, h);
                double[] rk = rIn == null ? null : slice(rIn, b, 1, h);
                double[] rv = rIn == null ? null : slice(rIn, b, 2, h);
                double[] rg = rGOut == null ? null : sliceOut(rGOut, b, h);
                double[] rp = rIn == null ? new double[n] : rProbs(pr, q, k, rq, rk);
                double[] gp = outer(g, vv, 1);
                // R{g_P} = R{g} Vᵀ + g R{V}ᵀ
                double[] rgp = new double[n];
                if (rg != null) {
                    double[] a = outer(rg, vv, 1);
                    for (int i = 0; i < n; i++) {
                        rgp[i] += a[i];
                    }
                }
                if (rv != null) {
                    double[] a = outer(g, rv, 1);
                    for (int i = 0; i < n; i++) {
                        rgp[i] += a[i];
                    }
                }
                double[] gs = softmaxJacobian(pr, gp);
                double[] rgs = new double[n];
                for (int t = 0; t < tokens; t++) {
                    double r = 0;
                    double rr = 0;
                    for (int u = 0; u < tokens; u++) {
                        int i = t * tokens + u;
                        r += gp[i] * pr[i];
                        rr += rgp[i] * pr[i] + gp[i] * rp[i];
                    }
                    for (int u = 0; u < tokens; u++) {
                        int i = t * tokens + u;
                        rgs[i] = rp[i] * (gp[i] - r) + pr[i] * (rgp[i] - rr);
                    }
                }
                double[] rgv = new double[tokens * dh];
                mulTransAdd(rp, g, 1, rgv);
                if (rg != null) {
                    mulTransAdd(pr, rg, 1, rgv);
                }
                double[] rgq = new double[tokens * dh];
                double[] rgk = new double[tokens * dh];
                mulAdd(rgs, k, c, rgq);
                mulTransAdd(rgs, q, c, rgk);
                if (rk != null) {
                    mulAdd(gs, rk, c, rgq);
                    mulTransAdd(gs, rq, c, rgk);
                }
                scatterInput(rgq, out, b, 0, h);
                scatterInput(rgk, out, b, 1, h);
                scatterInput(rgv, out, b, 2, h);
            }
        }
        return new Grad(out, null);
    }
}
