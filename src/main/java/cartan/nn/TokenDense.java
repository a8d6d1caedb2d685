package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * The same linear map applied to every token of a sequence: a sample is T tokens of width n stored as
 * one row of length T·n (token-major), and y_t = W x_t + b with W ∈ R^{m×n} for t = 1…T. Seen as
 * R = B·T rows this is the {@link AffineRows} map with A = the tokens, so G = g_Zᵀ A sums over samples
 * and positions, as for a 1 × 1 convolution. A transformer's QKV projection (n → 3n), attention output
 * projection, MLP up/down projections and language-model head are all of this kind.
 */
public record TokenDense(int tokens, int inputWidth, int outputWidth) implements WeightLayer {

    public TokenDense {
        Require.atLeast("tokens", tokens, 1);
        Require.atLeast("inputWidth", inputWidth, 1);
        Require.atLeast("outputWidth", outputWidth, 1);
    }

    @Override
    public String name() {
        return "tokenDense(" + inputWidth + "→" + outputWidth + ")";
    }

    @Override
    public int inputSize() {
        return tokens * inputWidth;
    }

    @Override
    public int outputSize() {
        return tokens * outputWidth;
    }

    @Override
    public int[] weightShape() {
        return new int[]{outputWidth, inputWidth};
    }

    @Override
    public int rowsPerSample() {
        return tokens;
    }

    @Override
    public DMatrixRMaj inputRows(DMatrixRMaj in, Cache cache) {
        return rows(in);
    }

    private DMatrixRMaj rows(DMatrixRMaj x) {
        return x == null ? null : DMatrixRMaj.wrap(x.numRows * tokens, inputWidth, x.data);
    }

    private DMatrixRMaj batch(DMatrixRMaj z, int b, int width) {
        return z == null ? null : DMatrixRMaj.wrap(b, tokens * width, z.data);
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        return new Cache(batch(AffineRows.forward(rows(in), p), in.numRows, outputWidth), null);
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        DMatrixRMaj g = outputRows(gOut);
        DMatrixRMaj gIn = needInputGrad ? batch(AffineRows.inputGradient(g, p), in.numRows, inputWidth) : null;
        return new Grad(gIn, AffineRows.weightGradient(rows(in), g));
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        return batch(AffineRows.rForward(rows(in), rows(rIn), p, v), in.numRows, outputWidth);
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        DMatrixRMaj g = outputRows(gOut);
        DMatrixRMaj rg = rGOut == null ? null : outputRows(rGOut);
        Params rp = needParams ? AffineRows.rWeightGradient(rows(in), rows(rIn), g, rg, outputWidth) : null;
        DMatrixRMaj rgIn = needInputGrad ? batch(AffineRows.rInputGradient(g, rg, p, v), in.numRows, inputWidth) : null;
        return new Grad(rgIn, rp);
    }
}
