package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Token embedding: a sample is a row of T token ids (integers in [0, V), stored as doubles) and its
 * output is the T embeddings y_t = W e_{id_t} + b ∈ R^d, stored token-major (length T·d). With W ∈
 * R^{d×V} (column v is the embedding of token v) this is the {@link AffineRows} map on the one-hot
 * rows A ∈ {0,1}^{B·T × V}, so G = g_Zᵀ A and the paper's gradient factors (A, δ) apply unchanged
 * (C_A = AᵀA/R is diagonal: the token frequencies). The ids carry no gradient.
 */
public record Embedding(int tokens, int vocabulary, int width) implements WeightLayer {

    public Embedding {
        Require.atLeast("tokens", tokens, 1);
        Require.atLeast("vocabulary", vocabulary, 1);
        Require.atLeast("width", width, 1);
    }

    @Override
    public String name() {
        return "embedding(" + vocabulary + "→" + width + ")";
    }

    @Override
    public int inputSize() {
        return tokens;
    }

    @Override
    public int outputSize() {
        return tokens * width;
    }

    @Override
    public int[] weightShape() {
        return new int[]{width, vocabulary};
    }

    @Override
    public int rowsPerSample() {
        return tokens;
    }

    @Override
    public DMatrixRMaj inputRows(DMatrixRMaj in, Cache cache) {
        return (DMatrixRMaj) cache.extra();
    }

    /** The one-hot rows of a batch of ids (B·T × V). */
    public DMatrixRMaj oneHot(DMatrixRMaj ids) {
        DMatrixRMaj a = new DMatrixRMaj(ids.numRows * tokens, vocabulary);
        for (int i = 0; i < ids.getNumElements(); i++) {
            double t = ids.data[i];
            if (!(t >= 0 && t < vocabulary && t == Math.rint(t))) {
                throw new IllegalArgumentException("in: entry " + i + " is " + t + ", must be a token id in [0, "
                        + vocabulary + ")");
            }
            a.data[i * vocabulary + (int) t] = 1;
        }
        return a;
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        DMatrixRMaj a = oneHot(in);
        DMatrixRMaj z = AffineRows.forward(a, p);
        return new Cache(DMatrixRMaj.wrap(in.numRows, outputSize(), z.data), a);
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        return new Grad(null, AffineRows.weightGradient((DMatrixRMaj) cache.extra(), outputRows(gOut)));
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        DMatrixRMaj z = AffineRows.rForward((DMatrixRMaj) cache.extra(), null, p, v);
        return z == null ? null : DMatrixRMaj.wrap(in.numRows, outputSize(), z.data);
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        Params rp = needParams ? AffineRows.rWeightGradient((DMatrixRMaj) cache.extra(), null, outputRows(gOut),
                rGOut == null ? null : outputRows(rGOut), width) : null;
        return new Grad(null, rp);
    }
}
