package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Next-character prediction windows of a {@link TextCorpus}: item i is the window of T ids starting
 * at {@code i·stride}, its target the same window shifted by one (ids start+1 … start+T), one-hot per
 * position (B × T·V), for a causal language model with {@link Loss#sequenceCrossEntropy}.
 */
public final class TextExamples implements Examples {

    private final TextCorpus corpus;
    private final int context;
    private final int stride;

    private TextExamples(TextCorpus corpus, int context, int stride) {
        this.corpus = corpus;
        this.context = context;
        this.stride = stride;
    }

    public static TextExamples of(TextCorpus corpus, int context, int stride) {
        Require.notNull("corpus", corpus);
        Require.atLeast("context", context, 1);
        Require.atLeast("stride", stride, 1);
        if (corpus.length() < context + 1) {
            throw new IllegalArgumentException("context: " + context + " + 1 ids do not fit a corpus of " + corpus.length());
        }
        return new TextExamples(corpus, context, stride);
    }

    @Override
    public int size() {
        return (corpus.length() - context - 1) / stride + 1;
    }

    public int context() {
        return context;
    }

    @Override
    public Batch batch(int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("indices: must not be empty");
        }
        int v = corpus.vocabularySize();
        int[] ids = corpus.ids();
        DMatrixRMaj x = new DMatrixRMaj(indices.length, context);
        DMatrixRMaj y = new DMatrixRMaj(indices.length, context * v);
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("indices: entry " + r + " is " + i + ", must lie in [0, " + size() + ")");
            }
            int start = i * stride;
            for (int t = 0; t < context; t++) {
                x.data[r * context + t] = ids[start + t];
                y.data[(r * context + t) * v + ids[start + t + 1]] = 1;
            }
        }
        return new Batch(x, y, null);
    }
}
