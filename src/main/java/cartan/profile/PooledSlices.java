package cartan.profile;

import cartan.linalg.MatrixEntries;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;

/**
 * The norm and singular values of a row that pools several matrices of one shape (a conv kernel's slices):
 * those of the block-diagonal matrix diag(W_1, …, W_s), computed slice by slice through
 * {@link LayerSpectrum#singularValues(DMatrixRMaj, ProfileOptions.SvdMethod)}. With one matrix both are that matrix's own.
 */
final class PooledSlices {

    private PooledSlices() {
    }

    /** ‖W‖_F of one matrix, or (Σ_p ‖W_p‖_F²)^{1/2} of pooled slices (each by {@link MatrixEntries}). */
    static double frobenius(List<DMatrixRMaj> parts) {
        MatrixEntries[] entries = new MatrixEntries[parts.size()];
        for (int p = 0; p < entries.length; p++) {
            entries[p] = MatrixEntries.of(parts.get(p));
        }
        return frobenius(parts, entries);
    }

    /** As {@link #frobenius(List)}, from the entries of each part already taken (all finite). */
    static double frobenius(List<DMatrixRMaj> parts, MatrixEntries[] entries) {
        if (parts.size() == 1) {
            return entries[0].frobenius(parts.get(0));
        }
        double max = 0;
        double[] f = new double[parts.size()];
        for (int p = 0; p < f.length; p++) {
            f[p] = entries[p].frobenius(parts.get(p));
            max = Math.max(max, f[p]);
        }
        if (max == 0) {
            return 0;
        }
        double sum = 0;
        for (double v : f) {
            sum += (v / max) * (v / max);
        }
        return max * Math.sqrt(sum);
    }

    /** The singular values of one matrix, or those of pooled slices merged in descending order. */
    static double[] singularValues(List<DMatrixRMaj> parts, ProfileOptions.SvdMethod method) {
        if (parts.size() == 1) {
            return LayerSpectrum.singularValues(parts.get(0), method);
        }
        double[][] all = new double[parts.size()][];
        int total = 0;
        for (int p = 0; p < all.length; p++) {
            all[p] = LayerSpectrum.singularValues(parts.get(p), method);
            total += all[p].length;
        }
        double[] merged = new double[total];
        int at = 0;
        for (double[] s : all) {
            System.arraycopy(s, 0, merged, at, s.length);
            at += s.length;
        }
        Arrays.sort(merged);
        for (int i = 0, j = total - 1; i < j; i++, j--) {
            double t = merged[i];
            merged[i] = merged[j];
            merged[j] = t;
        }
        return merged;
    }
}
