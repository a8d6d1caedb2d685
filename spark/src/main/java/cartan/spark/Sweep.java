package cartan.spark;

import cartan.io.MatrixSource;
import cartan.io.Models;
import cartan.io.ReadOptions;
import cartan.io.SafetensorsReader;
import cartan.io.TensorSlice;
import cartan.io.WeightFormats;
import cartan.io.Checkpoints;
import cartan.io.Checkpoints.Checkpoint;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The exponent profile of many models on Spark, one task per (model, layer).
 *
 * <p>{@link #plan}, on the driver, opens each model as {@code bin/cartan profile} does — headers only for
 * safetensors, PyTorch zip, GGUF, HDF5, npy and sharded checkpoints — and selects its layers
 * ({@code Models.select}: kinds dense/conv/embedding, {@code --layers}, {@code --min-size}); each selected layer
 * becomes a {@link LayerTask}, with the tensor's byte range when the model is a safetensors file. A model that
 * cannot be opened is an error and the others are planned. {@link #run} ships the tasks to Spark, largest first
 * (one partition each), measures each with {@link MeasureLayer} and collects the rows, which are small, to the
 * driver in model and layer order.
 *
 * <p>Every row equals, bit for bit, the row {@code bin/cartan profile} writes for that layer of that model with
 * the same options: the same matrix (the same reader and bytes), the same {@code LayerSpectrum.measure} with the
 * same index and bootstrap seed — provided driver and executors use the same SVD backend on the same kind of
 * CPU (results list the backends seen).
 */
public final class Sweep {

    /**
     * A planned sweep.
     *
     * @param checkpoints the models, in order
     * @param tasks       one per selected layer, in model and layer order
     * @param errors      models that could not be opened
     * @param empty       models none of whose layers passes the filters
     */
    public record Plan(List<Checkpoint> checkpoints, List<LayerTask> tasks, List<SweepError> errors, List<String> empty) {
    }

    /**
     * A finished sweep.
     *
     * @param rows         the measured layers, in model and layer order
     * @param errors       models and layers that could not be measured (planning errors first)
     * @param backends     the SVD backends the executors reported
     * @param taskSeconds  the summed wall time of the tasks
     */
    public record Result(List<SweepTable.Row> rows, List<SweepError> errors, List<String> backends, double taskSeconds) {
    }

    /** Called on the driver as tasks finish. */
    @FunctionalInterface
    public interface Progress {
        void tasksDone(int done, int total);
    }

    private Sweep() {
    }

    /** Plans the sweep of {@code checkpoints}: layers whose names contain a match of {@code layers} (null: all). */
    public static Plan plan(List<Checkpoint> checkpoints, String layers, int minSize) {
        List<LayerTask> tasks = new ArrayList<>();
        List<SweepError> errors = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (int k = 0; k < checkpoints.size(); k++) {
            Checkpoint c = checkpoints.get(k);
            try {
                List<MatrixSource> selected = Models.select(Models.open(c.path(), ReadOptions.DEFAULT), layers, minSize);
                if (selected.isEmpty()) {
                    empty.add(c.model());
                    continue;
                }
                Path p = Path.of(c.path());
                boolean file = Files.isRegularFile(p);
                long size = file ? Files.size(p) : -1;
                long modified = file ? Files.getLastModifiedTime(p).toMillis() : -1;
                Map<String, TensorSlice> slices = new HashMap<>();
                if (file && WeightFormats.of(p) == WeightFormats.SAFETENSORS) {
                    for (TensorSlice t : SafetensorsReader.open(p, ReadOptions.DEFAULT.convLayout())) {
                        slices.put(t.name(), t);
                    }
                }
                for (int i = 0; i < selected.size(); i++) {
                    MatrixSource m = selected.get(i);
                    TensorSlice t = slices.get(m.name());
                    LayerTask.Slice slice = t == null || !t.tensorName().equals(m.tensorName()) ? null
                            : new LayerTask.Slice(t.tensorName(), t.kind().name(), t.layout().name(), t.dtype(), t.shape(),
                                    t.position(), t.length());
                    tasks.add(new LayerTask(k, c.model(), c.step(), c.path(), size, modified, i, m.name(), m.rows(), m.cols(),
                            slice));
                }
            } catch (IOException | RuntimeException e) {
                errors.add(new SweepError(c.model(), c.step(), null, "cannot read: " + oneLine(e)));
            }
        }
        return new Plan(List.copyOf(checkpoints), tasks, errors, empty);
    }

    /** Runs a plan on Spark and collects its rows. */
    public static Result run(JavaSparkContext spark, Plan plan, SweepOptions options, Progress progress) {
        List<LayerTask> order = new ArrayList<>(plan.tasks());
        order.sort(Comparator.comparingDouble(LayerTask::cost).reversed());   // largest first: no big layer runs alone at the end
        List<MeasureLayer.Result> results = new ArrayList<>();
        if (!order.isEmpty()) {
            TaskCounter counter = progress == null ? null : TaskCounter.attach(spark, order.size(), progress);
            try {
                results.addAll(spark.parallelize(order, order.size()).map(new MeasureLayer(options)).collect());
            } finally {
                if (counter != null) {
                    counter.detach();
                }
            }
        }
        results.sort(Comparator.comparingInt((MeasureLayer.Result r) -> r.task().modelIndex())
                .thenComparingInt(r -> r.task().index()));
        List<SweepTable.Row> rows = new ArrayList<>();
        List<SweepError> errors = new ArrayList<>(plan.errors());
        TreeSet<String> backends = new TreeSet<>();
        double seconds = 0;
        for (MeasureLayer.Result r : results) {
            LayerTask t = r.task();
            backends.add(r.backend());
            seconds += r.seconds();
            if (r.error() != null) {
                errors.add(new SweepError(t.model(), t.step(), t.name(), r.error()));
            } else {
                rows.add(new SweepTable.Row(t.modelIndex(), t.model(), t.step(), r.values()));
            }
        }
        return new Result(rows, errors, List.copyOf(backends), seconds);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replaceAll("\\s*\\R\\s*", " ");
    }
}
