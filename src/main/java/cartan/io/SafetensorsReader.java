package cartan.io;

import cartan.Require;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Arrays;

/**
 * Reads a {@code .safetensors} file: an unsigned 64-bit little-endian header length N, N bytes of
 * UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}}
 * (plus an optional {@code "__metadata__"} string map), then the byte buffer, little-endian, with
 * offsets relative to its start.
 *
 * <p>F64, F32, F16 and BF16 tensors are returned; other dtypes (integer buffers, FP8) are skipped
 * after their offsets have been validated. Checks, all before any tensor buffer is allocated:
 * N ≤ 100 MB (the format's own limit) and N ≤ file size − 8; every offset pair satisfies
 * 0 ≤ begin ≤ end ≤ buffer size; end − begin equals the element count times the dtype size; tensors do
 * not overlap. Tensors are read one by one with positional reads, so a file larger than the heap is
 * fine as long as each returned tensor fits; {@link #open} reads only the header and returns lazy
 * {@link TensorSlice}s that load one tensor each on demand. Kinds come from names and ranks (see {@link ReadOptions}
 * for the conv layout, PyTorch's OIHW by default).
 */
public final class SafetensorsReader {

    /** The header size limit the safetensors format specifies. */
    public static final long MAX_HEADER = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsReader() {
    }

    public static List<NamedMatrix> read(Path file) throws IOException {
        return read(file, ReadOptions.DEFAULT);
    }

    public static List<NamedMatrix> read(Path file, ReadOptions options) throws IOException {
        return NamedMatrix.of(readTensors(file, options.convLayout()), options.convMode());
    }

