package cartan.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static cartan.io.ProtoWriter.f32;
import static cartan.io.ProtoWriter.message;
import static cartan.io.ProtoWriter.node;
import static cartan.io.ProtoWriter.rawTensor;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing every reader of {@code cartan.io} from VALID files: each case takes a well-formed ONNX,
 * safetensors, npy, npz, TF.js or IDX file (the numpy-written fixtures or files built here by
 * construction) and mutates it with {@link Mutator} (bit flips, truncation, spans deleted, duplicated
 * or inserted, length fields overwritten with huge or negative values) or with a format-aware
 * grammar (wrong dtypes, huge / negative / overlapping offsets and shapes, deep nesting). Three
 * things are asserted for every case:
 * <ol>
 *   <li>only the reader's declared exceptions escape — {@link MalformedWeightsException} /
 *       {@link UnsupportedWeightsException} for the ONNX, safetensors and numpy readers and
 *       {@link WeightFiles}; {@link IllegalArgumentException} for {@link TfjsModel} and
 *       {@link IdxReader}. No NPE, IndexOutOfBounds, NegativeArraySize, ArithmeticException or
 *       OutOfMemoryError;</li>
 *   <li>the case finishes within {@link #LIMIT} (checked preemptively);</li>
 *   <li>the reading thread allocates at most {@code 64 × file size + 16 MiB} (measured with the
 *       JVM's per-thread allocation counter), so a header claiming gigabytes cannot be honoured with
 *       an allocation before the bytes are seen to be present.</li>
 * </ol>
 * The quick default (a few hundred cases per reader) runs in {@code mvn verify}; the long run is
 * {@code mvn -q test -Dtest='ReaderFuzz*' -Dcartan.fuzz.tries=10000} (see {@link FuzzTries}).
 */
@AddLifecycleHook(FuzzTries.class)
class ReaderFuzzProperties {

    static final Duration LIMIT = Duration.ofSeconds(1);
    static final long ALLOCATION_SLACK = 16L << 20;
    static final Map<String, AtomicLong> CASES = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> SLOWEST_NANOS = new ConcurrentHashMap<>();

    static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("cartan-fuzz");
        warmUp();
    }

    /**
     * Reads one valid file of each format before timing anything: the first read in a JVM loads and
     * initialises Jackson, the zip and protobuf code (≈ 0.6 s on a loaded 2-core machine), which is
     * not a cost of any input.
     */
    static void warmUp() throws IOException {
        OnnxReader.readTensors(OnnxReaderTest.model(), "warm-up");
        SafetensorsReader.read(Fixtures.path("fixture.safetensors"));
        NpyReader.read(Fixtures.path("a34_f4_le.npy"));
        NpyReader.read(Fixtures.path("arrays_compressed.npz"));
        TfjsModel.read(tfjs(validTfjsJson(), tfjsShards()));
        String deep = "[".repeat(999) + "]".repeat(999);
        TfjsModel.read(tfjs("{\"modelTopology\": " + deep + ", \"weightsManifest\": []}", tfjsShards()));
        IdxReader.read(write("warm.idx.gz", gzip(validIdx(0x08))));
        GgufReader.readTensors(Fixtures.path("fixture.gguf"), ConvLayout.OIHW);
        PytorchCheckpoint.readTensors(Fixtures.path("torch_checkpoint.pth"), ConvLayout.OIHW);
        KerasH5.readTensors(Fixtures.path("keras_model.h5"));
        KerasH5.readTensors(Fixtures.path("keras3.weights.h5"));
    }

    @AfterContainer
    static void report() throws IOException {
        StringBuilder s = new StringBuilder("reader fuzz cases (failures: 0):");
        new TreeMap<>(CASES).forEach((k, v) -> s.append(' ').append(k).append('=').append(v.get())
                .append(" (slowest ").append(SLOWEST_NANOS.get(k).get() / 1_000_000).append(" ms)"));
        System.out.println(s);
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    interface Read {
        void run() throws Exception;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /**
     * Runs one case: within {@link #LIMIT}, allocating at most 64 bytes per input byte plus 16 MiB,
     * and either returning or throwing one of {@code allowed}.
     */
    @SafeVarargs
    static void only(String reader, long inputBytes, Read read, Class<? extends Throwable>... allowed) {
        CASES.computeIfAbsent(reader, k -> new AtomicLong()).incrementAndGet();
        assertTimeoutPreemptively(LIMIT, () -> {
            long before = allocated();
            long start = System.nanoTime();
            Throwable thrown = null;
            try {
                read.run();
            } catch (Throwable t) {
                thrown = t;
            }
            long used = allocated() - before;
            long took = System.nanoTime() - start;
            SLOWEST_NANOS.computeIfAbsent(reader, k -> new AtomicLong()).accumulateAndGet(took, Math::max);
            if (used > ALLOCATION_SLACK + 64 * inputBytes) {
                throw new AssertionError(reader + ": allocated " + used + " bytes for a " + inputBytes
                        + "-byte input" + (thrown == null ? "" : " (then threw " + thrown + ")"));
            }
            if (thrown != null) {
                for (Class<? extends Throwable> c : allowed) {
                    if (c.isInstance(thrown)) {
                        return;
                    }
                }
                throw new AssertionError(reader + ": undeclared " + thrown, thrown);
            }
        }, () -> reader + ": a case took longer than " + LIMIT);
    }

    static void weights(String reader, long bytes, Read read) {
        only(reader, bytes, read, MalformedWeightsException.class, UnsupportedWeightsException.class);
    }

    static Path write(String name, byte[] b) {
        try {
            return Files.write(dir.resolve(name), b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try {
            return Files.readAllBytes(Fixtures.path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // ONNX

    /** If-nodes nested {@code depth} deep, the innermost branch holding a Conv weight constant. */
    static byte[] nestedOnnx(int depth) {
        ProtoWriter g = OnnxReaderTest.branch("in", 1);
        for (int d = depth; d > 0; d--) {
            g = message().message(1, node("/if" + d, "If", new String[]{"c" + d}, new String[]{"z" + d})
                    .message(5, message().string(1, "then_branch").message(6, g)));
        }
        return message().varint(1, 7).message(7, g).toByteArray();
    }

    @Property(tries = 300)
    void onnxMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                     @ForAll @IntRange(min = 1, max = 12) int ops, @ForAll boolean nested) {
        byte[] b = Mutator.mutate(nested ? nestedOnnx(3) : OnnxReaderTest.model(), seed, ops);
        weights("onnx", b.length, () -> OnnxReader.readTensors(b, "fuzz"));
    }

    @Property(tries = 60)
    void onnxDeepSubgraphs(@ForAll @IntRange(min = 0, max = 400) int depth,
                           @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                           @ForAll @IntRange(min = 0, max = 3) int ops) {
        byte[] b = Mutator.mutate(nestedOnnx(depth), seed, ops);
        weights("onnx", b.length, () -> {
            List<WeightTensor> ts = OnnxReader.readTensors(b, "deep");
            if (ops == 0 && (depth > 64 || ts.size() != 1)) {
                throw new AssertionError("depth " + depth + " read as " + ts.size() + " tensors");
            }
        });
    }

    @Property(tries = 40)
    void onnxHugeShapeClaims(@ForAll("hugeDims") long[] dims, @ForAll @IntRange(min = 0, max = 64) int payload) {
        byte[] b = message().varint(1, 7).message(7, message()
                .message(5, rawTensor("w", 1, dims, new byte[payload]))).toByteArray();
        weights("onnx", b.length, () -> OnnxReader.readTensors(b, "huge"));
    }

    @Provide
    Arbitrary<long[]> hugeDims() {
        return Arbitraries.of(0L, 1L, 4L, 1L << 20, 1L << 31, 1L << 40, Long.MAX_VALUE, -1L, Long.MIN_VALUE)
                .array(long[].class).ofMinSize(0).ofMaxSize(5);
    }

    // ---------------------------------------------------------------------------------------------
    // safetensors

    @Property(tries = 250)
    void safetensorsMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                            @ForAll @IntRange(min = 1, max = 12) int ops) {
        byte[] b = Mutator.mutate(resource("fixture.safetensors"), seed, ops);
        Path f = write("m.safetensors", b);
        weights("safetensors", b.length, () -> SafetensorsReader.read(f));
    }

    @Property(tries = 200)
    void safetensorsHeaderGrammar(@ForAll("stDtype") String dtype, @ForAll("hugeDims") long[] shape,
                                  @ForAll("offset") long begin, @ForAll("offset") long end,
                                  @ForAll("stDtype") String dtype2, @ForAll("offset") long begin2,
                                  @ForAll("offset") long end2, @ForAll @IntRange(min = 0, max = 4) int lengthField,
                                  @ForAll @IntRange(min = 0, max = 96) int dataBytes) {
        StringBuilder sh = new StringBuilder();
        for (long d : shape) {
            sh.append(sh.length() == 0 ? "" : ",").append(d);
        }
        String json = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + sh
                + "],\"data_offsets\":[" + begin + "," + end + "]},\"b\":{\"dtype\":\"" + dtype2
                + "\",\"shape\":[2,2],\"data_offsets\":[" + begin2 + "," + end2 + "]}}";
        byte[] b = SafetensorsReaderTest.file(json, new byte[dataBytes]);
        long claimed = switch (lengthField) {
            case 1 -> 1L << 40;            // a terabyte header
            case 2 -> -1L;                 // 2^64 - 1 unsigned
            case 3 -> b.length - 7;        // one byte past the end
            case 4 -> 1;
            default -> json.getBytes(StandardCharsets.UTF_8).length;
        };
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, claimed);
        Path f = write("g.safetensors", b);
        weights("safetensors", b.length, () -> SafetensorsReader.read(f));
    }

    @Provide
    Arbitrary<String> stDtype() {
        return Arbitraries.of("F64", "F32", "F16", "BF16", "I64", "I8", "BOOL", "F8_E4M3", "U4", "", "f32",
                "F32\u0000");
    }

    @Provide
    Arbitrary<Long> offset() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-8, 100),
                Arbitraries.of(1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 1L << 31));
    }

    @Property(tries = 20)
    void safetensorsDeepJson(@ForAll @IntRange(min = 1, max = 20_000) int depth, @ForAll boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String json = "{\"x\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
        byte[] b = SafetensorsReaderTest.file(json, new byte[0]);
        Path f = write("d.safetensors", b);
        weights("safetensors", b.length, () -> SafetensorsReader.read(f));
    }

    // ---------------------------------------------------------------------------------------------
    // npy and npz

    @Property(tries = 250)
    void npyMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                    @ForAll @IntRange(min = 1, max = 12) int ops,
                    @ForAll("npyFixture") String fixture) {
        byte[] b = Mutator.mutate(resource(fixture), seed, ops);
        Path f = write("m.npy", b);
        weights("npy", b.length, () -> NpyReader.read(f));
    }

    @Provide
    Arbitrary<String> npyFixture() {
        return Arbitraries.of("a34_f4_le.npy", "a34_f8_be.npy", "a234_f8_fortran_be.npy", "a34_f2.npy",
                "a34_f4_fortran.npy", "conv_oihw_f4.npy", "ints.npy");
    }

    @Property(tries = 150)
    void npyPreambleGrammar(@ForAll @IntRange(min = 0, max = 4) int major,
                            @ForAll("headerLength") long headerLength,
                            @ForAll("hugeDims") long[] shape, @ForAll @IntRange(min = 0, max = 64) int dataBytes) {
        StringBuilder sh = new StringBuilder();
        for (long d : shape) {
            sh.append(d).append(", ");
        }
        byte[] h = ("{'descr': '<f4', 'fortran_order': False, 'shape': (" + sh + "), }\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        int pre = major == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(pre + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        long len = headerLength < 0 ? h.length : headerLength;
        if (pre == 10) {
            b.putShort((short) len);
        } else {
            b.putInt((int) len);
        }
        b.put(h);
        byte[] bytes = b.array();
        Path f = write("p.npy", bytes);
        weights("npy", bytes.length, () -> NpyReader.read(f));
    }

    @Provide
    Arbitrary<Long> headerLength() {
        return Arbitraries.of(-1L, 0L, 1L, 0xffffL, 0xffffffffL, 1L << 20, (1L << 20) + 1, 0x7fffffffL);
    }

    @Property(tries = 250)
    void npzMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                    @ForAll @IntRange(min = 1, max = 10) int ops, @ForAll boolean compressed) {
        byte[] b = Mutator.mutate(resource(compressed ? "arrays_compressed.npz" : "arrays.npz"), seed, ops);
        Path f = write("m.npz", b);
        weights("npz", b.length, () -> NpyReader.read(f));
    }

    /** A deflated npz entry whose npy header claims a huge array (a zip bomb in miniature). */
    @Property(tries = 40)
    void npzEntryClaimingHugeData(@ForAll("hugeDims") long[] shape, @ForAll @IntRange(min = 0, max = 200_000) int zeros,
                                  @ForAll boolean deflate) throws IOException {
        StringBuilder sh = new StringBuilder();
        for (long d : shape) {
            sh.append(d).append(", ");
        }
        byte[] npy = NpyReaderTest.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (" + sh + "), }\n",
                new byte[zeros]);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(z)) {
            java.util.zip.ZipEntry e = new java.util.zip.ZipEntry("w.npy");
            if (!deflate) {
                e.setMethod(java.util.zip.ZipEntry.STORED);
                e.setSize(npy.length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(npy);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(npy);
            zip.closeEntry();
        }
        byte[] b = z.toByteArray();
        Path f = write("h.npz", b);
        // a deflated entry may legitimately expand: the bound is the decompressed npy size
        weights("npz", Math.max(b.length, npy.length), () -> NpyReader.read(f));
    }

    // ---------------------------------------------------------------------------------------------
    // TF.js

    static final String TFJS_JSON = """
            {"modelTopology": {"model_config": {"class_name": "Sequential", "config": [
               {"class_name": "Dense", "config": {"name": "d", "activation": "relu"}}]}},
             "weightsManifest": [{"paths": ["%s", "g-shard2of2"], "weights": [
               {"name": "w", "shape": [%s], "dtype": "%s"},
               {"name": "q8", "shape": [4], "dtype": "float32", "quantization": {"dtype": "%s", "scale": %s, "min": -1}},
               {"name": "h", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16"}}]}]}
            """;

    static byte[] tfjsShards() {
        ByteBuffer b = ByteBuffer.allocate(6 * 4 + 4 + 2 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            b.putFloat(i - 2.5f);
        }
        b.put((byte) 0).put((byte) 1).put((byte) 200).put((byte) 255);
        b.putShort((short) 0x3C00).putShort((short) 0xC500);
        return b.array();
    }

    static Path tfjs(String json, byte[] shards) throws IOException {
        Path d = Files.createDirectories(dir.resolve("tfjs"));
        Files.write(d.resolve("g-shard1of2"), java.util.Arrays.copyOfRange(shards, 0, Math.min(10, shards.length)));
        Files.write(d.resolve("g-shard2of2"), shards.length > 10
                ? java.util.Arrays.copyOfRange(shards, 10, shards.length) : new byte[0]);
        return Files.writeString(d.resolve("model.json"), json);
    }

    static String validTfjsJson() {
        return TFJS_JSON.formatted("g-shard1of2", "2, 3", "float32", "uint8", "0.5");
    }

    @Property(tries = 150)
    void tfjsMutatedJson(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                         @ForAll @IntRange(min = 1, max = 10) int ops) throws IOException {
        byte[] j = Mutator.mutate(validTfjsJson().getBytes(StandardCharsets.UTF_8), seed, ops);
        byte[] s = tfjsShards();
        Path m = tfjs(new String(j, StandardCharsets.ISO_8859_1), s);
        only("tfjs", j.length + s.length, () -> TfjsModel.read(m).layers(), IllegalArgumentException.class);
    }

    @Property(tries = 150)
    void tfjsMutatedShards(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                           @ForAll @IntRange(min = 1, max = 10) int ops) throws IOException {
        byte[] s = Mutator.mutate(tfjsShards(), seed, ops);
        Path m = tfjs(validTfjsJson(), s);
        only("tfjs", 1000 + s.length, () -> TfjsModel.read(m), IllegalArgumentException.class);
    }

    @Property(tries = 150)
    void tfjsManifestGrammar(@ForAll("tfjsPath") String path, @ForAll("tfjsShape") String shape,
                             @ForAll("tfjsDtype") String dtype, @ForAll("tfjsDtype") String quantDtype,
                             @ForAll("tfjsScale") String scale) throws IOException {
        Path m = tfjs(TFJS_JSON.formatted(path, shape, dtype, quantDtype, scale), tfjsShards());
        only("tfjs", 1000 + 32, () -> TfjsModel.read(m), IllegalArgumentException.class);
    }

    @Property(tries = 20)
    void tfjsDeepJson(@ForAll @IntRange(min = 1, max = 20_000) int depth, @ForAll boolean inTopology) throws IOException {
        String deep = "[".repeat(depth) + "]".repeat(depth);
        String json = inTopology
                ? "{\"modelTopology\": " + deep + ", \"weightsManifest\": []}"
                : "[{\"paths\": " + deep + ", \"weights\": []}]";
        Path m = tfjs(json, tfjsShards());
        only("tfjs", json.length() + 32, () -> TfjsModel.read(m).layers(), IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> tfjsPath() {
        return Arbitraries.of("g-shard1of2", "g-shard2of2", "missing", "", ".", "..", "../tfjs/g-shard1of2",
                "/dev/zero", "/etc/hostname", "../../../../../../etc/passwd", "sub/../g-shard1of2", "\\u0000");
    }

    @Provide
    Arbitrary<String> tfjsShape() {
        return Arbitraries.of("2, 3", "", "6", "3, 2", "-1, 6", "2147483647, 2", "65536, 65536, 65536, 65536",
                "4294967296", "2.5, 2", "\"2\", 3", "null, 6", "[2], 3", "2147483647, 2147483647, 4", "0, 6",
                "1099511627776");
    }

    @Provide
    Arbitrary<String> tfjsDtype() {
        return Arbitraries.of("float32", "int32", "uint8", "uint16", "float16", "bool", "string", "");
    }

    @Provide
    Arbitrary<String> tfjsScale() {
        return Arbitraries.of("0.5", "0", "-1", "1e308", "1e400", "\"x\"", "null", "[]");
    }

    // ---------------------------------------------------------------------------------------------
    // IDX

    static byte[] validIdx(int type) throws IOException {
        int es = IdxArray.elementSize(type);
        byte[] payload = new byte[3 * 4 * es];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        if (type == 0x0D || type == 0x0E) {
            payload = new byte[payload.length]; // zeros: finite floats
        }
        return IdxReaderTest.idx(type, new int[]{3, 4}, payload);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(b);
        }
        return o.toByteArray();
    }

    @Provide
    Arbitrary<Integer> idxType() {
        return Arbitraries.of(0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E);
    }

    @Property(tries = 250)
    void idxMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                    @ForAll @IntRange(min = 1, max = 10) int ops, @ForAll("idxType") int type) throws IOException {
        byte[] b = Mutator.mutate(validIdx(type), seed, ops);
        Path f = write("m.idx", b);
        only("idx", b.length, () -> IdxReader.read(f).rows(0, 1, 1.0), IllegalArgumentException.class);
    }

    @Property(tries = 150)
    void idxGzipMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                        @ForAll @IntRange(min = 0, max = 6) int ops, @ForAll boolean mutateCompressed,
                        @ForAll("idxType") int type) throws IOException {
        byte[] b = mutateCompressed ? Mutator.mutate(gzip(validIdx(type)), seed, ops)
                : gzip(Mutator.mutate(validIdx(type), seed, ops));
        Path f = write("m.idx.gz", b);
        only("idx", Math.max(b.length, 1000), () -> IdxReader.read(f).rows(0, 1, 1.0), IllegalArgumentException.class);
    }

    @Property(tries = 100)
    void idxHeaderGrammar(@ForAll @IntRange(min = 0, max = 20) int type,
                          @ForAll @Size(max = 6) List<@IntRange(min = -2, max = 1 << 30) Integer> dims,
                          @ForAll @IntRange(min = 0, max = 4) int giant,
                          @ForAll @IntRange(min = 0, max = 64) int payload) throws IOException {
        int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
        if (giant > 0 && d.length > 0) {
            // dimensions whose product overflows a long (2^16 four times = 2^64 wraps to 0)
            java.util.Arrays.fill(d, giant == 1 ? 1 << 16 : giant == 2 ? Integer.MAX_VALUE : 1 << (8 * giant - 1));
        }
        byte[] b = IdxReaderTest.idx(type, d, new byte[payload]);
        Path f = write("g.idx", b);
        only("idx", b.length, () -> {
            IdxArray a = IdxReader.read(f);
            a.rows(0, 1, 1.0);
        }, IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------
    // GGUF

    @Property(tries = 250)
    void ggufMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                     @ForAll @IntRange(min = 1, max = 12) int ops, @ForAll("ggufFixture") String fixture) {
        byte[] b = Mutator.mutate(resource(fixture), seed, ops);
        Path f = write("m.gguf", b);
        weights("gguf", b.length, () -> GgufReader.readTensors(f, ConvLayout.OIHW));
    }

    @Provide
    Arbitrary<String> ggufFixture() {
        return Arbitraries.of("fixture.gguf", "fixture_be.gguf", "q4k.gguf");
    }

    /**
     * Headers built from a grammar: a metadata pair whose string or array claims a huge or negative length
     * (arrays nested up to 12 deep), then one tensor with huge / negative sizes, any type id, any offset.
     */
    @Property(tries = 200)
    void ggufHeaderGrammar(@ForAll("hugeDims") long[] ne, @ForAll @IntRange(min = 0, max = 40) int type,
                           @ForAll("offset") long offset, @ForAll("offset") long kvLength,
                           @ForAll @IntRange(min = 0, max = 13) int kvType, @ForAll @IntRange(min = 0, max = 12) int nesting,
                           @ForAll @IntRange(min = 0, max = 2) int counts, @ForAll @IntRange(min = 0, max = 300) int dataBytes) {
        ByteBuffer kv = ByteBuffer.allocate(64 + 12 * nesting).order(ByteOrder.LITTLE_ENDIAN);
        kv.putLong(1).put((byte) 'k').putInt(nesting > 0 ? 9 : kvType);
        for (int i = 0; i < nesting; i++) {
            // an array of arrays …, the innermost claiming kvLength elements
            kv.putInt(i + 1 < nesting ? 9 : kvType).putLong(i + 1 < nesting ? 1 : kvLength);
        }
        kv.putLong(kvLength).putLong(0x0101010101010101L); // a string's length, or a scalar's bytes
        byte[] kvBytes = java.util.Arrays.copyOf(kv.array(), kv.position());
        byte[] info = GgufReaderTest.tensorInfo("w", ne, type, offset);
        long nTensors = counts == 1 ? 1L << 40 : 1;
        long nKv = counts == 2 ? -1L : 1;
        byte[] b = GgufReaderTest.gguf(3, nTensors, nKv, GgufReaderTest.concat(kvBytes, info, new byte[dataBytes]));
        Path f = write("g.gguf", b);
        weights("gguf", b.length, () -> GgufReader.readTensors(f, ConvLayout.OIHW));
    }

    // ---------------------------------------------------------------------------------------------
    // PyTorch zip

    @Provide
    Arbitrary<String> torchFixture() {
        return Arbitraries.of("torch_state_dict.pt", "torch_protocol4.pt", "torch_checkpoint.pth",
                "torch_big_endian.pt", "torch_module.pt", "torch_evil.pt", "torch_legacy.pt");
    }

    /** The whole archive mutated: zip directory, local headers, the pickle and the storages alike. */
    @Property(tries = 250)
    void pytorchMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                        @ForAll @IntRange(min = 1, max = 12) int ops, @ForAll("torchFixture") String fixture) {
        byte[] b = Mutator.mutate(resource(fixture), seed, ops);
        Path f = write("m.pt", b);
        weights("pytorch", b.length, () -> PytorchCheckpoint.readTensors(f, ConvLayout.OIHW));
    }

    static Map<String, byte[]> entries(String fixture) throws IOException {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(Fixtures.path(fixture).toFile())) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(z.entries())) {
                try (java.io.InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** Only data.pkl mutated, re-zipped validly: every case reaches the pickle checks and the unpickler. */
    @Property(tries = 300)
    void pytorchPickleMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                              @ForAll @IntRange(min = 1, max = 8) int ops,
                              @ForAll("torchFixture") String fixture, @ForAll boolean deflate) throws IOException {
        if (fixture.equals("torch_legacy.pt")) {
            fixture = "torch_state_dict.pt";
        }
        Map<String, byte[]> e = entries(fixture);
        String pkl = e.keySet().stream().filter(k -> k.endsWith("/data.pkl")).findFirst().orElseThrow();
        e.put(pkl, Mutator.mutate(e.get(pkl), seed, ops));
        byte[] b = PytorchCheckpointTest.zip(e, deflate);
        Path f = write("p.pt", b);
        weights("pytorch", b.length, () -> PytorchCheckpoint.readTensors(f, ConvLayout.OIHW));
    }

    /** Pickles made of random opcodes with plausible arguments: stack underflows, wrong types, memo misses. */
    @Property(tries = 300)
    void pytorchPickleGrammar(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                              @ForAll @IntRange(min = 1, max = 60) int length) throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(new byte[]{(byte) 0x80, (byte) (2 + r.nextInt(4))});
        String[] globals = {"collections\nOrderedDict\n", "torch._utils\n_rebuild_tensor_v2\n", "torch\nFloatStorage\n",
            "torch\nHalfStorage\n", "torch._utils\n_rebuild_parameter\n", "torch\nSize\n", "os\nsystem\n",
            "builtins\neval\n", "_codecs\nencode\n"};
        byte[] simple = {'(', '0', '1', '2', 'N', 'Q', 'R', 'a', 'b', 'd', '}', 'e', 'l', ']', 's', 't', ')', 'u',
            (byte) 0x81, (byte) 0x85, (byte) 0x86, (byte) 0x87, (byte) 0x88, (byte) 0x89, (byte) 0x8f, (byte) 0x90,
            (byte) 0x91, (byte) 0x93, (byte) 0x94};
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(7)) {
                case 0 -> p.write(simple[r.nextInt(simple.length)]);
                case 1 -> p.writeBytes(("c" + globals[r.nextInt(globals.length)]).getBytes(StandardCharsets.UTF_8));
                case 2 -> {
                    p.write('J');
                    p.writeBytes(PytorchCheckpointTest.le(r.nextBoolean() ? r.nextInt(8) : r.nextInt()));
                }
                case 3 -> {
                    String t = new String[]{"storage", "0", "1", "cpu", "w", "../x"}[r.nextInt(6)];
                    p.write((byte) 0x8c);
                    p.write(t.length());
                    p.writeBytes(t.getBytes(StandardCharsets.UTF_8));
                }
                case 4 -> p.write(new byte[]{'h', (byte) r.nextInt(4)});
                case 5 -> p.write(new byte[]{'q', (byte) r.nextInt(4)});
                default -> p.write(new byte[]{'K', (byte) r.nextInt(256)});
            }
        }
        p.write('.');
        byte[] b = PytorchCheckpointTest.zip(Map.of("archive/data.pkl", p.toByteArray(),
                "archive/data/0", PytorchCheckpointTest.floats(6), "archive/data/1", new byte[12]), false);
        Path f = write("g.pt", b);
        weights("pytorch", b.length, () -> PytorchCheckpoint.readTensors(f, ConvLayout.OIHW));
    }

    /** One tensor whose storage size, offset, sizes and strides are huge, negative or inconsistent. */
    @Property(tries = 200)
    void pytorchHugeClaims(@ForAll("claim") int numel, @ForAll("claim") int offset,
                           @ForAll @Size(max = 4) List<@From("claim") Integer> size,
                           @ForAll @Size(max = 4) List<@From("claim") Integer> stride,
                           @ForAll @IntRange(min = 0, max = 64) int storageBytes) throws IOException {
        int[] sz = size.stream().mapToInt(Integer::intValue).toArray();
        int[] st = java.util.Arrays.copyOf(stride.stream().mapToInt(Integer::intValue).toArray(), sz.length);
        byte[] b = PytorchCheckpointTest.oneTensor(numel, offset, sz, st, new byte[storageBytes], "FloatStorage");
        Path f = write("h.pt", b);
        weights("pytorch", b.length, () -> PytorchCheckpoint.readTensors(f, ConvLayout.OIHW));
    }

    @Provide
    Arbitrary<Integer> claim() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-2, 20),
                Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, 1 << 20, 65536, -1));
    }

    // ---------------------------------------------------------------------------------------------
    // Keras HDF5 (jHDF parses the structure)

    @Provide
    Arbitrary<String> h5Fixture() {
        return Arbitraries.of("keras_model.h5", "keras3.weights.h5", "keras_chunked.h5");
    }

    @Property(tries = 300)
    void kerasH5Mutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                        @ForAll @IntRange(min = 1, max = 12) int ops, @ForAll("h5Fixture") String fixture) {
        byte[] b = Mutator.mutate(resource(fixture), seed, ops);
        Path f = write("m.h5", b);
        weights("keras-h5", b.length, () -> KerasH5.readTensors(f));
    }

    // ---------------------------------------------------------------------------------------------
    // Sharded checkpoints

    /** A sharded directory (safetensors or PyTorch shards) whose index JSON, or one shard, is mutated. */
    @Property(tries = 200)
    void shardsMutated(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                       @ForAll @IntRange(min = 1, max = 10) int ops, @ForAll boolean pytorch,
                       @ForAll @IntRange(min = 0, max = 2) int target) throws IOException {
        Path d = Files.createDirectories(dir.resolve("shards-" + pytorch));
        Path src = Fixtures.path(pytorch ? "sharded_pytorch" : "sharded_safetensors");
        long total = 0;
        try (Stream<Path> files = Files.list(src)) {
            List<Path> all = files.sorted().toList();
            for (int i = 0; i < all.size(); i++) {
                byte[] b = Files.readAllBytes(all.get(i));
                // files sort as shard 1, shard 2, index: target picks which one is mutated
                if (i == target) {
                    b = Mutator.mutate(b, seed, ops);
                }
                total += b.length;
                Files.write(d.resolve(all.get(i).getFileName().toString()), b);
            }
        }
        weights("shards", total, () -> MatrixSource.loadAll(WeightFormats.open(d, ReadOptions.DEFAULT)));
    }

    /** An index whose weight_map names shards by odd paths: traversal, absolute, devices, missing, repeated. */
    @Property(tries = 100)
    void shardIndexGrammar(@ForAll("shardName") String a, @ForAll("shardName") String b,
                           @ForAll("tensorName") String t) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index-grammar"));
        Files.write(d.resolve("s.safetensors"), resource("fixture.safetensors"));
        String json = "{\"weight_map\": {\"model.embed_tokens.weight\": \"" + a + "\", \"" + t + "\": \"" + b + "\"}}";
        Files.writeString(d.resolve("model.safetensors.index.json"), json);
        weights("shards", json.length() + 2000, () -> MatrixSource.loadAll(WeightFormats.open(d, ReadOptions.DEFAULT)));
    }

    @Provide
    Arbitrary<String> shardName() {
        return Arbitraries.of("s.safetensors", "missing.safetensors", "../s.safetensors", "/dev/zero", "/etc/passwd",
                ".", "..", "", "s.safetensors/..", "C:\\\\x", "model.safetensors.index.json", "\\u0000");
    }

    @Provide
    Arbitrary<String> tensorName() {
        return Arbitraries.of("layers.0.mlp.weight", "layers.0.mlp.bias", "layers.0.conv.weight", "model.embed_tokens.weight",
                "position_ids", "other");
    }

    // ---------------------------------------------------------------------------------------------
    // WeightFiles dispatch

    @Property(tries = 200)
    void weightFilesDispatch(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                             @ForAll @IntRange(min = 0, max = 8) int ops,
                             @ForAll @IntRange(min = 0, max = 4) int source,
                             @ForAll @IntRange(min = 0, max = 4) int extension) {
        byte[] valid = switch (source) {
            case 0 -> OnnxReaderTest.model();
            case 1 -> resource("fixture.safetensors");
            case 2 -> resource("a34_f4_le.npy");
            case 3 -> resource("arrays_compressed.npz");
            default -> nestedOnnx(2);
        };
        byte[] b = Mutator.mutate(valid, seed, ops);
        String name = "w" + new String[]{"", ".onnx", ".safetensors", ".npy", ".npz"}[extension];
        Path f = write(name, b);
        weights("weightfiles", b.length, () -> WeightFiles.read(f));
    }
}
