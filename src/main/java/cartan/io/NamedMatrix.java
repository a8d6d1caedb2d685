package cartan.io;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A weight matrix in memory with the name and layer kind its file gives it (a {@link MatrixSource} that
 * loads itself) — the unit of a per-layer
 * spectral table: {@code SingularValues.of(m.matrix())}, λᵢ = σᵢ², then a power-law fit.
 *
 * <p>How a tensor of shape {@code s} (rank r) becomes a matrix ({@link #of}):
 * <ul>
 *   <li>r = 0: 1 × 1; r = 1: 1 × s₀ (biases, norm scales).</li>
 *   <li>kind {@link LayerKind#CONV} with r ≥ 3: by {@link ConvMode} — flattened to (rf·in) × out or
 *   one in × out slice per spatial position (rf = product of the r − 2 spatial sizes).</li>
 *   <li>otherwise: (s₀·…·s_{r−2}) × s_{r−1}, i.e. the row-major buffer as is. Dense weights keep their
 *   stored orientation ([in, out] for ONNX MatMul, [out, in] for PyTorch Linear); singular values
 *   do not depend on it.</li>
 * </ul>
 *
 * @param name          display name, unique within one file's list
 * @param tensorName    the file's own name for the tensor
 * @param kind          layer kind
 * @param matrix        the matrix (owned by this record; do not mutate if you share it)
 * @param originalShape the tensor's stored shape
 */
public record NamedMatrix(String name, String tensorName, LayerKind kind, DMatrixRMaj matrix, int[] originalShape)
        implements MatrixSource {

    public NamedMatrix {
        Require.notNull("name", name);
        Require.notNull("tensorName", tensorName);
        Require.notNull("kind", kind);
        Require.notNull("matrix", matrix);
        originalShape = originalShape.clone();
    }

    @Override
    public int[] originalShape() {
        return originalShape.clone();
    }

    @Override
    public int rows() {
        return matrix.numRows;
    }

    /** This matrix (already in memory). */
    @Override
    public NamedMatrix load() {
        return this;
    }

    @Override
    public int cols() {
        return matrix.numCols;
    }

    /** Views one tensor as one or more matrices (several only for conv kernels in PER_SLICE mode). */
    public static List<NamedMatrix> of(WeightTensor t, ConvMode mode) {
        Require.notNull("t", t);
        Require.notNull("mode", mode);
        int[] s = t.shape();
        double[] v = t.values();
        if (s.length == 0) {
            return List.of(new NamedMatrix(t.name(), t.tensorName(), t.kind(), DMatrixRMaj.wrap(1, 1, v), s));
        }
        if (t.kind() == LayerKind.CONV && s.length >= 3) {
            return conv(t, s, v, mode);
        }
        int cols = s[s.length - 1];
        int rows = 1;
        for (int i = 0; i < s.length - 1; i++) {
            rows *= s[i];
        }
        return List.of(new NamedMatrix(t.name(), t.tensorName(), t.kind(), DMatrixRMaj.wrap(rows, cols, v), s));
    }

    /** All tensors as matrices, in order. */
    public static List<NamedMatrix> of(List<WeightTensor> tensors, ConvMode mode) {
        List<NamedMatrix> out = new ArrayList<>();
        for (WeightTensor t : tensors) {
            out.addAll(of(t, mode));
        }
        return out;
    }

    private static List<NamedMatrix> conv(WeightTensor t, int[] s, double[] v, ConvMode mode) {
        ConvLayout.Axes axes = t.layout().axes(s);
        int in = axes.in();
        int out = axes.out();
        int[] spatial = axes.spatial();
        int rf = axes.rf();
        // element (o, c, p) of the kernel sits at this offset in the row-major buffer
        if (mode == ConvMode.FLATTEN) {
            DMatrixRMaj m = new DMatrixRMaj(rf * in, out);
            for (int p = 0; p < rf; p++) {
                for (int c = 0; c < in; c++) {
                    for (int o = 0; o < out; o++) {
                        m.data[(p * in + c) * out + o] = v[offset(t.layout(), o, c, p, in, out, rf)];
                    }
                }
            }
            return List.of(new NamedMatrix(t.name(), t.tensorName(), t.kind(), m, s));
        }
        List<NamedMatrix> slices = new ArrayList<>(rf);
        for (int p = 0; p < rf; p++) {
            DMatrixRMaj m = new DMatrixRMaj(in, out);
            for (int c = 0; c < in; c++) {
                for (int o = 0; o < out; o++) {
                    m.data[c * out + o] = v[offset(t.layout(), o, c, p, in, out, rf)];
                }
            }
            slices.add(new NamedMatrix(t.name() + position(p, spatial), t.tensorName(), t.kind(), m, s));
        }
        return slices;
    }

    private static int offset(ConvLayout layout, int o, int c, int p, int in, int out, int rf) {
        return switch (layout) {
            case OIHW -> (o * in + c) * rf + p;
            case IOHW -> (c * out + o) * rf + p;
            case HWIO -> (p * in + c) * out + o;
        };
    }

    static String position(int p, int[] spatial) {
        int[] idx = new int[spatial.length];
        for (int i = spatial.length - 1; i >= 0; i--) {
            idx[i] = p % spatial[i];
            p /= spatial[i];
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < idx.length; i++) {
            b.append(i == 0 ? "" : ",").append(idx[i]);
        }
        return b.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedMatrix m && name.equals(m.name) && tensorName.equals(m.tensorName) && kind == m.kind
                && Arrays.equals(originalShape, m.originalShape) && matrix.numRows == m.matrix.numRows
                && matrix.numCols == m.matrix.numCols
                && Arrays.equals(matrix.data, 0, matrix.getNumElements(), m.matrix.data, 0, m.matrix.getNumElements());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tensorName, kind, Arrays.hashCode(originalShape));
    }

    @Override
    public String toString() {
        return "NamedMatrix[" + name + ", " + kind + ", " + matrix.numRows + "x" + matrix.numCols + ", shape "
                + Arrays.toString(originalShape) + "]";
    }
}
