package cartan.spark;

import cartan.io.ConvLayout;
import cartan.io.LayerKind;
import cartan.io.NamedMatrix;
import cartan.io.ReadOptions;
import cartan.io.TensorSlice;
import cartan.linalg.SingularValues;
import cartan.profile.ExponentProfile;
import cartan.profile.LayerSpectrum;
import cartan.profile.ProfileOptions;
import org.apache.spark.api.java.function.Function;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The body of one Spark task: load one layer — by byte range for a safetensors tensor, through the executor's
 * opened model otherwise ({@link OpenModels}) — and measure it exactly as {@code ExponentProfile.of} measures row
 * {@code index} of that model: {@code LayerSpectrum.measure(index, name, kind, W, options,
 * layerSeed(seed, index))}. A layer that cannot be read becomes an error result; the other tasks go on.
 */
final class MeasureLayer implements Function<LayerTask, MeasureLayer.Result> {

    private static final long serialVersionUID = 1L;

    /**
     * A task's outcome: the row, or why there is none.
     *
     * @param task    the task
     * @param values  the profile's CSV columns ({@link SweepTable.Row#values()}), or null on error
     * @param error   why the layer could not be measured, or null
     * @param backend the executor's SVD backend ({@code SingularValues.backendDescription()})
     * @param seconds wall time of the task, read included
     */
    record Result(LayerTask task, Object[] values, String error, String backend, double seconds) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final SweepOptions options;

    MeasureLayer(SweepOptions options) {
        this.options = options;
    }

    @Override
    public Result call(LayerTask task) {
        long t0 = System.nanoTime();
        String backend = SingularValues.backendDescription();
        try {
            NamedMatrix m = load(task);
            if (m.rows() != task.rows() || m.cols() != task.cols()) {
                throw new IOException("loaded " + m.rows() + "x" + m.cols() + ", planned " + task.rows() + "x" + task.cols()
                        + " (changed since the sweep was planned?)");
            }
            ProfileOptions po = options.profileOptions();
            LayerSpectrum row = LayerSpectrum.measure(task.index(), task.name(), m.kind(), m.matrix(), po,
                    ExponentProfile.layerSeed(options.seed(), task.index()));
            Object[] values = SweepTable.values(ExponentProfile.ofRows(List.of(row), po));
            return new Result(task, values, null, backend, (System.nanoTime() - t0) / 1e9);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(task, null, m.replaceAll("\\s*\\R\\s*", " "), backend, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The layer's matrix, as the sequential profile loads it. */
    static NamedMatrix load(LayerTask task) throws IOException {
        if (task.size() >= 0) {
            Path p = Path.of(task.path());
            if (!Files.isRegularFile(p)) {
                throw new IOException(task.path() + ": no longer there");
            }
            if (Files.size(p) != task.size() || Files.getLastModifiedTime(p).toMillis() != task.modified()) {
                throw new IOException(task.path() + ": changed since the sweep was planned (size or modification time)");
            }
        }
        LayerTask.Slice s = task.slice();
        if (s == null) {
            return OpenModels.load(task.path(), task.name());
        }
        TensorSlice t = new TensorSlice(Path.of(task.path()), task.name(), s.tensorName(), LayerKind.valueOf(s.kind()),
                ConvLayout.valueOf(s.layout()), s.dtype(), s.shape(), s.position(), s.length());
        // as MatrixSource.of(slice, mode).load(): the tensor viewed as the profile views it
        return NamedMatrix.of(t.load(), ReadOptions.DEFAULT.convMode()).get(0);
    }
}
