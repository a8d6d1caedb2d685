package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Fully connected layer y = W x + b with W ∈ R^{m×n}; on a batch X (B × n), Y = X Wᵀ + 1bᵀ.
 *
 * <p>Backward: ∂L/∂W = g_Yᵀ X, ∂L/∂b = column sums of g_Y, g_X = g_Y W.
 * R-forward: R{Y} = R{X} Wᵀ + X Vᵀ + 1 v_bᵀ.
 * R-backward: R{∂L/∂W} = R{g_Y}ᵀ X + g_Yᵀ R{X}, R{∂L/∂b} = column sums of R{g_Y},
 * R{g_X} = R{g_Y} W + g_Y V.
 */
public record Dense(int inputSize, int outputSize) implements Layer {

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
    public Cache forward(DMatrixRMaj in, Params p) {
        DMatrixRMaj out = new DMatrixRMaj(in.numRows, outputSize);
        CommonOps_DDRM.multTransB(in, p.w(), out);
        addBias(out, p.b());
        return new Cache(out, null);
    }

    static void addBias(DMatrixRMaj out, double[] b) {
        int c = out.numCols;
        for (int r = 0; r < out.numRows; r++) {
            int o = r * c;
            for (int j = 0; j < c; j++) {
                out.data[o + j] += b[j];
            }
        }
    }

    static double[] columnSums(DMatrixRMaj g) {
        double[] s = new double[g.numCols];
        int c = g.numCols;
        for (int r = 0; r < g.numRows; r++) {
            int o = r * c;
            for (int j = 0; j < c; j++) {
                s[j] += g.data[o + j];
            }
        }
        return s;
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        DMatrixRMaj gw = new DMatrixRMaj(outputSize, inputSize);
        CommonOps_DDRM.multTransA(gOut, in, gw);
        DMatrixRMaj gIn = null;
        if (needInputGrad) {
            gIn = new DMatrixRMaj(in.numRows, inputSize);
            CommonOps_DDRM.mult(gOut, p.w(), gIn);
        }
        return new Grad(gIn, new Params(gw, columnSums(gOut)));
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        if (rIn == null && v == null) {
            return null;
        }
        DMatrixRMaj r = new DMatrixRMaj(in.numRows, outputSize);
        if (rIn != null) {
            CommonOps_DDRM.multTransB(rIn, p.w(), r);
        }
        if (v != null) {
            CommonOps_DDRM.multAddTransB(in, v.w(), r);
            addBias(r, v.b());
        }
        return r;
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        Params rp = null;
        if (needParams) {
            DMatrixRMaj rw = new DMatrixRMaj(outputSize, inputSize);
            double[] rb = new double[outputSize];
            if (rGOut != null) {
                CommonOps_DDRM.multTransA(rGOut, in, rw);
                rb = columnSums(rGOut);
            }
            if (rIn != null) {
                CommonOps_DDRM.multAddTransA(gOut, rIn, rw);
            }
            rp = new Params(rw, rb);
        }
        DMatrixRMaj rgIn = null;
        if (needInputGrad && (rGOut != null || v != null)) {
            rgIn = new DMatrixRMaj(in.numRows, inputSize);
            if (rGOut != null) {
                CommonOps_DDRM.mult(rGOut, p.w(), rgIn);
            }
            if (v != null) {
                CommonOps_DDRM.multAdd(gOut, v.w(), rgIn);
            }
        }
        return new Grad(rgIn, rp);
    }
}
