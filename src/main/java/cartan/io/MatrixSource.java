package cartan.io;

import cartan.Require;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A weight matrix known by name, kind and shape before its entries are read — the one input of a
 * profile: select on {@code rows}, {@code cols}, {@code name}, {@code kind}, then {@link #load()} one at a
 * time. A {@link NamedMatrix} already in memory is a source that loads itself; the readers
 * ({@link WeightFormat#open}) give lazy sources that read their tensor on {@link #load()}.
 *
 * <p>The rows, columns and names are those {@link NamedMatrix#of(WeightTensor, ConvMode)} gives the
 * loaded tensor; a lazy {@code load} checks that they agree.
 */
public interface MatrixSource {

    /** The display name, unique within one model's list. */
    String name();

    /** The file's own name for the tensor. */
    String tensorName();

    /** The layer kind. */
    LayerKind kind();

    /** Rows of the matrix. */
    int rows();

    /** Columns of the matrix. */
    int cols();

    /** The tensor's stored shape (a copy). */
    int[] originalShape();

    /**
     * The matrix, read now (for a lazy source: from the file, a fresh copy at each call).
     *
     * @throws IOException if the file cannot be read or no longer holds what its header said
     */
    NamedMatrix load() throws IOException;

    /** Matrices in memory as sources (each is its own source). */
    static List<MatrixSource> ofMatrices(List<NamedMatrix> matrices) {
        Require.notNull("matrices", matrices);
        return new ArrayList<>(matrices);
    }

    /**
     * The matrices of a lazy tensor, as {@link NamedMatrix#of(WeightTensor, ConvMode)} would view the loaded
     * tensor: one source, or one per spatial position for a conv kernel in {@link ConvMode#PER_SLICE} mode
     * (each of those loads the whole kernel and keeps its slice).
     */
    static List<MatrixSource> of(TensorSlice t, ConvMode mode) {
        Require.notNull("t", t);
        Require.notNull("mode", mode);
        return LazyMatrix.of(t.name(), t.tensorName(), t.kind(), t.layout(), t.shape(), t::load, mode);
    }

    /** Every tensor's sources, in order. */
    static List<MatrixSource> of(List<TensorSlice> tensors, ConvMode mode) {
        Require.notNull("tensors", tensors);
        List<MatrixSource> out = new ArrayList<>();
        for (TensorSlice t : tensors) {
            out.addAll(of(t, mode));
        }
        return out;
    }

    /** Every source loaded, in order: the eager view of a model. */
    static List<NamedMatrix> loadAll(List<? extends MatrixSource> sources) throws IOException {
        Require.notNull("sources", sources);
        List<NamedMatrix> out = new ArrayList<>(sources.size());
        for (MatrixSource s : sources) {
            out.add(s.load());
        }
        return out;
    }
}
