package cartan.io;

import cartan.fit.PowerLawFit;
import cartan.fit.TailFitter;
import cartan.linalg.RandomMatrices;
import cartan.linalg.SingularValues;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightFilesTest {

    @Test
    void sniffsFormatsWithoutExtensions(@TempDir Path dir) throws IOException {
        Path npy = dir.resolve("a");
        Files.copy(Fixtures.path("a34_f8_be.npy"), npy);
        assertEquals(WeightFiles.Format.NPY, WeightFiles.format(npy));
        assertEquals(3, WeightFiles.read(npy).get(0).rows());
        Path npz = dir.resolve("b");
        Files.copy(Fixtures.path("arrays.npz"), npz);
        assertEquals(WeightFiles.Format.NPZ, WeightFiles.format(npz));
        Path onnx = dir.resolve("c");
        Files.write(onnx, OnnxReaderTest.model());
        assertEquals(WeightFiles.Format.ONNX, WeightFiles.format(onnx));
        assertEquals(OnnxReader.read(onnx), WeightFiles.read(onnx));
    }

    @Test
    void directoriesAreReadInFileNameOrder(@TempDir Path dir) throws IOException {
        Files.copy(Fixtures.path("fixture.safetensors"), dir.resolve("model-00002-of-00002.safetensors"));
        Files.copy(Fixtures.path("a34_f4_le.npy"), dir.resolve("model-00001-of-00002.npy"));
        Files.writeString(dir.resolve("README.txt"), "ignored");
        List<NamedMatrix> ms = WeightFiles.read(dir);
        assertEquals("model-00001-of-00002", ms.get(0).name());
        assertEquals(1 + 4, ms.size());
        assertEquals("model.embed_tokens.weight", ms.get(1).name());
    }

    /**
     * The per-layer loop of the WeightFiles Javadoc, end to end: a 60×40 dense weight with prescribed
     * singular values σ_k = k^(−1/2) (so λ_k = 1/k, a rank-ordered exponent γ_λ = 1, i.e. density α = 2)
     * written into an ONNX MatMul, read back, decomposed and fitted.
     */
    @Test
    void perLayerLoopRecoversPrescribedSpectrum(@TempDir Path dir) throws IOException {
        double[] sigma = new double[40];
        for (int k = 0; k < sigma.length; k++) {
            sigma[k] = 1 / Math.sqrt(k + 1);
        }
        DMatrixRMaj w = RandomMatrices.withSingularValues(sigma, new java.util.SplittableRandom(3));
        DMatrixRMaj tall = new DMatrixRMaj(60, 40);
        // embed the 40×40 matrix in a 60×40 one with zero rows: same singular values
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                tall.set(i, j, w.get(i, j));
            }
        }
        double[] f32 = new double[tall.data.length];
        for (int i = 0; i < f32.length; i++) {
            f32[i] = (float) tall.data[i];
        }
        ProtoWriter g = ProtoWriter.message()
                .message(1, ProtoWriter.node("/block/MatMul", "MatMul", new String[]{"x", "W"}, new String[]{"y"}))
                .message(5, ProtoWriter.rawTensor("W", 1, new long[]{60, 40}, ProtoWriter.f32(f32)));
        Path f = dir.resolve("one.onnx");
        Files.write(f, ProtoWriter.message().message(7, g).toByteArray());
        List<NamedMatrix> ms = WeightFiles.read(f);
        assertEquals(1, ms.size());
        NamedMatrix m = ms.get(0);
        assertTrue(m.kind().isLayerWeight());
        double[] s = SingularValues.of(m.matrix());
        for (int k = 0; k < sigma.length; k++) {
            assertEquals(sigma[k], s[k], 1e-6, "sigma_" + k); // float32 storage: ~6e-8 relative per entry
        }
        double[] lambda = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            lambda[i] = s[i] * s[i];
        }
        PowerLawFit fit = TailFitter.weightWatcher().fit(lambda);
        // the same fit as on the exact spectrum λ_k = 1/k: float32 storage moves λ by ~1e-7, not the x_min pick
        double[] exact = new double[sigma.length];
        for (int k = 0; k < exact.length; k++) {
            exact[k] = 1.0 / (k + 1);
        }
        PowerLawFit reference = TailFitter.weightWatcher().fit(exact);
        assertEquals(reference.tailSize(), fit.tailSize());
        assertEquals(reference.alpha(), fit.alpha(), 1e-4);
    }
}