    /** The float tensors in file order (by data offset), conv kernels tagged with {@code convLayout}. */
    public static List<WeightTensor> readTensors(Path file, ConvLayout convLayout) throws IOException {
        Require.notNull("file", file);
        Require.notNull("convLayout", convLayout);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            String src = file.toString();
            Header h = header(ch, src);
            List<WeightTensor> out = new ArrayList<>();
            for (Entry e : h.entries()) {
                if (e.bytesPer() == 0) {
                    continue;
                }
                if (e.end() - e.begin() > Elements.MAX_ELEMENTS) {
                    throw new UnsupportedWeightsException(src + ": tensor '" + e.name() + "' has more than 2 GiB");
                }
                ByteBuffer b = read(ch, h.base() + e.begin(), (int) (e.end() - e.begin()), src)
                        .order(ByteOrder.LITTLE_ENDIAN);
                int[] shape = Elements.shape(e.shape(), e.count(), src + ": tensor '" + e.name() + "'");
                int count = (int) e.count();
                double[] v = new double[count];
                Elements.widen(b, Elements.Stored.valueOf(e.dtype()), v, 0, count);
                LayerKind kind = NameKinds.kind(e.name(), shape.length);
                out.add(new WeightTensor(e.name(), e.name(), kind, convLayout, shape, v));
            }
            return out;
        }
    }

    /** {@link #open(Path, ConvLayout)} with PyTorch's OIHW conv layout. */
    public static List<TensorSlice> open(Path file) throws IOException {
        return open(file, ConvLayout.OIHW);
    }

    /**
     * The float tensors of a file as lazy {@link TensorSlice}s, in file order (by data offset), without
     * reading any tensor data: only the header is read and checked, with every check of
     * {@link #readTensors} (header length, JSON, offsets inside the buffer, byte sizes, no overlaps, each
     * tensor within the Java array limit) — so a file {@code readTensors} rejects is rejected here with
     * the same exception, and {@link TensorSlice#load()} of each slice gives exactly the tensor
     * {@code readTensors} returns. Slices hold the path, not an open channel.
     */
    public static List<TensorSlice> open(Path file, ConvLayout convLayout) throws IOException {
        Require.notNull("file", file);
        Require.notNull("convLayout", convLayout);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            String src = file.toString();
            Header h = header(ch, src);
            List<TensorSlice> out = new ArrayList<>();
            for (Entry e : h.entries()) {
                if (e.bytesPer() == 0) {
                    continue;
                }
                if (e.end() - e.begin() > Elements.MAX_ELEMENTS) {
                    throw new UnsupportedWeightsException(src + ": tensor '" + e.name() + "' has more than 2 GiB");
                }
                int[] shape = Elements.shape(e.shape(), e.count(), src + ": tensor '" + e.name() + "'");
                LayerKind kind = NameKinds.kind(e.name(), shape.length);
                out.add(new TensorSlice(file, e.name(), e.name(), kind, convLayout, e.dtype(), shape, h.base() + e.begin(),
                        e.end() - e.begin()));
            }
            return out;
        }
    }

    /** Bytes decoded per positional read in {@link #load}: a multiple of every element size. */
    private static final int CHUNK = 1 << 20;

    /**
     * One tensor's values, read with positional reads of at most {@link #CHUNK} bytes and decoded as
     * {@link #readTensors} decodes them (so the doubles are identical).
     */
    static double[] load(TensorSlice t) throws IOException {
        String src = t.file().toString();
        Elements.Stored type = switch (t.dtype()) {
            case "F64", "F32", "F16", "BF16" -> Elements.Stored.valueOf(t.dtype());
            default -> throw new UnsupportedWeightsException(src + ": tensor '" + t.name() + "': dtype " + t.dtype());
        };
        int bytesPer = type.bytes;
        long n = t.length() / bytesPer;
        if (n > Elements.MAX_ELEMENTS || n * bytesPer != t.length()) {
            throw new MalformedWeightsException(src + ": tensor '" + t.name() + "': " + t.length()
                    + " bytes is not a whole number of " + t.dtype() + " values");
        }
        double[] v = new double[(int) n];
        try (FileChannel ch = FileChannel.open(t.file(), StandardOpenOption.READ)) {
            if (t.position() + t.length() > ch.size()) {
                throw new MalformedWeightsException(src + ": tensor '" + t.name() + "' ends at byte "
                        + (t.position() + t.length()) + " but the file has " + ch.size() + " bytes (changed since open?)");
            }
            int i = 0;
            long p = t.position();
            long left = t.length();
            // one direct buffer for every chunk: a heap buffer would cost a fresh 1 MiB and a second copy per chunk
            ByteBuffer chunk = ByteBuffer.allocateDirect((int) Math.max(1, Math.min(CHUNK, left)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            while (left > 0) {
                int len = (int) Math.min(CHUNK, left);
                ByteBuffer b = fill(ch, p, chunk.clear().limit(len), src);
                int m = len / bytesPer;
                Elements.widen(b, type, v, i, m);
                i += m;
                p += len;
                left -= len;
            }
        }
        return v;
    }

    private record Header(long base, List<Entry> entries) {
    }

    /** Reads and checks the header: entries sorted by offset, validated against the file size. */
    private static Header header(FileChannel ch, String src) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new MalformedWeightsException(src + ": " + size + " bytes, too short for a safetensors header");
        }
        ByteBuffer lenBuf = read(ch, 0, 8, src).order(ByteOrder.LITTLE_ENDIAN);
        long n = lenBuf.getLong();
        if (n < 2 || n > MAX_HEADER || n > size - 8) {
            throw new MalformedWeightsException(src + ": header length " + Long.toUnsignedString(n)
                    + " is impossible (file has " + size + " bytes, limit " + MAX_HEADER + ")");
        }
        ByteBuffer hb = read(ch, 8, (int) n, src);
        JsonNode header;
        try {
            header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new MalformedWeightsException(src + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw new MalformedWeightsException(src + ": header is not a JSON object");
        }
        long base = 8 + n;
        long bufferSize = size - base;
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                continue;
            }
            entries.add(entry(f.getKey(), f.getValue(), bufferSize, src));
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        for (int i = 1; i < entries.size(); i++) {
            Entry a = entries.get(i - 1);
            Entry b = entries.get(i);
            if (b.begin() < a.end()) {
                throw new MalformedWeightsException(src + ": tensors '" + a.name() + "' and '" + b.name()
                        + "' overlap");
            }
        }
        return new Header(base, entries);
    }

    private record Entry(String name, String dtype, long[] shape, long count, int bytesPer, long begin, long end) {
    }

    private static Entry entry(String name, JsonNode node, long bufferSize, String src) throws IOException {
        String what = src + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new MalformedWeightsException(what + ": header entry is not an object");
        }
        JsonNode dt = node.get("dtype");
        JsonNode sh = node.get("shape");
        JsonNode off = node.get("data_offsets");
        if (dt == null || !dt.isTextual() || sh == null || !sh.isArray() || off == null || !off.isArray()
                || off.size() != 2) {
            throw new MalformedWeightsException(what + ": needs string dtype, array shape and two data_offsets");
        }
        long[] shape = new long[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong()) {
                throw new MalformedWeightsException(what + ": shape entry " + d + " is not an integer");
            }
            shape[i] = d.asLong();
        }
        long[] o = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode d = off.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong()) {
                throw new MalformedWeightsException(what + ": data offset " + d + " is not an integer");
            }
            o[i] = d.asLong();
        }
        if (o[0] < 0 || o[0] > o[1] || o[1] > bufferSize) {
            throw new MalformedWeightsException(what + ": data_offsets [" + o[0] + ", " + o[1]
                    + "] do not lie in the " + bufferSize + "-byte data buffer (file truncated?)");
        }
        String dtype = dt.asText();
        int bytesPer = switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
        long count = Elements.count(shape, what);
        int sizeOf = bytesPer != 0 ? bytesPer : storageSize(dtype);
        if (sizeOf > 0 && Elements.bytes(count, sizeOf, what) != o[1] - o[0]) {
            throw new MalformedWeightsException(what + ": " + dtype + " " + Arrays.toString(shape) + " needs "
                    + Elements.bytes(count, sizeOf, what) + " bytes, data_offsets span " + (o[1] - o[0]));
        }
        return new Entry(name, dtype, shape, count, bytesPer, o[0], o[1]);
    }

    private static int storageSize(String dtype) {
        return switch (dtype) {
            case "I64", "U64" -> 8;
            case "I32", "U32" -> 4;
            case "I16", "U16" -> 2;
            case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2" -> 1;
            default -> 0;
        };
    }

    private static ByteBuffer read(FileChannel ch, long position, int length, String src) throws IOException {
        return fill(ch, position, ByteBuffer.allocate(length), src);
    }

    /** Fills {@code b} (position to limit) from the file at {@code position}; returns it flipped. */
    private static ByteBuffer fill(FileChannel ch, long position, ByteBuffer b, String src) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) {
                throw new MalformedWeightsException(src + ": unexpected end of file at byte " + p);
            }
            p += r;
        }
        b.flip();
        return b;
    }
}
