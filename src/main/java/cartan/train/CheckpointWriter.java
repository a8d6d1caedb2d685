package cartan.train;

import cartan.Require;
import cartan.io.SafetensorsWriter;
import cartan.io.SafetensorsWriter.Dtype;
import cartan.io.SafetensorsWriter.Tensor;
import cartan.nn.Network;
import cartan.nn.Params;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Saves a training run's weights as safetensors checkpoints, one file per epoch boundary: a {@link Trainer.Hook}
 * that writes {@code DIR/step-NNNNNN.safetensors} before every epoch and after the last, where the step is the
 * number of optimisation steps taken so far (epoch × ⌊N/B⌋, as {@link Trainer} counts them). Each weight layer i
 * of the network becomes {@code <name>.weight} (W, m × n, mapping n inputs to m outputs, as PyTorch stores a
 * linear layer) and {@code <name>.bias} (b, length m), in layer order; the metadata records the step and epoch.
 * Files are written whole and renamed into place ({@link SafetensorsWriter#write}), so a sweep running beside the
 * training never reads a partial checkpoint. {@code bin/cartan profile} and {@code bin/cartan sweep} read them.
 */
public final class CheckpointWriter implements Trainer.Hook {

    private final Path dir;
    private final int stepsPerEpoch;
    private final Dtype dtype;
    private final List<Path> written = new ArrayList<>();

    private CheckpointWriter(Path dir, int stepsPerEpoch, Dtype dtype) {
        this.dir = dir;
        this.stepsPerEpoch = stepsPerEpoch;
        this.dtype = dtype;
    }

    /**
     * Checkpoints of a run with {@code config} on {@code examples} training examples, into {@code dir} (created if
     * missing).
     *
     * @throws IllegalArgumentException if the examples do not fill one batch
     */
    public static CheckpointWriter of(Path dir, Trainer.Config config, int examples, Dtype dtype) {
        Require.notNull("dir", dir);
        Require.notNull("config", config);
        Require.notNull("dtype", dtype);
        if (examples < config.batchSize()) {
            throw new IllegalArgumentException("examples: " + examples + " do not fill one batch of " + config.batchSize());
        }
        return new CheckpointWriter(dir, examples / config.batchSize(), dtype);
    }

    /** The file name of the checkpoint at a step: {@code step-000040.safetensors}. */
    public static String fileName(long step) {
        return String.format(Locale.ROOT, "step-%06d.safetensors", step);
    }

    /** The weight layers of a network as tensors {@code <name>.weight}, {@code <name>.bias}, in layer order. */
    public static List<Tensor> tensors(Network network) {
        Require.notNull("network", network);
        List<Tensor> out = new ArrayList<>();
        for (int i : network.weightLayers()) {
            Params p = network.params(i);
            out.add(SafetensorsWriter.matrix(network.name(i) + ".weight", p.w()));
            out.add(SafetensorsWriter.vector(network.name(i) + ".bias", p.b()));
        }
        return out;
    }

    /** Writes the checkpoint of {@code network} before {@code epoch} (after the last when epoch = epochs). */
    @Override
    public void beforeEpoch(int epoch, Network network, Optimizer optimizer) {
        long step = (long) epoch * stepsPerEpoch;
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("step", Long.toString(step));
        meta.put("epoch", Integer.toString(epoch));
        Path file = dir.resolve(fileName(step));
        try {
            Files.createDirectories(dir);
            SafetensorsWriter.write(file, tensors(network), dtype, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
        written.add(file);
    }

    /** The checkpoints written so far, in order. */
    public List<Path> written() {
        return List.copyOf(written);
    }

    /** Optimisation steps per epoch. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }
}
