package cartan.io;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Random and randomly corrupted inputs: every reader either returns or throws one of its two checked
 * exceptions — never an unchecked exception, never an OutOfMemoryError from a size it was told.
 */
class HostileBytesProperties {

    static void readsOrRejects(ThrowingRead read) {
        try {
            read.run();
        } catch (MalformedWeightsException | UnsupportedWeightsException e) {
            // expected outcome for garbage
        } catch (IOException e) {
            throw new AssertionError("unexpected IOException " + e, e);
        }
    }

    interface ThrowingRead {
        void run() throws IOException;
    }

    @Property(tries = 1000)
    void randomBytesAsOnnx(@ForAll @Size(max = 300) byte[] bytes) {
        readsOrRejects(() -> OnnxReader.readTensors(bytes, "random"));
    }

    @Property(tries = 1000)
    void corruptedOnnxModel(@ForAll @IntRange(min = 0, max = 100_000) int seed,
                            @ForAll @IntRange(min = 1, max = 8) int flips) {
        byte[] b = OnnxReaderTest.model();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < flips; i++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        readsOrRejects(() -> OnnxReader.readTensors(b, "corrupt"));
        // the lazy sources: hostile data may pass open and fail on load, but only with a declared exception
        readsOrRejects(() -> MatrixSource.loadAll(OnnxReader.open(b, "corrupt", ConvMode.FLATTEN)));
    }

    @Property(tries = 150)
    void safetensorsWithRandomHeaderText(@ForAll @Size(max = 200) String header,
                                         @ForAll @Size(max = 64) byte[] data) throws IOException {
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] file = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
        Path f = Files.createTempFile("hostile", ".safetensors");
        try {
            Files.write(f, file);
            readsOrRejects(() -> SafetensorsReader.read(f));
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 150)
    void npyWithRandomHeaderText(@ForAll @Size(max = 120) String header,
                                 @ForAll @Size(max = 64) byte[] data) throws IOException {
        Path f = Files.createTempFile("hostile", ".npy");
        try {
            Files.write(f, NpyReaderTest.npy(header, data));
            readsOrRejects(() -> NpyReader.read(f));
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 200)
    void npyShapesAndDtypesFromAGrammar(@ForAll @IntRange(min = 0, max = 5) int dtype,
                                        @ForAll List<@IntRange(min = -2, max = 1 << 30) Integer> dims,
                                        @ForAll boolean fortran,
                                        @ForAll @Size(max = 64) byte[] data) throws IOException {
        String[] descr = {"<f4", ">f8", "<f2", "|b1", "<i4", "<c16"};
        StringBuilder shape = new StringBuilder("(");
        for (int d : dims.subList(0, Math.min(dims.size(), 6))) {
            shape.append(d).append(", ");
        }
        String header = "{'descr': '" + descr[dtype] + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': " + shape + "), }\n";
        Path f = Files.createTempFile("hostile", ".npy");
        try {
            Files.write(f, NpyReaderTest.npy(header, data));
            readsOrRejects(() -> NpyReader.read(f));
        } finally {
            Files.delete(f);
        }
    }
}
