package cartan.io;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The bad-input sweep of the readers added for issue 16 (GGUF, PyTorch zip, Keras HDF5, sharded
 * checkpoints), in the style of the other {@code *ValidationProperties}: null arguments are rejected by
 * name; a missing file is a {@link NoSuchFileException}; empty, tiny and random files are refused with a
 * declared exception ({@link MalformedWeightsException} or {@link UnsupportedWeightsException}), never an
 * unchecked one. The mutation fuzz of valid files is in {@link ReaderFuzzProperties}.
 */
class FormatValidationProperties {

    @TempDir
    Path dir;

    interface Read {
        void run(Path p) throws IOException;
    }

    static void refusesGarbage(Path f, Read read) {
        try {
            read.run(f);
        } catch (MalformedWeightsException | UnsupportedWeightsException e) {
            // the declared outcome
        } catch (IOException e) {
            throw new AssertionError("undeclared IOException " + e, e);
        }
    }

    static Path temp(String suffix, byte[] b) throws IOException {
        Path f = Files.createTempFile("bad", suffix);
        Files.write(f, b);
        return f;
    }

    // ---------------------------------------------------------------------------------------------
    // GGUF

    @Test
    void ggufArguments() {
        rejects("file", () -> GgufReader.header(null));
        rejects("file", () -> GgufReader.open(null, ReadOptions.DEFAULT));
        rejects("options", () -> GgufReader.open(Fixtures.path("fixture.gguf"), null));
        rejects("file", () -> GgufReader.readTensors(null, ConvLayout.OIHW));
        rejects("convLayout", () -> GgufReader.readTensors(Fixtures.path("fixture.gguf"), null));
    }

    @Test
    void ggufMissingEmptyAndTinyFiles() throws IOException {
        assertThrows(NoSuchFileException.class, () -> GgufReader.header(dir.resolve("none.gguf")));
        for (int n = 0; n < 24; n++) {
            Path f = Files.write(dir.resolve("t" + n + ".gguf"), java.util.Arrays.copyOf("GGUF\3".getBytes(), n));
            assertThrows(MalformedWeightsException.class, () -> GgufReader.header(f), "a " + n + "-byte file");
        }
        Path notGguf = Files.write(dir.resolve("x.gguf"), new byte[64]);
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class, () -> GgufReader.header(notGguf)),
                "bad magic");
    }

    /** A valid preamble with small counts, then random bytes. */
    @Property(tries = 300)
    void ggufRandomBytes(@ForAll @IntRange(min = 0, max = 3) int tensors, @ForAll @IntRange(min = 0, max = 3) int kvs,
                         @ForAll @Size(max = 400) byte[] tail) throws IOException {
        byte[] b = GgufReaderTest.gguf(3, tensors, kvs, tail);
        Path f = temp(".gguf", b);
        try {
            refusesGarbage(f, p -> GgufReader.readTensors(p, ConvLayout.OIHW));
        } finally {
            Files.delete(f);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // PyTorch

    @Test
    void pytorchArguments() {
        rejects("file", () -> PytorchCheckpoint.open(null, ReadOptions.DEFAULT));
        rejects("options", () -> PytorchCheckpoint.open(Fixtures.path("torch_state_dict.pt"), null));
        rejects("file", () -> PytorchCheckpoint.readTensors(null, ConvLayout.OIHW));
        rejects("convLayout", () -> PytorchCheckpoint.readTensors(Fixtures.path("torch_state_dict.pt"), null));
    }

    @Test
    void pytorchMissingEmptyAndNonZipFiles() throws IOException {
        assertThrows(NoSuchFileException.class, () -> PytorchCheckpoint.open(dir.resolve("none.pt"), ReadOptions.DEFAULT));
        for (byte[] b : new byte[][]{{}, {'P', 'K'}, {'P', 'K', 3, 4, 0, 0}, {0x7f, 'E', 'L', 'F'}, new byte[100]}) {
            Path f = Files.write(dir.resolve("e.pt"), b);
            assertThrows(MalformedWeightsException.class, () -> PytorchCheckpoint.open(f, ReadOptions.DEFAULT),
                    java.util.Arrays.toString(b));
        }
    }

    /** A valid zip whose data.pkl is random bytes (after a PROTO 2 header), next to a float storage. */
    @Property(tries = 300)
    void pytorchRandomPickles(@ForAll @Size(max = 200) byte[] pickle) throws IOException {
        byte[] p = GgufReaderTest.concat(new byte[]{(byte) 0x80, 2}, pickle);
        Path f = temp(".pt", PytorchCheckpointTest.zip(java.util.Map.of("archive/data.pkl", p,
                "archive/data/0", PytorchCheckpointTest.floats(4)), false));
        try {
            refusesGarbage(f, x -> PytorchCheckpoint.readTensors(x, ConvLayout.OIHW));
        } finally {
            Files.delete(f);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Sharded checkpoints

    @Test
    void shardIndexArguments() {
        rejects("dir", () -> ShardIndex.find(null));
        rejects("index", () -> ShardIndex.weightMap(null));
        rejects("index", () -> ShardIndex.open(null, ReadOptions.DEFAULT));
        rejects("options", () -> ShardIndex.open(Fixtures.path("sharded_safetensors/model.safetensors.index.json"), null));
        assertThrows(NoSuchFileException.class, () -> ShardIndex.open(dir.resolve("x.index.json"), ReadOptions.DEFAULT));
    }

    @Property(tries = 150)
    void shardIndexRandomJson(@ForAll @Size(max = 120) String text) throws IOException {
        Path d = Files.createTempDirectory("bad-index");
        Path f = Files.writeString(d.resolve("model.safetensors.index.json"), "{\"weight_map\": " + text);
        try {
            refusesGarbage(d, x -> WeightFormats.open(x, ReadOptions.DEFAULT));
        } finally {
            Files.delete(f);
            Files.delete(d);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Keras HDF5

    @Test
    void kerasH5Arguments() {
        rejects("file", () -> KerasH5.open(null, ReadOptions.DEFAULT));
        rejects("options", () -> KerasH5.open(Fixtures.path("keras_model.h5"), null));
        rejects("file", () -> KerasH5.readTensors(null));
    }

    @Test
    void kerasH5MissingEmptyAndNonHdf5Files() throws IOException {
        assertThrows(NoSuchFileException.class, () -> KerasH5.open(dir.resolve("none.h5"), ReadOptions.DEFAULT));
        for (byte[] b : new byte[][]{{}, KerasH5.MAGIC, java.util.Arrays.copyOf(KerasH5.MAGIC, 600), new byte[100]}) {
            Path f = Files.write(dir.resolve("e.h5"), b);
            assertThrows(MalformedWeightsException.class, () -> KerasH5.open(f, ReadOptions.DEFAULT),
                    java.util.Arrays.toString(java.util.Arrays.copyOf(b, Math.min(b.length, 9))));
        }
    }

    /** The valid superblock of keras_model.h5 followed by random bytes. */
    @Property(tries = 200)
    void kerasH5RandomBody(@ForAll @Size(min = 1, max = 2000) byte[] body) throws IOException {
        byte[] valid = Files.readAllBytes(Fixtures.path("keras_model.h5"));
        byte[] b = GgufReaderTest.concat(java.util.Arrays.copyOf(valid, 96), body);
        Path f = temp(".h5", b);
        try {
            refusesGarbage(f, KerasH5::readTensors);
        } finally {
            Files.delete(f);
        }
    }
}
