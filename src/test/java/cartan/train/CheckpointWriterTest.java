package cartan.train;

import cartan.io.MatrixSource;
import cartan.io.Models;
import cartan.io.NamedMatrix;
import cartan.io.SafetensorsWriter.Dtype;
import cartan.nn.Activation;
import cartan.nn.Examples;
import cartan.nn.Loss;
import cartan.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Checkpoints of a training run, read back by the safetensors reader, against the networks the trainer holds. */
class CheckpointWriterTest {

    @Test
    void oneCheckpointPerEpochBoundaryHoldsThatNetwork(@TempDir Path dir) throws IOException {
        Examples data = TrainerTest.teacher(100, 5);
        Network net = Network.mlp(new int[] {6, 12, 3}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 9);
        Trainer.Config config = new Trainer.Config(3, 16, 0.05, 0, 11);
        CheckpointWriter ckpt = CheckpointWriter.of(dir.resolve("run"), config, data.size(), Dtype.F64);
        assertEquals(6, ckpt.stepsPerEpoch());
        Trainer.Result r = Trainer.train(net, data, new AdamW(0.9, 0.999, 1e-8, 0.0), config, ckpt, null);

        List<Path> files = ckpt.written();
        assertEquals(List.of("step-000000.safetensors", "step-000006.safetensors", "step-000012.safetensors",
                "step-000018.safetensors"), files.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(r.steps(), 18);
        assertWeights(net, files.get(0));
        assertWeights(r.network(), files.get(3));
    }

    private static void assertWeights(Network expected, Path file) throws IOException {
        List<MatrixSource> sources = Models.open(file.toString());
        int[] layers = expected.weightLayers();
        assertEquals(2 * layers.length, sources.size());
        for (int k = 0; k < layers.length; k++) {
            NamedMatrix w = sources.get(2 * k).load();
            assertEquals(expected.name(layers[k]) + ".weight", w.name());
            assertArrayEquals(expected.params(layers[k]).w().data, w.matrix().data, 0);
            assertArrayEquals(expected.params(layers[k]).b(), sources.get(2 * k + 1).load().matrix().data, 0);
        }
    }

    @Test
    void rejectsBadInputByName(@TempDir Path dir) {
        Trainer.Config config = new Trainer.Config(1, 16, 0.05, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointWriter.of(dir, config, 10, Dtype.F32));
        assertEquals("examples:", e.getMessage().substring(0, 9));
        assertThrows(IllegalArgumentException.class, () -> CheckpointWriter.of(null, config, 100, Dtype.F32));
    }
}
