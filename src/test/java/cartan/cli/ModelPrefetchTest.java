package cartan.cli;

import cartan.io.MatrixSource;
import cartan.io.Models;
import cartan.io.ReadOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model opened early for {@code cartan profile}: handed over only for the model and read options it was
 * opened with, once (a first request for anything else drops it), never after a failed open, and a profile through it prints what a profile without it
 * prints, byte for byte.
 */
class ModelPrefetchTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty(ModelPrefetch.PROPERTY);
        ModelPrefetch.take("", ReadOptions.DEFAULT); // nothing pending for the next test
    }

    private Path model() throws IOException {
        return ProfileCommandTest.npy(tmp, "w", ProfileCommandTest.matrix(60, 40, 0.3));
    }

    @Test
    void theSourcesAreHandedOverOnceForTheSameModelAndDefaultOptions() throws IOException {
        String m = model().toString();
        System.setProperty(ModelPrefetch.PROPERTY, m);
        ModelPrefetch.start();
        assertNull(ModelPrefetch.take(m + "x", ReadOptions.DEFAULT), "another model");
        assertNull(ModelPrefetch.take(m, ReadOptions.DEFAULT), "a prefetch that did not match is dropped");
        ModelPrefetch.start();
        assertNull(ModelPrefetch.take(m, ReadOptions.DEFAULT.withConvMode(cartan.io.ConvMode.PER_SLICE)),
                "other read options");
        ModelPrefetch.start();
        List<MatrixSource> early = ModelPrefetch.take(m, ReadOptions.DEFAULT);
        assertNotNull(early);
        assertNull(ModelPrefetch.take(m, ReadOptions.DEFAULT), "handed over once");
        // the same matrices as opening the model directly
        assertEquals(MatrixSource.loadAll(Models.open(m, ReadOptions.DEFAULT)), MatrixSource.loadAll(early));
    }

    @Test
    void nothingIsOpenedWithoutTheProperty() throws IOException {
        String m = model().toString();
        ModelPrefetch.start();
        assertNull(ModelPrefetch.take(m, ReadOptions.DEFAULT));
    }

    @Test
    void aFailedOpenIsLeftToTheCommandWhichReportsItAsAlways() {
        String missing = tmp.resolve("missing.npy").toString();
        System.setProperty(ModelPrefetch.PROPERTY, missing);
        ProfileCommandTest.Run r = ProfileCommandTest.run("profile", missing, "--quiet");
        assertEquals(ExitCode.INPUT, r.code(), r.err());
        assertTrue(r.err().contains("cannot read '" + missing + "'"), r.err());
    }

    @Test
    void aProfileThroughThePrefetchPrintsWhatOneWithoutItPrints() throws IOException {
        String m = model().toString();
        ProfileCommandTest.Run plain = ProfileCommandTest.run("profile", m, "--csv", "--quiet");
        System.setProperty(ModelPrefetch.PROPERTY, m);
        ProfileCommandTest.Run early = ProfileCommandTest.run("profile", m, "--csv", "--quiet");
        assertEquals(0, plain.code(), plain.err());
        assertNull(ModelPrefetch.take(m, ReadOptions.DEFAULT), "the command took the prefetched sources");
        assertEquals(plain.out(), early.out());
        assertEquals(plain.err(), early.err());
    }
}
