package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * 2-D convolution on channels-last images with stride s and zero padding p, computed by im2col.
 *
 * <p>An input sample is stored as a row of length H·W·C in (h, w, c) order (Keras "channels_last").
 * im2col turns a batch into the patch matrix P with R = B·H'·W' rows, H' = ⌊(H + 2p − kh)/s⌋ + 1
 * (likewise W'), and kh·kw·C columns in (dy, dx, c) order; the patch of output position (i, j) reads
 * input pixel (i·s + dy − p, j·s + dx − p), zero outside the image. The convolution is then the
 * {@link AffineRows} map Z = P Wᵀ + 1bᵀ with W ∈ R^{C_out × kh·kw·C} (a Keras kernel
 * [kh, kw, C, C_out] reshaped to (kh·kw·C) × C_out is Wᵀ). Z, read row-major, is the output batch
 * B × (H'·W'·C_out). The backward and R-passes are those of {@link Dense} applied to P, with col2im
 * (the adjoint of im2col) carrying gradients back to the image.
 *
 * <p>A patch embedding (vision transformer) is the case kernel = stride = patch size, no padding: each
 * output position is one token.
 */
public record Conv2d(int height, int width, int channels, int kernelHeight, int kernelWidth, int filters,
                     int stride, int padding) implements WeightLayer {

    public Conv2d {
        Require.atLeast("height", height, 1);
        Require.atLeast("width", width, 1);
        Require.atLeast("channels", channels, 1);
        Require.atLeast("kernelHeight", kernelHeight, 1);
        Require.atLeast("kernelWidth", kernelWidth, 1);
        Require.atLeast("filters", filters, 1);
        Require.atLeast("stride", stride, 1);
        if (padding < 0) {
            throw new IllegalArgumentException("padding: must be at least 0, got " + padding);
        }
        if (kernelHeight > height + 2 * padding || kernelWidth > width + 2 * padding) {
            throw new IllegalArgumentException("kernelHeight: kernel " + kernelHeight + "x" + kernelWidth
                    + " does not fit a " + height + "x" + width + " image with padding " + padding);
        }
    }

    /** Valid (no padding), stride-1 convolution. */
    public Conv2d(int height, int width, int channels, int kernelHeight, int kernelWidth, int filters) {
        this(height, width, channels, kernelHeight, kernelWidth, filters, 1, 0);
    }

    /** A k × k, stride-1 convolution with "same" padding (k odd): the output keeps the image size. */
    public static Conv2d same(int height, int width, int channels, int kernel, int filters) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel: 'same' padding needs an odd kernel, got " + kernel);
        }
        return new Conv2d(height, width, channels, kernel, kernel, filters, 1, kernel / 2);
    }

    /** Non-overlapping p × p patches, each projected to {@code width} channels (a ViT patch embedding). */
    public static Conv2d patches(int height, int width, int channels, int patch, int embedding) {
        return new Conv2d(height, width, channels, patch, patch, embedding, patch, 0);
    }

    public int outHeight() {
        return (height + 2 * padding - kernelHeight) / stride + 1;
    }

    public int outWidth() {
        return (width + 2 * padding - kernelWidth) / stride + 1;
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
        return "conv" + kernelHeight + "x" + kernelWidth + (stride > 1 ? "/" + stride : "") + "(" + channels + "→" + filters + ")";
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

    @Override
    public int rowsPerSample() {
        return positions();
    }

    @Override
    public DMatrixRMaj inputRows(DMatrixRMaj in, Cache cache) {
        return (DMatrixRMaj) cache.extra();
    }

    /** The im2col patch matrix of a batch (B·H'·W' × kh·kw·C). */
    public DMatrixRMaj im2col(DMatrixRMaj in) {
        int b = in.numRows;
        int ho = outHeight();
        int wo = outWidth();
        int ps = patchSize();
        DMatrixRMaj p = new DMatrixRMaj(b * ho * wo, ps);
        for (int s = 0; s < b; s++) {
            int inBase = s * in.numCols;
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    int dst = ((s * ho + i) * wo + j) * ps;
                    for (int dy = 0; dy < kernelHeight; dy++) {
                        int y = i * stride + dy - padding;
                        if (y < 0 || y >= height) {
                            continue;
                        }
                        for (int dx = 0; dx < kernelWidth; dx++) {
                            int x = j * stride + dx - padding;
                            if (x >= 0 && x < width) {
                                System.arraycopy(in.data, inBase + (y * width + x) * channels, p.data,
                                        dst + (dy * kernelWidth + dx) * channels, channels);
                            }
                        }
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
        DMatrixRMaj g = new DMatrixRMaj(batch, inputSize());
        for (int s = 0; s < batch; s++) {
            int base = s * g.numCols;
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    int src = ((s * ho + i) * wo + j) * ps;
                    for (int dy = 0; dy < kernelHeight; dy++) {
                        int y = i * stride + dy - padding;
                        if (y < 0 || y >= height) {
                            continue;
                        }
                        for (int dx = 0; dx < kernelWidth; dx++) {
                            int x = j * stride + dx - padding;
                            if (x < 0 || x >= width) {
                                continue;
                            }
                            int dst = base + (y * width + x) * channels;
                            int so = src + (dy * kernelWidth + dx) * channels;
                            for (int c = 0; c < channels; c++) {
                                g.data[dst + c] += q.data[so + c];
                            }
                        }
                    }
                }
            }
        }
        return g;
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        DMatrixRMaj patches = im2col(in);
        DMatrixRMaj z = AffineRows.forward(patches, p);
        return new Cache(DMatrixRMaj.wrap(in.numRows, outputSize(), z.data), patches);
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        DMatrixRMaj patches = (DMatrixRMaj) cache.extra();
        DMatrixRMaj g = outputRows(gOut);
        DMatrixRMaj gIn = needInputGrad ? col2im(AffineRows.inputGradient(g, p), in.numRows) : null;
        return new Grad(gIn, AffineRows.weightGradient(patches, g));
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        DMatrixRMaj z = AffineRows.rForward((DMatrixRMaj) cache.extra(), rIn == null ? null : im2col(rIn), p, v);
        return z == null ? null : DMatrixRMaj.wrap(in.numRows, outputSize(), z.data);
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        DMatrixRMaj patches = (DMatrixRMaj) cache.extra();
        DMatrixRMaj g = outputRows(gOut);
        DMatrixRMaj rg = rGOut == null ? null : outputRows(rGOut);
        Params rp = needParams
                ? AffineRows.rWeightGradient(patches, rIn == null ? null : im2col(rIn), g, rg, filters) : null;
        DMatrixRMaj rgIn = null;
        if (needInputGrad) {
            DMatrixRMaj q = AffineRows.rInputGradient(g, rg, p, v);
            rgIn = q == null ? null : col2im(q, in.numRows);
        }
        return new Grad(rgIn, rp);
    }
}
