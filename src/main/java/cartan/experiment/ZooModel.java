package cartan.experiment;

import cartan.Require;
import cartan.nn.Architecture;
import cartan.nn.Architectures;
import cartan.nn.Architectures.TransformerShape;

import java.util.List;
import java.util.function.LongFunction;

/**
 * One model of the trained zoo: how to build it from a seed, what it learns from, and how long.
 *
 * @param id           model id, e.g. {@code cnn-mnist}
 * @param dataset      {@code mnist}, {@code fashion-mnist} or {@code moby-dick}
 * @param architecture the architecture for a seed
 * @param trainCount   training examples (images from the start of the train split; text windows spread
 *                     evenly over the first 90 % of the novel)
 * @param epochs       passes over them
 * @param batchSize    examples per step
 * @param learningRate AdamW's peak rate (cosine decay)
 * @param warmup       warm-up fraction of the steps
 * @param measureBatch examples in the fixed measurement batch (the first ones of the training set)
 * @param trajectory   whether to measure every layer before each epoch too (α over training)
 */
public record ZooModel(String id, String dataset, LongFunction<Architecture> architecture, int trainCount, int epochs,
                       int batchSize, double learningRate, double warmup, int measureBatch, boolean trajectory) {

    public ZooModel {
        Require.notNull("id", id);
        if (!List.of("mnist", "fashion-mnist", "moby-dick").contains(dataset)) {
            throw new IllegalArgumentException("dataset: must be mnist, fashion-mnist or moby-dick, got " + dataset);
        }
        Require.atLeast("trainCount", trainCount, 1);
        Require.atLeast("epochs", epochs, 1);
        Require.atLeast("batchSize", batchSize, 1);
        Require.atLeast("measureBatch", measureBatch, 1);
    }

    /** Context length of the character model. */
    public static final int CONTEXT = 32;
    /** The MLP widths of the width-scaling study. */
    public static final int[] MLP_WIDTHS = {64, 128, 256, 512};

    /** The small CNN shared by the zoo and the optimiser comparison: conv 8, conv 24, dense 64, head. */
    public static Architecture cnn(String id, long seed) {
        return Architectures.cnn(id, 28, 1, 8, 24, 64, 10, seed);
    }

    static ZooModel mlp(int width, int trainCount, int epochs) {
        return new ZooModel("mlp-w" + width + "-mnist", "mnist",
                seed -> Architectures.mlp("mlp-w" + width + "-mnist", 784, new int[]{width, width}, 10, seed),
                trainCount, epochs, 128, 1e-3, 0, 256, false);
    }

    /**
     * The full zoo: four MLP widths, the CNN on both image sets, a residual CNN, a vision transformer and a
     * character-level transformer language model — 69 weight matrices. Sized for 2 shared cores: a few
     * thousand training examples and a few epochs per model (stated in the README), not convergence on the
     * full data sets.
     */
    public static List<ZooModel> full() {
        TransformerShape t = new TransformerShape(32, 4, 4, 128);
        return List.of(
                mlp(64, 6000, 3), mlp(128, 6000, 3), mlp(256, 6000, 3), mlp(512, 6000, 3),
                new ZooModel("cnn-mnist", "mnist", seed -> cnn("cnn-mnist", seed), 6000, 3, 64, 2e-3, 0, 256, false),
                new ZooModel("cnn-fashion", "fashion-mnist", seed -> cnn("cnn-fashion", seed), 6000, 3, 64, 2e-3, 0, 256, false),
                new ZooModel("resnet-fashion", "fashion-mnist",
                        seed -> Architectures.residualCnn("resnet-fashion", 28, 1, 16, 2, 10, seed), 4000, 3, 64, 2e-3, 0, 16, true),
                new ZooModel("vit-mnist", "mnist",
                        seed -> Architectures.visionTransformer("vit-mnist", 28, 1, 7, t, 10, seed), 4000, 4, 64, 2e-3, 0.05, 32, false),
                new ZooModel("charlm-mobydick", "moby-dick",
                        seed -> Architectures.charTransformer("charlm-mobydick", 83, CONTEXT, t, seed), 9600, 1, 32, 3e-3, 0.05, 8, false));
    }

    /** A reduced zoo for tests: tiny models, few examples (the same code paths). */
    public static List<ZooModel> reduced() {
        TransformerShape t = new TransformerShape(8, 1, 2, 16);
        return List.of(
                mlp(16, 512, 1),
                new ZooModel("cnn-mnist", "mnist", seed -> cnn("cnn-mnist", seed), 256, 1, 32, 1e-3, 0, 32, true),
                new ZooModel("vit-mnist", "mnist",
                        seed -> Architectures.visionTransformer("vit-mnist", 28, 1, 7, t, 10, seed), 128, 1, 32, 1e-3, 0.05, 16, false),
                new ZooModel("charlm-mobydick", "moby-dick",
                        seed -> Architectures.charTransformer("charlm-mobydick", 83, 16, t, seed), 256, 1, 32, 3e-3, 0.05, 8, false));
    }
}
