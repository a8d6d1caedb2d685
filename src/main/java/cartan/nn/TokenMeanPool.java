package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Mean over the T tokens (or positions) of a sample: y = (1/T) Σ_t x_t ∈ R^d. Linear, so
 * g_{x_t} = g_y/T, R{y} = (1/T) Σ_t R{x_t} and R{g_{x_t}} = R{g_y}/T. Serves as the global average
 * pooling of a residual CNN and as the token pooling of a vision transformer.
 */
public record TokenMeanPool(int tokens, int width) implements Layer {

    public TokenMeanPool {
        Require.atLeast("tokens", tokens, 1);
        Require.atLeast("width", width, 1);
    }

    @Override
    public String name() {
        return "meanPool(" + tokens + ")";
    }

    @Override
    public int inputSize() {
        return tokens * width;
    }

    @Override
    public int outputSize() {
        return width;
    }

    @Override
    public int[] weightShape() {
        return null;
    }

    private DMatrixRMaj pool(DMatrixRMaj x) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, width);
        for (int b = 0; b < x.numRows; b++) {
            for (int t = 0; t < tokens; t++) {
                int o = b * x.numCols + t * width;
                for (int j = 0; j < width; j++) {
                    y.data[b * width + j] += x.data[o + j];
                }
            }
        }
        for (int i = 0; i < y.getNumElements(); i++) {
            y.data[i] /= tokens;
        }
        return y;
    }

    private DMatrixRMaj spread(DMatrixRMaj g) {
        DMatrixRMaj x = new DMatrixRMaj(g.numRows, inputSize());
        for (int b = 0; b < g.numRows; b++) {
            for (int t = 0; t < tokens; t++) {
                int o = b * x.numCols + t * width;
                for (int j = 0; j < width; j++) {
                    x.data[o + j] = g.data[b * width + j] / tokens;
                }
            }
        }
        return x;
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        return new Cache(pool(in), null);
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        return new Grad(needInputGrad ? spread(gOut) : null, null);
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        return rIn == null ? null : pool(rIn);
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        return new Grad(needInputGrad && rGOut != null ? spread(rGOut) : null, null);
    }
}
