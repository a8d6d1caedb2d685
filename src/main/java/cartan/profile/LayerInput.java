package cartan.profile;

import cartan.io.LayerKind;
import cartan.io.MatrixSource;
import cartan.io.NamedMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one row of a layer profile is measured from: one matrix source, or the slices of one conv kernel pooled
 * (sources the reader named {@code name[i,j]} in {@code ConvMode.PER_SLICE}, consecutive, same tensor and shape),
 * each optionally paired with the base model's source for a fine-tune delta.
 *
 * @param name  the row's name (the kernel's name, without the slice position, for pooled slices)
 * @param kind  the layer kind
 * @param parts the sources whose spectra the row pools
 * @param base  the base model's sources, one per part, or empty
 */
record LayerInput(String name, LayerKind kind, List<MatrixSource> parts, List<MatrixSource> base) {

    private static final Pattern SLICE = Pattern.compile("^(.*)\\[\\d+(?:,\\d+)*]$");

    /** The loaded matrices (deltas, for a delta row) and ‖W_base‖_F (NaN if not a delta). */
    record Loaded(List<DMatrixRMaj> matrices, double baseNorm) {
    }

    /** One row per source, or per conv kernel when {@code pool}. */
    static List<LayerInput> of(List<? extends MatrixSource> sources, boolean pool) {
        List<ModelDelta.Pair> unpaired = new ArrayList<>();
        for (MatrixSource s : sources) {
            unpaired.add(new ModelDelta.Pair(s, s));
        }
        return group(unpaired, pool, false);
    }

    /** One row per matched pair, or per conv kernel when {@code pool}. */
    static List<LayerInput> ofDelta(ModelDelta delta, boolean pool) {
        return group(delta.pairs(), pool, true);
    }

    private static List<LayerInput> group(List<ModelDelta.Pair> pairs, boolean pool, boolean delta) {
        List<LayerInput> out = new ArrayList<>();
        int i = 0;
        while (i < pairs.size()) {
            MatrixSource s = pairs.get(i).model();
            String prefix = pool ? slicePrefix(s) : null;
            int j = i + 1;
            if (prefix != null) {
                while (j < pairs.size() && sameKernel(s, prefix, pairs.get(j).model())) {
                    j++;
                }
            }
            List<MatrixSource> parts = new ArrayList<>();
            List<MatrixSource> base = new ArrayList<>();
            for (int k = i; k < j; k++) {
                parts.add(pairs.get(k).model());
                if (delta) {
                    base.add(pairs.get(k).base());
                }
            }
            out.add(new LayerInput(prefix == null ? s.name() : prefix, s.kind(), List.copyOf(parts), List.copyOf(base)));
            i = j;
        }
        return out;
    }

    /** The kernel name of a conv slice source, or null if the source is not one. */
    private static String slicePrefix(MatrixSource s) {
        if (s.kind() != LayerKind.CONV) {
            return null;
        }
        Matcher m = SLICE.matcher(s.name());
        return m.matches() ? m.group(1) : null;
    }

    private static boolean sameKernel(MatrixSource first, String prefix, MatrixSource next) {
        return prefix.equals(slicePrefix(next)) && next.tensorName().equals(first.tensorName())
                && next.rows() == first.rows() && next.cols() == first.cols();
    }

    /** SVD cost ~ m·n·min(m, n) per part (twice for a delta, whose base is read too). */
    double cost() {
        MatrixSource s = parts.get(0);
        return (double) parts.size() * s.rows() * s.cols() * Math.min(s.rows(), s.cols());
    }

    /** Reads the parts (and the base parts, subtracting them). */
    Loaded load() throws IOException {
        List<DMatrixRMaj> out = new ArrayList<>(parts.size());
        List<DMatrixRMaj> bases = new ArrayList<>(base.size());
        for (int p = 0; p < parts.size(); p++) {
            NamedMatrix m = parts.get(p).load();
            if (base.isEmpty()) {
                out.add(m.matrix());
                continue;
            }
            NamedMatrix b = base.get(p).load();
            if (b.rows() != m.rows() || b.cols() != m.cols()) {
                throw new IOException(name + ": the base matrix is " + b.rows() + "x" + b.cols() + ", the model's "
                        + m.rows() + "x" + m.cols());
            }
            out.add(CommonOps_DDRM.subtract(m.matrix(), b.matrix(), null));
            bases.add(b.matrix());
        }
        return new Loaded(out, base.isEmpty() ? Double.NaN : PooledSlices.frobenius(bases));
    }
}
