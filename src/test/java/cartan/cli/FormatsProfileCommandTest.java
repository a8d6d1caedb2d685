package cartan.cli;

import cartan.io.KnownModel;
import cartan.io.MatrixSource;
import cartan.io.Models;
import cartan.profile.ExponentProfile;
import cartan.profile.ProfileOptions;
import cartan.profile.ProfileWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cartan profile} end to end on the formats of issue 16 — a PyTorch checkpoint, a Keras HDF5 file, a
 * GGUF file and sharded checkpoint directories (the test fixtures of cartan.io) — streamed, against the
 * in-memory profile of the same matrices; and the MNIST CNN's cnn.h5 against its TF.js export.
 */
class FormatsProfileCommandTest {

    static Path fixture(String name) {
        try {
            return Path.of(FormatsProfileCommandTest.class.getResource("/cartan/io/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String inMemory(String model, int minSize) throws IOException {
        return ProfileWriter.csv(ExponentProfile.ofNamedMatrices(
                MatrixSource.loadAll(Models.select(Models.open(model), null, minSize)), ProfileOptions.DEFAULT, null));
    }

    @Test
    void everyNewFormatProfilesEndToEnd() throws IOException {
        for (String name : new String[]{"torch_state_dict.pt", "torch_checkpoint.pth", "keras_model.h5",
            "keras3.weights.h5", "fixture.gguf", "sharded_pytorch", "sharded_safetensors"}) {
            String f = fixture(name).toString();
            for (String threads : new String[]{"1", "2"}) {
                ProfileCommandTest.Run r = ProfileCommandTest.run("profile", f, "--csv", "--quiet", "--min-size", "2",
                        "--threads", threads);
                assertEquals(0, r.code(), name + ": " + r.err());
                assertEquals(inMemory(f, 2), r.out(), name + ", threads " + threads);
                assertTrue(r.out().lines().count() >= 3, name + ": " + r.out());
            }
        }
    }

    @Test
    void unsafePicklesAndUnsupportedTypesAreInputErrors() {
        for (String[] c : new String[][]{{"torch_evil.pt", "posix.system"}, {"torch_module.pt", "not allowed"},
            {"torch_legacy.pt", "legacy"}, {"q4k.gguf", "Q4_K"}, {"keras_chunked.h5", "CHUNKED"}}) {
            ProfileCommandTest.Run r = ProfileCommandTest.run("profile", fixture(c[0]).toString(), "--quiet");
            assertEquals(ExitCode.INPUT, r.code(), c[0] + ": " + r.err());
            ProfileCommandTest.assertOneLineNoTrace(r);
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
        }
    }

    @Test
    void mnistCnnFromHdf5EqualsItsTfjsProfile() throws IOException {
        Path h5 = KnownModel.MNIST_CNN.location().getParent().getParent().getParent().resolve("keras/cnn.h5");
        Assumptions.assumeTrue(Files.isRegularFile(h5), "mnist-cnn not fetched (bin/fetch-data)");
        ProfileCommandTest.Run fromH5 = ProfileCommandTest.run("profile", h5.toString(), "--csv", "--quiet");
        ProfileCommandTest.Run fromTfjs = ProfileCommandTest.run("profile", "mnist-cnn", "--csv", "--quiet");
        assertEquals(0, fromH5.code(), fromH5.err());
        assertEquals(fromTfjs.out(), fromH5.out());
    }
}
