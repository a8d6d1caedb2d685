package cartan.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static cartan.io.ProtoWriter.message;
import static cartan.io.ProtoWriter.rawTensor;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headers that claim terabytes, one per reader: each is rejected, with a message that states the
 * claimed size against the bytes present, before anything of that size is allocated (the fuzz suite
 * {@link ReaderFuzzProperties} measures the allocation; here the point is the message and the
 * regressions found while fuzzing).
 */
class HugeClaimsTest {

    static final long TB = 1L << 40;

    @TempDir
    Path dir;

    static void mentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' should mention " + p);
        }
    }

    @Test
    void safetensorsHeaderLengthOfATerabyte() throws IOException {
        byte[] b = SafetensorsReaderTest.file("{}", new byte[0]);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, TB);
        Path f = Files.write(dir.resolve("t.safetensors"), b);
        mentions(assertThrows(MalformedWeightsException.class, () -> SafetensorsReader.read(f)),
                String.valueOf(TB), "file has " + b.length + " bytes");
    }

    @Test
    void safetensorsTensorOfATerabyte() throws IOException {
        byte[] b = SafetensorsReaderTest.file("{\"w\":{\"dtype\":\"F32\",\"shape\":[262144,1048576],"
                + "\"data_offsets\":[0," + TB + "]}}", new byte[16]);
        Path f = Files.write(dir.resolve("w.safetensors"), b);
        mentions(assertThrows(MalformedWeightsException.class, () -> SafetensorsReader.read(f)),
                String.valueOf(TB), "16-byte data buffer");
    }

    @Test
    void emptyTensorWhoseMatrixViewWouldOverflow() throws IOException {
        // zero elements, but a 4-D (conv-shaped) view would have 3 x 100000 x 100000 rows: found by the npy
        // grammar property as "Rows are negative" from EJML; now refused by the reader
        Path f = Files.write(dir.resolve("e.npy"),
                NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 3, 0), }\n",
                        new byte[0]));
        mentions(assertThrows(UnsupportedWeightsException.class, () -> NpyReader.read(f)), "empty tensor", "2^31-1");
    }

    @Test
    void npyShapeOfATerabyte() throws IOException {
        Path f = Files.write(dir.resolve("t.npy"),
                NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (262144, 1048576), }\n", new byte[8]));
        mentions(assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f)),
                "needs " + TB + " data bytes", "file has 8");
    }

    @Test
    void npzEntryClaimingATerabyte() throws IOException {
        byte[] npy = NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (262144, 1048576), }\n",
                new byte[8]);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(z)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("w.npy"));
            zip.write(npy);
            zip.closeEntry();
        }
        Path f = Files.write(dir.resolve("t.npz"), z.toByteArray());
        mentions(assertThrows(UnsupportedWeightsException.class, () -> NpyReader.read(f)), "declares", "bytes");
    }

    @Test
    void onnxDimsOfATerabyte() {
        byte[] b = message().varint(1, 7).message(7, message()
                .message(5, rawTensor("w", 1, new long[]{1 << 20, 1 << 20}, new byte[16]))).toByteArray();
        mentions(assertThrows(MalformedWeightsException.class, () -> OnnxReader.readTensors(b, "t")),
                "claims " + TB + " elements");
    }

    @Test
    void onnxRawDataLengthOfATerabyte() {
        byte[] b = message().varint(1, 7).message(7, message().message(5, message()
                .varint(1, 2).varint(2, 1).lyingBytes(9, TB, new byte[8]))).toByteArray();
        mentions(assertThrows(MalformedWeightsException.class, () -> OnnxReader.readTensors(b, "t")),
                "length " + TB + " exceeds");
    }

    @Test
    void tfjsTensorOfATerabyte() throws IOException {
        Files.write(dir.resolve("s.bin"), new byte[16]);
        Path m = Files.writeString(dir.resolve("model.json"), "[{\"paths\": [\"s.bin\"], \"weights\": "
                + "[{\"name\": \"w\", \"shape\": [262144, 1048576], \"dtype\": \"float32\"}]}]");
        mentions(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(m)),
                "needs " + TB + " bytes", "16 remain");
    }

    /** Regression (fuzzing): the byte count overflowed and Math.toIntExact threw ArithmeticException. */
    @Test
    void tfjsShapeWhoseSizeOverflows() throws IOException {
        Files.write(dir.resolve("s.bin"), new byte[16]);
        Path m = Files.writeString(dir.resolve("model.json"), "[{\"paths\": [\"s.bin\"], \"weights\": "
                + "[{\"name\": \"w\", \"shape\": [2147483647, 2147483647, 4], \"dtype\": \"float32\"}]}]");
        mentions(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(m)), "json:", "overflows");
    }

    /** Security: a manifest must not read files outside the model directory. */
    @Test
    void tfjsShardPathsMayNotLeaveTheModelDirectory() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.write(dir.resolve("secret.bin"), new byte[16]);
        for (String p : new String[]{"../secret.bin", dir.resolve("secret.bin").toString(), "a/../../secret.bin"}) {
            Path m = Files.writeString(model.resolve("model.json"), "[{\"paths\": [\"" + p + "\"], \"weights\": "
                    + "[{\"name\": \"w\", \"shape\": [4], \"dtype\": \"float32\"}]}]");
            mentions(assertThrows(IllegalArgumentException.class, () -> TfjsModel.read(m)), "json:",
                    "leaves the model directory");
        }
    }

    @Test
    void idxDimensionsOfATerabyte() throws IOException {
        Path f = Files.write(dir.resolve("t.idx"), IdxReaderTest.idx(0x08, new int[]{1 << 20, 1 << 20}, new byte[8]));
        mentions(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f)), "file:", String.valueOf(TB));
    }

    /** Regression (fuzzing): 2^16 four times is 2^64, which wrapped to 0 and made an empty payload "valid". */
    @Test
    void idxDimensionProductThatWrapsAroundIsRejected() throws IOException {
        Path f = Files.write(dir.resolve("w.idx"), IdxReaderTest.idx(0x08, new int[]{1 << 16, 1 << 16, 1 << 16, 1 << 16},
                new byte[0]));
        mentions(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f)), "file:", "elements");
    }

    /** Regression (fuzzing): a corrupt .gz escaped as UncheckedIOException instead of the documented IAE. */
    @Test
    void corruptGzipIsAnIllegalArgument() throws IOException {
        byte[] gz = gzip(IdxReaderTest.idx(0x08, new int[]{4}, new byte[]{1, 2, 3, 4}));
        gz[gz.length - 12] ^= 0x55; // inside the deflate stream / before the CRC trailer
        Path f = Files.write(dir.resolve("c.idx.gz"), gz);
        Path t = Files.write(dir.resolve("t.idx.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        mentions(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(t)), "file:", "gzip");
        assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f));
    }

    /** A 100 MB run of zeros after a 4-byte payload compresses to ~100 kB; only 5 bytes past the header are inflated. */
    @Test
    void gzipBombAfterAValidHeaderIsNotInflated() throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(IdxReaderTest.idx(0x08, new int[]{4}, new byte[]{1, 2, 3, 4}));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                g.write(zeros);
            }
        }
        Path f = Files.write(dir.resolve("bomb.idx.gz"), o.toByteArray());
        long before = allocated();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(f));
        long used = allocated() - before;
        mentions(e, "trailing bytes");
        assertTrue(used < 16L << 20, "inflating the bomb allocated " + used + " bytes");
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(b);
        }
        return o.toByteArray();
    }

    /**
     * 4 MiB pickles made of one cheap opcode repeated (EMPTY_DICT, EMPTY_SET, MEMOIZE, DUP, …), the streams
     * that make an unpickler allocate the most per input byte: each is refused by PickleScan's budget or read,
     * and either way the reading thread allocates at most 64 bytes per file byte plus 16 MiB — the fuzz bound,
     * here at a size where the 16 MiB no longer hides a per-byte cost.
     */
    @Test
    void pickleBombsStayWithinTheAllocationBound() throws IOException {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        byte[][] units = {{'}'}, {(byte) 0x8f}, {']'}, {')'}, {'N'}, {'('}, {'2'}, {(byte) 0x94}, {'}', (byte) 0x94},
            {'}', 'q', 0}, {'N', 'q', 1}, {'(', ']', 'l'}, {'K', 1}, {'N', (byte) 0x85}, {'J', 1, 2, 3, 4}};
        int n = 4 << 20;
        for (byte[] u : units) {
            byte[] p = new byte[3 + n / u.length * u.length + 1];
            p[0] = (byte) 0x80;
            p[1] = 4;
            p[2] = 'N'; // something on the stack for MEMOIZE and DUP
            for (int i = 3; i + u.length < p.length; i += u.length) {
                System.arraycopy(u, 0, p, i, u.length);
            }
            p[p.length - 1] = '.';
            Path f = Files.write(dir.resolve("bomb.pt"), PytorchCheckpointTest.zip(java.util.Map.of("archive/data.pkl", p), false));
            long before = mx.getCurrentThreadAllocatedBytes();
            try {
                PytorchCheckpoint.open(f, ReadOptions.DEFAULT);
            } catch (UnsupportedWeightsException | MalformedWeightsException e) {
                // refused: fine
            }
            long used = mx.getCurrentThreadAllocatedBytes() - before;
            long bound = 64 * Files.size(f) + (16L << 20);
            assertTrue(used <= bound, java.util.Arrays.toString(u) + ": allocated " + used + " > " + bound);
        }
    }
}
