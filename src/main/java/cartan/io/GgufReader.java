package cartan.io;

import cartan.Require;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GGUF file (llama.cpp's format, versions 2 and 3, either byte order): the magic {@code GGUF}, a
 * uint32 version, uint64 tensor and metadata counts, the metadata key–value pairs (strings are a uint64
 * length and UTF-8 bytes; arrays an element type, a uint64 count and the elements), one info per tensor
 * (name, uint32 n_dims, n_dims uint64 sizes ne₀…, the uint32 {@link GgufType}, a uint64 offset), padding to
 * {@code general.alignment} (32 by default), then the tensor data at those offsets.
 *
 * <p>ggml lists sizes fastest-varying first, so a tensor of sizes (ne₀, ne₁, …) is the row-major array of
 * shape (…, ne₁, ne₀): a PyTorch {@code [out, in]} weight is stored with ne₀ = in. F32, F16, BF16, F64 and
 * Q8_0 tensors are read (Q8_0: blocks of 32 values, an IEEE half scale d then 32 int8 q, value = d·q);
 * integer tensors are skipped; a file holding any other type (Q4_K, IQ2_XS, …) is refused by that type's
 * name, since profiling a model without its quantised matrices would mislead.
 *
 * <p>Hostile files: every count and length is checked against the bytes left in the file before anything
 * of that size is allocated; array metadata are skipped (only their element type and count are kept), so
 * a vocabulary of 150,000 strings costs no memory; each tensor must have ne₀ a multiple of its block size,
 * an offset that is a multiple of the alignment, data inside the file and no overlap with another. Only
 * the header is read by {@link #open}; each source reads its own byte range on {@code load()} with
 * positional reads of about 1 MiB, so a model larger than the heap is visited one tensor at a time.
 */
public final class GgufReader {

    /** "GGUF" read as a little-endian uint32. */
    public static final int MAGIC = 0x46554747;
    /** The alignment of the tensor data when {@code general.alignment} is absent. */
    public static final int DEFAULT_ALIGNMENT = 32;
    /** ggml's GGML_MAX_DIMS. */
    static final int MAX_DIMS = 4;
    private static final int MAX_KEY = 65_535;
    private static final int CHUNK = 1 << 20;

    private GgufReader() {
    }

    /** A metadata array, summarised: its element type (a {@code GGUF_TYPE} name) and length. */
    public record ArrayValue(String elementType, long count) {
    }

    /**
     * One tensor of the header.
     *
     * @param name   the tensor's name ({@code blk.0.attn_q.weight})
     * @param type   the ggml type's name ({@code F32}, {@code Q8_0}, …)
     * @param ne     the sizes as stored, fastest-varying first
     * @param offset the data offset relative to the start of the data section
     * @param bytes  the data's byte size
     */
    public record TensorInfo(String name, String type, long[] ne, long offset, long bytes) {
        public TensorInfo {
            ne = ne.clone();
        }

        @Override
        public long[] ne() {
            return ne.clone();
        }

        /** The row-major shape: {@code ne} reversed. */
        public long[] shape() {
            long[] s = new long[ne.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = ne[ne.length - 1 - i];
            }
            return s;
        }
    }

    /**
     * A checked header.
     *
     * @param version   2 or 3
     * @param bigEndian whether the file is big-endian (version 3 allows it)
     * @param metadata  the key–value pairs in file order: Long (every integer type; uint64 above 2⁶³−1 wraps),
     *                  Double, Boolean, String or {@link ArrayValue}
     * @param tensors   the tensors in header order
     * @param alignment the data alignment
     * @param dataStart the absolute file offset of the data section
     */
    public record Header(int version, boolean bigEndian, Map<String, Object> metadata, List<TensorInfo> tensors,
                         int alignment, long dataStart) {
        public Header {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            tensors = List.copyOf(tensors);
        }
    }

    /** The header of a GGUF file, checked against the file's size (no tensor data read). */
    public static Header header(Path file) throws IOException {
        Require.notNull("file", file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(new ByteCursor(ch, file.toString()));
        }
    }

    /**
     * The matrices of a GGUF file as lazy sources, in header order: the header is read and checked now, each
     * tensor's data on {@code load()}.
     *
     * @throws UnsupportedWeightsException if a tensor has a type this reader does not decode
     */
    public static List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
        Require.notNull("file", file);
        Require.notNull("options", options);
        Header h = header(file);
        List<MatrixSource> out = new ArrayList<>();
        for (TensorInfo t : readable(h, file.toString())) {
            int[] shape = Elements.shape(t.shape(), count(t), file + ": tensor '" + t.name() + "'");
            LayerKind kind = NameKinds.kind(t.name(), shape.length);
            ConvLayout layout = options.convLayout();
            out.addAll(LazyMatrix.of(t.name(), t.name(), kind, layout, shape,
                    () -> new WeightTensor(t.name(), t.name(), kind, layout, shape, load(file, h, t)),
                    options.convMode()));
        }
        return out;
    }

    /** Every readable tensor of a GGUF file, read now, in header order. */
    public static List<WeightTensor> readTensors(Path file, ConvLayout convLayout) throws IOException {
        Require.notNull("file", file);
        Require.notNull("convLayout", convLayout);
        return eager(file, convLayout);
    }

    private static List<WeightTensor> eager(Path file, ConvLayout layout) throws IOException {
        Header h = header(file);
        List<WeightTensor> out = new ArrayList<>();
        for (TensorInfo t : readable(h, file.toString())) {
            int[] shape = Elements.shape(t.shape(), count(t), file + ": tensor '" + t.name() + "'");
            out.add(new WeightTensor(t.name(), t.name(), NameKinds.kind(t.name(), shape.length), layout, shape,
                    load(file, h, t)));
        }
        return out;
    }

    /** The float tensors, or an exception naming the first tensor of a type that is not read. */
    private static List<TensorInfo> readable(Header h, String src) throws UnsupportedWeightsException {
        List<TensorInfo> out = new ArrayList<>();
        TensorInfo refused = null;
        Set<String> refusedTypes = new java.util.TreeSet<>();
        for (TensorInfo t : h.tensors()) {
            GgufType type = GgufType.valueOf(t.type());
            if (type.read()) {
                out.add(t);
            } else if (!type.integer()) {
                refused = refused == null ? t : refused;
                refusedTypes.add(t.type());
            }
        }
        if (refused != null) {
            throw new UnsupportedWeightsException(src + ": tensor '" + refused.name() + "' has GGUF type "
                    + refused.type() + ", which is not supported (types in the file not read: " + refusedTypes
                    + "; read: F32, F16, BF16, F64, Q8_0; integer tensors are skipped)");
        }
        return out;
    }

    private static long count(TensorInfo t) {
        long n = 1;
        for (long d : t.ne()) {
            n *= d; // checked not to overflow when the header was parsed
        }
        return n;
    }

    private static Header parse(ByteCursor c) throws IOException {
        String src = c.src;
        if (c.size < 24) {
            throw new MalformedWeightsException(src + ": " + c.size + " bytes, too short for a GGUF header");
        }
        c.order(ByteOrder.LITTLE_ENDIAN);
        if (c.u32() != MAGIC) {
            throw new MalformedWeightsException(src + ": not a GGUF file (bad magic)");
        }
        long v = c.u32();
        boolean big = false;
        if (v != 2 && v != 3 && (Integer.reverseBytes((int) v) == 3)) {
            big = true;
            v = 3;
            c.order(ByteOrder.BIG_ENDIAN);
        }
        if (v == 1) {
            throw new UnsupportedWeightsException(src + ": GGUF version 1 is not supported (versions 2 and 3 are)");
        }
        if (v != 2 && v != 3) {
            throw new MalformedWeightsException(src + ": GGUF version " + v + " is unknown (versions 2 and 3 are read)");
        }
        long nTensors = c.u64();
        long nKv = c.u64();
        // each tensor info needs at least 8 (name length) + 4 (n_dims) + 4 (type) + 8 (offset) bytes, each pair 8 + 4
        if (nTensors < 0 || nTensors > c.left() / 24) {
            throw new MalformedWeightsException(src + ": tensor count " + Long.toUnsignedString(nTensors)
                    + " cannot fit in the " + c.left() + " bytes left");
        }
        if (nKv < 0 || nKv > c.left() / 13) {
            throw new MalformedWeightsException(src + ": metadata count " + Long.toUnsignedString(nKv)
                    + " cannot fit in the " + c.left() + " bytes left");
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        for (long i = 0; i < nKv; i++) {
            String key = c.string(MAX_KEY, "metadata key");
            int type = (int) c.u32();
            Object value = GgufMetadata.value(c, type, 0, key, true);
            if (meta.put(key, value) != null) {
                throw new MalformedWeightsException(src + ": metadata key '" + key + "' appears twice");
            }
        }
        int alignment = alignment(meta.get("general.alignment"), src);
        List<TensorInfo> raw = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (long i = 0; i < nTensors; i++) {
            String name = c.string(MAX_KEY, "tensor name");
            String what = src + ": tensor '" + name + "'";
            long nDims = c.u32();
            if (nDims > MAX_DIMS) {
                throw new MalformedWeightsException(what + ": " + nDims + " dimensions (ggml allows " + MAX_DIMS + ")");
            }
            long[] ne = new long[(int) nDims];
            for (int d = 0; d < ne.length; d++) {
                ne[d] = c.u64();
            }
            long count = Elements.count(ne, what);
            long typeId = c.u32();
            GgufType type = GgufType.of(typeId);
            if (type == null) {
                throw new UnsupportedWeightsException(what + ": GGUF type id " + typeId + " is unknown");
            }
            long offset = c.u64();
            long rowLength = ne.length > 0 ? ne[0] : 1;
            if (rowLength % type.blockSize != 0) {
                throw new MalformedWeightsException(what + ": row length " + rowLength + " is not a multiple of "
                        + type + "'s block of " + type.blockSize);
            }
            long bytes = Elements.bytes(count / type.blockSize, type.blockBytes, what);
            if (!names.add(name)) {
                throw new MalformedWeightsException(what + " appears twice");
            }
            raw.add(new TensorInfo(name, type.name(), ne, offset, bytes));
        }
        long dataStart = align(c.position(), alignment);
        long dataSize = c.size - dataStart;
        List<TensorInfo> byOffset = new ArrayList<>(raw);
        byOffset.sort(Comparator.comparingLong(TensorInfo::offset));
        for (int i = 0; i < byOffset.size(); i++) {
            TensorInfo t = byOffset.get(i);
            String what = src + ": tensor '" + t.name() + "'";
            if (t.offset() < 0 || t.offset() % alignment != 0) {
                throw new MalformedWeightsException(what + ": offset " + Long.toUnsignedString(t.offset())
                        + " is not a multiple of the alignment " + alignment);
            }
            if (t.offset() > dataSize || t.bytes() > dataSize - t.offset()) {
                throw new MalformedWeightsException(what + ": " + t.bytes() + " bytes at offset " + t.offset()
                        + " do not lie in the " + Math.max(0, dataSize) + "-byte data section (file truncated?)");
            }
            if (i > 0) {
                TensorInfo p = byOffset.get(i - 1);
                if (t.offset() < p.offset() + p.bytes()) {
                    throw new MalformedWeightsException(src + ": tensors '" + p.name() + "' and '" + t.name()
                            + "' overlap");
                }
            }
        }
        return new Header((int) v, big, meta, raw, alignment, dataStart);
    }

    private static int alignment(Object a, String src) throws MalformedWeightsException {
        if (a == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!(a instanceof Long l) || l <= 0 || l > (1 << 30) || Long.bitCount(l) != 1) {
            throw new MalformedWeightsException(src + ": general.alignment " + a + " is not a power of two up to 2^30");
        }
        return (int) (long) l;
    }

    private static long align(long p, int a) {
        return (p + a - 1) / a * a;
    }

    /**
     * One tensor's values in row-major order, read with positional reads of about {@link #CHUNK} bytes (a whole
     * number of blocks) and decoded.
     */
    static double[] load(Path file, Header h, TensorInfo t) throws IOException {
        String what = file + ": tensor '" + t.name() + "'";
        GgufType type = GgufType.valueOf(t.type());
        long count = count(t);
        if (count > Elements.MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(what + ": " + count + " elements exceed the Java array limit");
        }
        double[] v = new double[(int) count];
        ByteOrder order = h.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = h.dataStart() + t.offset();
            if (start + t.bytes() > ch.size()) {
                throw new MalformedWeightsException(what + " ends at byte " + (start + t.bytes()) + " but the file has "
                        + ch.size() + " bytes (changed since open?)");
            }
            int chunk = CHUNK / type.blockBytes * type.blockBytes;
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(chunk, Math.max(t.bytes(), 1))).order(order);
            int i = 0;
            long p = start;
            long left = t.bytes();
            while (left > 0) {
                int len = (int) Math.min(b.capacity(), left);
                b.clear().limit(len);
                while (b.hasRemaining()) {
                    if (ch.read(b, p + b.position()) < 0) {
                        throw new MalformedWeightsException(what + ": unexpected end of file");
                    }
                }
                b.flip();
                i = decode(type, b, v, i);
                p += len;
                left -= len;
            }
        }
        return v;
    }

    /** Decodes the whole blocks in {@code b} into {@code v} from index {@code i}; returns the next index. */
    private static int decode(GgufType type, ByteBuffer b, double[] v, int i) {
        switch (type) {
            case F32, F64, F16, BF16 -> {
                Elements.Stored s = Elements.Stored.valueOf(type.name());
                int n = b.remaining() / s.bytes;
                Elements.widen(b, s, v, i, n);
                i += n;
            }
            case Q8_0 -> {
                while (b.hasRemaining()) {
                    double d = Elements.half(b.getShort() & 0xffff);
                    for (int k = 0; k < 32; k++) {
                        v[i++] = d * b.get();
                    }
                }
            }
            default -> throw new IllegalStateException("type " + type + " is not decoded");
        }
        return i;
    }
}
