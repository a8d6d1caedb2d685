package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Fully connected layer y = W x + b with W ∈ R^{m×n}; on a batch X (B × n), Y = X Wᵀ + 1bᵀ — the
 * {@link AffineRows} map with A = X (one row per sample).
 *
 * <p>Backward: ∂L/∂W = g_Yᵀ X, ∂L/∂b = column sums of g_Y, g_X = g_Y W.
 * R-forward: R{Y} = R{X} Wᵀ + X Vᵀ + 1 v_bᵀ.
 * R-backward: R{∂L/∂W} = R{g_Y}ᵀ X + g_Yᵀ R{X}, R{∂L/∂b} = column sums of R{g_Y},
 * R{g_X} = R{g_Y} W + g_Y V.
 */
public record Dense(int inputSize, int outputSize) implements WeightLayer {

    public Dense {
        Require.atLeast("inputSize", inputSize, 1);
        Require.atLeast("outputSize", outputSize, 1);
    }

    @Override
    public String name() {
        return "dense(" + inputSize + "→" + outputSize + ")";
    }

    @Override
    public int[] weightShape() {
        return new int[]{outputSize, inputSize};
    }

    @Override
    public int rowsPerSample() {
        return 1;
    }

    @Override
    public DMatrixRMaj inputRows(DMatrixRMaj in, Cache cache) {
        return in;
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        return new Cache(AffineRows.forward(in, p), null);
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        return new Grad(needInputGrad ? AffineRows.inputGradient(gOut, p) : null, AffineRows.weightGradient(in, gOut));
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        return AffineRows.rForward(in, rIn, p, v);
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        Params rp = needParams ? AffineRows.rWeightGradient(in, rIn, gOut, rGOut, outputSize) : null;
        DMatrixRMaj rgIn = needInputGrad ? AffineRows.rInputGradient(gOut, rGOut, p, v) : null;
        return new Grad(rgIn, rp);
    }
}
