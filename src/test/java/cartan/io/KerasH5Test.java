package cartan.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras HDF5 files written by h5py (make_h5_fixtures.py) against h5_expected.json (numpy's values and
 * singular values), and the MNIST CNN's real cnn.h5 against the TF.js export of the same model: two
 * independent paths (HDF5 through jHDF, TF.js JSON + shards) to the same numbers.
 */
class KerasH5Test {

    static final JsonNode EXPECTED = PytorchCheckpointTest.read("/cartan/io/h5_expected.json");

    @Test
    void kerasTwoLayoutMatchesNumpy() throws IOException {
        List<MatrixSource> s = KerasH5.open(Fixtures.path("keras_model.h5"), ReadOptions.DEFAULT);
        assertEquals(List.of("embedding_1/embeddings", "conv2d_1/kernel", "dense_1/kernel", "dense_1/bias",
                "small_1/kernel"), s.stream().map(MatrixSource::name).toList(), "layer_names order; no optimizer, "
                + "integer counter or link");
        Map<String, MatrixSource> m = s.stream().collect(Collectors.toMap(MatrixSource::name, x -> x));
        for (var it = EXPECTED.fields(); it.hasNext(); ) {
            var e = it.next();
            NamedMatrix nm = m.get(e.getKey()).load();
            assertArrayEquals(Fixtures.doubles(e.getValue().get("values")), nm.matrix().data, 0, e.getKey());
            Fixtures.assertSingularValues(Fixtures.doubles(e.getValue().get("svals")), nm.matrix());
        }
        assertEquals(LayerKind.CONV, m.get("conv2d_1/kernel").kind());
        assertEquals(3 * 3 * 2, m.get("conv2d_1/kernel").rows(), "HWIO: kh·kw·in rows");
        assertEquals(LayerKind.EMBEDDING, m.get("embedding_1/embeddings").kind());
        assertEquals("dense_1/kernel:0",
                m.get("dense_1/kernel").tensorName());
    }

    @Test
    void kerasThreeWeightsFileIsWalked() throws IOException {
        Map<String, MatrixSource> m = Models.open(Fixtures.path("keras3.weights.h5").toString()).stream()
                .collect(Collectors.toMap(MatrixSource::name, x -> x));
        assertEquals(java.util.Set.of("layers/conv2d/vars/0", "layers/dense/vars/0", "layers/dense/vars/1"), m.keySet());
        assertArrayEquals(Fixtures.doubles(EXPECTED.get("dense_1/kernel").get("values")),
                m.get("layers/dense/vars/0").load().matrix().data, 0);
        assertArrayEquals(Fixtures.doubles(EXPECTED.get("conv2d_1/kernel").get("svals")),
                cartan.linalg.SingularValues.of(m.get("layers/conv2d/vars/0").load().matrix()), 1e-12);
    }

    @Test
    void chunkedDatasetsAreRefused() {
        HugeClaimsTest.mentions(assertThrows(UnsupportedWeightsException.class,
                () -> KerasH5.open(Fixtures.path("keras_chunked.h5"), ReadOptions.DEFAULT)), "CHUNKED", "kernel:0");
    }

    @Test
    void sniffedWithoutExtension(@TempDir Path dir) throws IOException {
        Path f = Files.copy(Fixtures.path("keras_model.h5"), dir.resolve("weights"));
        assertEquals(WeightFormats.KERAS_H5, WeightFormats.of(f));
        assertEquals(5, WeightFormats.open(f, ReadOptions.DEFAULT).size());
    }

    /** The MNIST CNN of npm mnist-react-tfjs@0.1.1 ships its Keras cnn.h5 next to the TF.js export. */
    @Test
    void mnistCnnH5EqualsItsTfjsExport() throws IOException {
        Path h5 = KnownModel.MNIST_CNN.location().getParent().getParent().getParent().resolve("keras/cnn.h5");
        Assumptions.assumeTrue(Files.isRegularFile(h5), "mnist-cnn not fetched (bin/fetch-data)");
        Map<String, NamedMatrix> tfjs = MatrixSource.loadAll(Models.open("mnist-cnn")).stream()
                .collect(Collectors.toMap(NamedMatrix::name, x -> x));
        List<NamedMatrix> keras = MatrixSource.loadAll(Models.open(h5.toString()));
        assertEquals(tfjs.keySet(), keras.stream().map(NamedMatrix::name).collect(Collectors.toSet()));
        assertEquals(8, keras.size());
        for (NamedMatrix k : keras) {
            NamedMatrix t = tfjs.get(k.name());
            assertEquals(t.kind(), k.kind(), k.name());
            assertArrayEquals(t.originalShape(), k.originalShape(), k.name());
            assertArrayEquals(t.matrix().data, k.matrix().data, 0, k.name());
        }
        assertTrue(keras.stream().anyMatch(k -> k.name().equals("dense_1/kernel") && k.rows() == 9216));
    }
}
