package cartan.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Eager reading of weight files, a convenience on top of {@link WeightFormats#open} (the lazy entry):
 * every matrix of a file or directory loaded now. The format is chosen by {@link WeightFormats#of}.
 *
 * <p>A per-layer spectral table is then a short loop:
 * <pre>{@code
 * for (NamedMatrix m : WeightFiles.read(path)) {
 *     if (!m.kind().isLayerWeight()) continue;
 *     double[] s = SingularValues.of(m.matrix());
 *     …
 * }
 * }</pre>
 * (or simply {@code ExponentProfile.of(Models.select(Models.open(path, …), …), …)}).
 */
public final class WeightFiles {

    /** The four file formats of {@link #format}. */
    public enum Format { ONNX, SAFETENSORS, NPY, NPZ }

    private WeightFiles() {
    }

    public static List<NamedMatrix> read(Path file) throws IOException {
        return read(file, ReadOptions.DEFAULT);
    }

    /** Every matrix of a weight file or directory, in order, read now. */
    public static List<NamedMatrix> read(Path file, ReadOptions options) throws IOException {
        return MatrixSource.loadAll(WeightFormats.open(file, options));
    }

    /** The format of an ONNX, safetensors, npy or npz file, from its extension or else its first bytes. */
    public static Format format(Path file) throws IOException {
        WeightFormat f = WeightFormats.of(file);
        if (f == WeightFormats.SAFETENSORS) {
            return Format.SAFETENSORS;
        }
        if (f == WeightFormats.NPY) {
            return Format.NPY;
        }
        if (f == WeightFormats.NPZ) {
            return Format.NPZ;
        }
        return Format.ONNX;
    }
}
