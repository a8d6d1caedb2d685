package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Valid (no padding), stride-1 2-D convolution on channels-last images, computed by im2col.
 *
 * <p>An input sample is stored as a row of length H·W·C in (h, w, c) order (Keras "channels_last").
 * im2col turns a batch into the patch matrix P with R = B·H'·W' rows (H' = H − kh + 1,
 * W' = W − kw + 1) and kh·kw·C columns in (dy, dx, c) order, so the convolution is the dense map
 * Z = P Wᵀ + 1bᵀ with W ∈ R^{C_out × kh·kw·C} (a Keras kernel [kh, kw, C, C_out] reshaped to
 * (kh·kw·C) × C_out is Wᵀ). Z, read row-major, is the output batch B × (H'·W'·C_out).
 * The backward and R-passes are those of {@link Dense} applied to P, with col2im (the adjoint of
 * im2col) carrying gradients back to the image.
 */
public record Conv2d(int height, int width, int channels, int kernelHeight, int kernelWidth, int filters)
        implements Layer {

    public Conv2d {
        Require.atLeast("height", height, 1);
        Require.atLeast("width", width, 1);
        Require.atLeast("channels", channels, 1);
        Require.atLeast("kernelHeight", kernelHeight, 1);
        Require.atLeast("kernelWidth", kernelWidth, 1);
        Require.atLeast("filters", filters, 1);
        if (kernelHeight > height || kernelWidth > width) {
            throw new IllegalArgumentException("kernelHeight: kernel " + kernelHeight + "x" + kernelWidth
                    + " does not fit a " + height + "x" + width + " image");
        }
    }

    public int outHeight() {
        return height - kernelHeight + 1;
    }

    public int outWidth() {
        return width - kernelWidth + 1;
    }

    /** Number of output positions H'·W' per sample. */
    public int positions() {
        return outHeight() * outWidth();
    }

    /** Patch length kh·kw·C. */
    public int patchSize() {
        return kernelHeight * kernelWidth * channels;
    }

    @Override
    public String name() {
        return "conv" + kernelHeight + "x" + kernelWidth + "(" + channels + "→" + filters + ")";
    }

    @Override
    public int inputSize() {
        return height * width * channels;
    }

    @Override
    public int outputSize() {
        return positions() * filters;
    }

    @Override
    public int[] weightShape() {
        return new int[]{filters, patchSize()};
    }

    /** The im2col patch matrix of a batch (B·H'·W' × kh·kw·C). */
    public DMatrixRMaj im2col(DMatrixRMaj in) {
        int b = in.numRows;
        int ho = outHeight();
        int wo = outWidth();
        int ps = patchSize();
        DMatrixRMaj p = new DMatrixRMaj(b * ho * wo, ps);
        int run = kernelWidth * channels;
        for (int s = 0; s < b; s++) {
            int inBase = s * in.numCols;
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    int row = (s * ho + i) * wo + j;
                    int dst = row * ps;
                    for (int dy = 0; dy < kernelHeight; dy++) {
                        int src = inBase + ((i + dy) * width + j) * channels;
                        System.arraycopy(in.data, src, p.data, dst + dy * run, run);
                    }
                }
            }
        }
        return p;
    }

    /** col2im, the adjoint of {@link #im2col}: sums patch-gradients back onto the image. */
    DMatrixRMaj col2im(DMatrixRMaj q, int batch) {
        int ho = outHeight();
        int wo = outWidth();
        int ps = patchSize();
        int run = kernelWidth * channels;
        DMatrixRMaj g = new DMatrixRMaj(batch, inputSize());
        for (int s = 0; s < batch; s++) {
            int base = s * g.numCols;
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    int src = ((s * ho + i) * wo + j) * ps;
                    for (int dy = 0; dy < kernelHeight; dy++) {
                        int dst = base + ((i + dy) * width + j) * channels;
                        int so = src + dy * run;
                        for (int t = 0; t < run; t++) {
                            g.data[dst + t] += q.data[so + t];
                        }
                    }
                }
            }
        }
        return g;
    }

    /** View a batch B × (H'·W'·C_out) as (B·H'·W') × C_out (shares the array). */
    DMatrixRMaj asRows(DMatrixRMaj m) {
        return DMatrixRMaj.wrap(m.numRows * positions(), filters, m.data);
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        DMatrixRMaj patches = im2col(in);
        DMatrixRMaj z = new DMatrixRMaj(patches.numRows, filters);
        CommonOps_DDRM.mult(patches, CommonOps_DDRM.transpose(p.w(), null), z);
        Dense.addBias(z, p.b());
        return new Cache(DMatrixRMaj.wrap(in.numRows, outputSize(), z.data), patches);
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        DMatrixRMaj patches = (DMatrixRMaj) cache.extra();
        DMatrixRMaj g = asRows(gOut);
        DMatrixRMaj gw = new DMatrixRMaj(filters, patchSize());
        CommonOps_DDRM.multTransA(g, patches, gw);
        DMatrixRMaj gIn = null;
        if (needInputGrad) {
            DMatrixRMaj q = new DMatrixRMaj(g.numRows, patchSize());
            CommonOps_DDRM.mult(g, p.w(), q);
            gIn = col2im(q, in.numRows);
        }
        return new Grad(gIn, new Params(gw, Dense.columnSums(g)));
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        if (rIn == null && v == null) {
            return null;
        }
        DMatrixRMaj patches = (DMatrixRMaj) cache.extra();
        DMatrixRMaj z = new DMatrixRMaj(patches.numRows, filters);
        if (rIn != null) {
            CommonOps_DDRM.mult(im2col(rIn), CommonOps_DDRM.transpose(p.w(), null), z);
        }
        if (v != null) {
            CommonOps_DDRM.multAdd(patches, CommonOps_DDRM.transpose(v.w(), null), z);
            Dense.addBias(z, v.b());
        }
        return DMatrixRMaj.wrap(in.numRows, outputSize(), z.data);
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        DMatrixRMaj patches = (DMatrixRMaj) cache.extra();
        DMatrixRMaj g = asRows(gOut);
        DMatrixRMaj rg = rGOut == null ? null : asRows(rGOut);
        Params rp = null;
        if (needParams) {
            DMatrixRMaj rw = new DMatrixRMaj(filters, patchSize());
            double[] rb = new double[filters];
            if (rg != null) {
                CommonOps_DDRM.multTransA(rg, patches, rw);
                rb = Dense.columnSums(rg);
            }
            if (rIn != null) {
                CommonOps_DDRM.multAddTransA(g, im2col(rIn), rw);
            }
            rp = new Params(rw, rb);
        }
        DMatrixRMaj rgIn = null;
        if (needInputGrad && (rg != null || v != null)) {
            DMatrixRMaj q = new DMatrixRMaj(g.numRows, patchSize());
            if (rg != null) {
                CommonOps_DDRM.mult(rg, p.w(), q);
            }
            if (v != null) {
                CommonOps_DDRM.multAdd(g, v.w(), q);
            }
            rgIn = col2im(q, in.numRows);
        }
        return new Grad(rgIn, rp);
    }
}
