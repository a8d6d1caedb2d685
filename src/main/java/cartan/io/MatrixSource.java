package cartan.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A weight matrix known by name, kind and shape before its entries are read: what a streaming
 * profile selects on ({@code rows}, {@code cols}, {@code name}, {@code kind}) and then loads one at a
 * time with {@link #load()}. Built from a lazy {@link TensorSlice} (nothing read until {@code load})
 * or a single {@code .npy} file (header read, data read on {@code load}), or from a {@link NamedMatrix}
 * already in memory.
 *
 * <p>The rows, columns and names are those {@link NamedMatrix#of(WeightTensor, ConvMode)} gives the
 * loaded tensor; {@code load} checks that they agree.
 */
public final class MatrixSource {

    /** Reads the matrix. */
    @FunctionalInterface
    private interface Loader {
        NamedMatrix load() throws IOException;
    }

    private final String name;
    private final String tensorName;
    private final LayerKind kind;
    private final int rows;
    private final int cols;
    private final int[] originalShape;
    private final Loader loader;

    private MatrixSource(String name, String tensorName, LayerKind kind, int rows, int cols, int[] originalShape,
                         Loader loader) {
        this.name = name;
        this.tensorName = tensorName;
        this.kind = kind;
        this.rows = rows;
        this.cols = cols;
        this.originalShape = originalShape.clone();
        this.loader = loader;
    }

    /** A source for a matrix already in memory ({@link #load()} returns it). */
    public static MatrixSource of(NamedMatrix m) {
        cartan.Require.notNull("m", m);
        return new MatrixSource(m.name(), m.tensorName(), m.kind(), m.rows(), m.cols(), m.originalShape(), () -> m);
    }

    /** All matrices in memory, as sources. */
    public static List<MatrixSource> ofMatrices(List<NamedMatrix> matrices) {
        cartan.Require.notNull("matrices", matrices);
        List<MatrixSource> out = new ArrayList<>(matrices.size());
        for (NamedMatrix m : matrices) {
            out.add(of(m));
        }
        return out;
    }

    /**
     * The matrices of a lazy tensor, as {@link NamedMatrix#of(WeightTensor, ConvMode)} would view the loaded
     * tensor: one source, or one per spatial position for a conv kernel in {@link ConvMode#PER_SLICE} mode
     * (each of those loads the whole kernel and keeps its slice).
     */
    public static List<MatrixSource> of(TensorSlice t, ConvMode mode) {
        cartan.Require.notNull("t", t);
        cartan.Require.notNull("mode", mode);
        return lazy(t.name(), t.tensorName(), t.kind(), t.layout(), t.shape(), t::load, mode);
    }

    /** Reads one tensor. */
    @FunctionalInterface
    interface TensorLoader {
        WeightTensor load() throws IOException;
    }

    /** The sources of a tensor of known name, kind, layout and shape, read by {@code load} when needed. */
    static List<MatrixSource> lazy(String name, String tensorName, LayerKind kind, ConvLayout layout, int[] s,
                                   TensorLoader load, ConvMode mode) {
        int r = s.length;
        if (r == 0) {
            return List.of(new MatrixSource(name, tensorName, kind, 1, 1, s, () -> single(load, mode)));
        }
        if (kind == LayerKind.CONV && r >= 3) {
            ConvLayout.Axes axes = layout.axes(s);
            int in = axes.in();
            int out = axes.out();
            int[] spatial = axes.spatial();
            int rf = axes.rf();
            if (mode == ConvMode.FLATTEN) {
                return List.of(new MatrixSource(name, tensorName, kind, rf * in, out, s, () -> single(load, mode)));
            }
            List<MatrixSource> slices = new ArrayList<>(rf);
            for (int p = 0; p < rf; p++) {
                int slice = p;
                slices.add(new MatrixSource(name + NamedMatrix.position(p, spatial), tensorName, kind, in, out, s,
                        () -> NamedMatrix.of(load.load(), mode).get(slice)));
            }
            return slices;
        }
        int rows = 1;
        for (int i = 0; i < r - 1; i++) {
            rows *= s[i];
        }
        return List.of(new MatrixSource(name, tensorName, kind, rows, s[r - 1], s, () -> single(load, mode)));
    }

    /** Every tensor's sources, in order. */
    public static List<MatrixSource> of(List<TensorSlice> tensors, ConvMode mode) {
        cartan.Require.notNull("tensors", tensors);
        List<MatrixSource> out = new ArrayList<>();
        for (TensorSlice t : tensors) {
            out.addAll(of(t, mode));
        }
        return out;
    }

    private static NamedMatrix single(TensorLoader load, ConvMode mode) throws IOException {
        return NamedMatrix.of(load.load(), mode).get(0);
    }

    /**
     * The matrix, read now (for a lazy source: from the file, a fresh copy at each call).
     *
     * @throws IOException if the file cannot be read or no longer holds what its header said
     */
    public NamedMatrix load() throws IOException {
        NamedMatrix m = loader.load();
        if (m.rows() != rows || m.cols() != cols || !m.name().equals(name)) {
            throw new MalformedWeightsException(name + ": loaded " + m.name() + " " + m.rows() + "x" + m.cols()
                    + ", expected " + rows + "x" + cols);
        }
        return m;
    }

    public String name() {
        return name;
    }

    public String tensorName() {
        return tensorName;
    }

    public LayerKind kind() {
        return kind;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int[] originalShape() {
        return originalShape.clone();
    }

    @Override
    public String toString() {
        return "MatrixSource[" + name + ", " + kind + ", " + rows + "x" + cols + "]";
    }
}
