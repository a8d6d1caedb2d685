package cartan.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A {@link MatrixSource} whose tensor is read on {@link #load()}; name, kind and shape come from a header. */
final class LazyMatrix implements MatrixSource {

    /** Reads one tensor. */
    @FunctionalInterface
    interface TensorLoader {
        WeightTensor load() throws IOException;
    }

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

    private LazyMatrix(String name, String tensorName, LayerKind kind, int rows, int cols, int[] originalShape,
                       Loader loader) {
        this.name = name;
        this.tensorName = tensorName;
        this.kind = kind;
        this.rows = rows;
        this.cols = cols;
        this.originalShape = originalShape.clone();
        this.loader = loader;
    }

    /** The sources of a tensor of known name, kind, layout and shape, read by {@code load} when needed. */
    static List<MatrixSource> of(String name, String tensorName, LayerKind kind, ConvLayout layout, int[] s,
                                 TensorLoader load, ConvMode mode) {
        int r = s.length;
        if (r == 0) {
            return List.of(new LazyMatrix(name, tensorName, kind, 1, 1, s, () -> single(load, mode)));
        }
        if (kind == LayerKind.CONV && r >= 3) {
            ConvLayout.Axes axes = layout.axes(s);
            int in = axes.in();
            int out = axes.out();
            int rf = axes.rf();
            if (mode == ConvMode.FLATTEN) {
                return List.of(new LazyMatrix(name, tensorName, kind, rf * in, out, s, () -> single(load, mode)));
            }
            List<MatrixSource> slices = new ArrayList<>(rf);
            for (int p = 0; p < rf; p++) {
                int slice = p;
                slices.add(new LazyMatrix(name + NamedMatrix.position(p, axes.spatial()), tensorName, kind, in, out, s,
                        () -> NamedMatrix.of(load.load(), mode).get(slice)));
            }
            return slices;
        }
        int rows = 1;
        for (int i = 0; i < r - 1; i++) {
            rows *= s[i];
        }
        return List.of(new LazyMatrix(name, tensorName, kind, rows, s[r - 1], s, () -> single(load, mode)));
    }

    private static NamedMatrix single(TensorLoader load, ConvMode mode) throws IOException {
        return NamedMatrix.of(load.load(), mode).get(0);
    }

    @Override
    public NamedMatrix load() throws IOException {
        NamedMatrix m = loader.load();
        if (m.rows() != rows || m.cols() != cols || !m.name().equals(name)) {
            throw new MalformedWeightsException(name + ": loaded " + m.name() + " " + m.rows() + "x" + m.cols()
                    + ", expected " + rows + "x" + cols);
        }
        return m;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String tensorName() {
        return tensorName;
    }

    @Override
    public LayerKind kind() {
        return kind;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public int[] originalShape() {
        return originalShape.clone();
    }

    @Override
    public String toString() {
        return "MatrixSource[" + name + ", " + kind + ", " + rows + "x" + cols + "]";
    }
}
