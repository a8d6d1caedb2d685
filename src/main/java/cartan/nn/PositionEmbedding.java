package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Learned position embedding: token t of every sample gets y_t = x_t + P e_t + b, with P ∈ R^{d×T}
 * (column t is position t's embedding). The W-dependent part is the {@link AffineRows} map on the
 * one-hot position rows A ∈ {0,1}^{B·T × T}, so G = g_Zᵀ A = Σ_samples g_{·,t} column by column;
 * the input passes through unchanged (g_x = g_y, R{y} = R{x} + A Vᵀ + 1 v_bᵀ, R{g_x} = R{g_y}).
 */
public record PositionEmbedding(int tokens, int width) implements WeightLayer {

    public PositionEmbedding {
        Require.atLeast("tokens", tokens, 1);
        Require.atLeast("width", width, 1);
    }

    @Override
    public String name() {
        return "positionEmbedding(" + tokens + "×" + width + ")";
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
        return new int[]{width, tokens};
    }

    @Override
    public int rowsPerSample() {
        return tokens;
    }

    @Override
    public DMatrixRMaj inputRows(DMatrixRMaj in, Cache cache) {
        return positions(in.numRows);
    }

    /** One-hot rows of the positions 0…T−1, repeated for each of {@code batch} samples. */
    DMatrixRMaj positions(int batch) {
        DMatrixRMaj a = new DMatrixRMaj(batch * tokens, tokens);
        for (int r = 0; r < a.numRows; r++) {
            a.data[r * tokens + r % tokens] = 1;
        }
        return a;
    }

    private static DMatrixRMaj plus(DMatrixRMaj x, DMatrixRMaj y) {
        if (x == null) {
            return y;
        }
        if (y == null) {
            return x;
        }
        DMatrixRMaj s = x.copy();
        for (int i = 0; i < s.getNumElements(); i++) {
            s.data[i] += y.data[i];
        }
        return s;
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        DMatrixRMaj z = AffineRows.forward(positions(in.numRows), p);
        return new Cache(plus(in, DMatrixRMaj.wrap(in.numRows, outputSize(), z.data)), null);
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        return new Grad(needInputGrad ? gOut : null, AffineRows.weightGradient(positions(in.numRows), outputRows(gOut)));
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        DMatrixRMaj z = AffineRows.rForward(positions(in.numRows), null, p, v);
        return plus(rIn, z == null ? null : DMatrixRMaj.wrap(in.numRows, outputSize(), z.data));
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        Params rp = needParams ? AffineRows.rWeightGradient(positions(in.numRows), null, outputRows(gOut),
                rGOut == null ? null : outputRows(rGOut), width) : null;
        return new Grad(needInputGrad ? rGOut : null, rp);
    }
}
