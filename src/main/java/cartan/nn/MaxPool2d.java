package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Non-overlapping max-pooling with a {@code pool × pool} window and stride {@code pool} on
 * channels-last images (H' = ⌊H/pool⌋, as Keras "valid" pooling). The map is piecewise linear:
 * each output copies the input at its window's argmax (first maximum on ties), so the backward and
 * R-passes route values through the same argmax indices and the second derivative is zero.
 */
public record MaxPool2d(int height, int width, int channels, int pool) implements Layer {

    public MaxPool2d {
        Require.atLeast("height", height, 1);
        Require.atLeast("width", width, 1);
        Require.atLeast("channels", channels, 1);
        Require.atLeast("pool", pool, 1);
        if (pool > height || pool > width) {
            throw new IllegalArgumentException("pool: window " + pool + " larger than the " + height + "x" + width + " image");
        }
    }

    public int outHeight() {
        return height / pool;
    }

    public int outWidth() {
        return width / pool;
    }

    @Override
    public String name() {
        return "maxpool" + pool + "x" + pool;
    }

    @Override
    public int inputSize() {
        return height * width * channels;
    }

    @Override
    public int outputSize() {
        return outHeight() * outWidth() * channels;
    }

    @Override
    public int[] weightShape() {
        return null;
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        int b = in.numRows;
        int ho = outHeight();
        int wo = outWidth();
        DMatrixRMaj out = new DMatrixRMaj(b, outputSize());
        int[] arg = new int[b * outputSize()];
        for (int s = 0; s < b; s++) {
            int ib = s * in.numCols;
            int ob = s * out.numCols;
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    for (int c = 0; c < channels; c++) {
                        int best = -1;
                        double bv = Double.NEGATIVE_INFINITY;
                        for (int dy = 0; dy < pool; dy++) {
                            for (int dx = 0; dx < pool; dx++) {
                                int idx = ib + ((i * pool + dy) * width + (j * pool + dx)) * channels + c;
                                if (best < 0 || in.data[idx] > bv) {
                                    bv = in.data[idx];
                                    best = idx;
                                }
                            }
                        }
                        int o = ob + (i * wo + j) * channels + c;
                        out.data[o] = bv;
                        arg[o] = best;
                    }
                }
            }
        }
        return new Cache(out, arg);
    }

    private DMatrixRMaj scatter(DMatrixRMaj g, int[] arg, int batch) {
        DMatrixRMaj r = new DMatrixRMaj(batch, inputSize());
        for (int o = 0; o < arg.length; o++) {
            r.data[arg[o]] += g.data[o];
        }
        return r;
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        return new Grad(needInputGrad ? scatter(gOut, (int[]) cache.extra(), in.numRows) : null, null);
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        if (rIn == null) {
            return null;
        }
        int[] arg = (int[]) cache.extra();
        DMatrixRMaj r = new DMatrixRMaj(in.numRows, outputSize());
        for (int o = 0; o < arg.length; o++) {
            r.data[o] = rIn.data[arg[o]];
        }
        return r;
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        if (!needInputGrad || rGOut == null) {
            return new Grad(null, null);
        }
        return new Grad(scatter(rGOut, (int[]) cache.extra(), in.numRows), null);
    }
}
