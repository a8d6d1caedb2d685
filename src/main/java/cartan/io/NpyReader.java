package cartan.io;

import cartan.Require;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.io.FileNotFoundException;
import java.nio.file.FileSystemException;
import java.util.Arrays;

/**
 * Reads NumPy {@code .npy} arrays and {@code .npz} archives of them.
 *
 * <p>{@code .npy} layout: the magic {@code \x93NUMPY}, version bytes (1.0: 2-byte header length;
 * 2.0 and 3.0: 4-byte), all little-endian, then an ASCII/UTF-8 Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces, then the
 * data. Supported {@code descr}: {@code <f4 >f4 <f8 >f8 <f2 >f2} (and {@code =}/{@code |} byte-order
 * marks for native little-endian); C or Fortran order — Fortran data are permuted to row-major. The
 * data size shape·itemsize is checked against the bytes actually present before any allocation,
 * and trailing bytes are rejected.
 *
 * <p>{@code .npz}: a zip of {@code <name>.npy} entries (stored or deflated, as {@code numpy.savez} and
 * {@code savez_compressed} write them). A deflated entry is decompressed in bounded chunks that stop at
 * the size its own npy header needs, so a lying zip directory cannot force a large allocation. Array
 * names are the entry names without {@code .npy}; kinds come from names and ranks as in
 * {@link SafetensorsReader}.
 */
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final long MAX_HEADER = 1 << 20;

    private NpyReader() {
    }

    /** One {@code .npy} file, or every array of an {@code .npz} file, as matrices. */
    public static List<NamedMatrix> read(Path file) throws IOException {
        return read(file, ReadOptions.DEFAULT);
    }

    public static List<NamedMatrix> read(Path file, ReadOptions options) throws IOException {
        return NamedMatrix.of(readTensors(file, options.convLayout()), options.convMode());
    }

    /** Dispatches on the first bytes: zip ({@code PK}) → npz, otherwise npy. */
    public static List<WeightTensor> readTensors(Path file, ConvLayout convLayout) throws IOException {
        Require.notNull("file", file);
        Require.notNull("convLayout", convLayout);
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 2) == 2 && head[0] == 'P' && head[1] == 'K') {
                return readNpz(file, convLayout);
            }
        }
        long size = Files.size(file);
        if (size > Elements.MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(file + ": npy files over 2 GiB are not supported");
        }
        String name = file.getFileName().toString().replaceFirst("\\.npy$", "");
        return List.of(parse(Files.readAllBytes(file), name, file.toString(), convLayout));
    }

    /**
     * The shape of a plain {@code .npy} file from its header alone, for lazy loading: non-null only when
     * the file is not an npz, its preamble and header parse, the dtype is a float and the data after the
     * header are exactly as long as the shape needs — the cases in which {@link #readTensors} succeeds.
     * Null means "read it eagerly" (which then returns the tensor or throws the reader's exception).
     */
    static int[] peekShape(Path file) throws IOException {
        long size = Files.size(file);
        if (size < 12 || size > Elements.MAX_ELEMENTS) {
            return null;
        }
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] pre = in.readNBytes(12);
            if (pre.length < 12 || (pre[0] == 'P' && pre[1] == 'K')) {
                return null;
            }
            try {
                long hlen = headerLength(pre, file.toString());
                int preamble = pre[6] == 1 ? 10 : 12;
                if (hlen > size - preamble) {
                    return null;
                }
                byte[] rest = in.readNBytes((int) (preamble + hlen - 12 < 0 ? 0 : preamble + hlen - 12));
                b = new byte[12 + rest.length];
                System.arraycopy(pre, 0, b, 0, 12);
                System.arraycopy(rest, 0, b, 12, rest.length);
                Header h = header(b, preamble, (int) hlen, file.toString());
                long need = Elements.bytes(h.count(), h.itemSize(), file.toString());
                if (size - preamble - hlen != need || h.count() > Elements.MAX_ELEMENTS) {
                    return null;
                }
                for (long d : h.shape()) {
                    if (d > Integer.MAX_VALUE) {
                        return null;
                    }
                }
                return Elements.shape(h.shape(), h.count(), file.toString());
            } catch (MalformedWeightsException | UnsupportedWeightsException e) {
                return null;
            }
        }
    }

    /** The arrays of an {@code .npz} archive, in archive order. */
    public static List<WeightTensor> readNpz(Path file, ConvLayout convLayout) throws IOException {
        List<WeightTensor> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String src = file + "!" + e.getName();
                String name = e.getName().replaceFirst("\\.npy$", "");
                try (InputStream in = zip.getInputStream(e)) {
                    out.add(parse(readBounded(in, src), name, src, convLayout));
                }
            }
        } catch (MalformedWeightsException | UnsupportedWeightsException | FileSystemException
                 | FileNotFoundException e) {
            throw e;
        } catch (IOException z) {
            // ZipException (bad directory, CRC mismatch), EOFException (truncated deflate stream), …
            throw new MalformedWeightsException(file + ": not a valid npz (zip) file: " + z, z);
        }
        return out;
    }

    /**
     * Reads an npy stream: the header first (bounded), then exactly the data size that header
     * implies, in chunks, so memory follows the bytes that really arrive.
     */
    private static byte[] readBounded(InputStream in, String src) throws IOException {
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        byte[] pre = in.readNBytes(12);
        acc.write(pre);
        if (pre.length < 10) {
            throw new MalformedWeightsException(src + ": truncated npy preamble");
        }
        long hlen = headerLength(pre, src);
        int preamble = pre[6] == 1 ? 10 : 12;
        long headerEnd = preamble + hlen;
        copy(in, acc, headerEnd - acc.size(), src);
        byte[] h = acc.toByteArray();
        Header header = header(h, preamble, (int) hlen, src);
        long dataBytes = Elements.bytes(header.count(), header.itemSize(), src);
        copy(in, acc, headerEnd + dataBytes - acc.size(), src);
        if (in.read() != -1) {
            throw new MalformedWeightsException(src + ": bytes after the " + dataBytes + " data bytes the header declares");
        }
        return acc.toByteArray();
    }

    private static void copy(InputStream in, ByteArrayOutputStream acc, long n, String src) throws IOException {
        if (n < 0) {
            return;
        }
        if (acc.size() + n > Elements.MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(src + ": npy entry declares " + (acc.size() + n)
                    + " bytes; entries over 2 GiB are not supported");
        }
        byte[] chunk = new byte[1 << 16];
        long left = n;
        while (left > 0) {
            int r = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (r < 0) {
                throw new MalformedWeightsException(src + ": truncated, " + left + " bytes missing");
            }
            acc.write(chunk, 0, r);
            left -= r;
        }
    }

    private record Header(String descr, boolean fortran, long[] shape, long count, int itemSize, boolean bigEndian) {
    }

    private static long headerLength(byte[] b, String src) throws MalformedWeightsException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                throw new MalformedWeightsException(src + ": not an npy file (bad magic)");
            }
        }
        int major = b[6];
        if (major == 1) {
            return (b[8] & 0xff) | (b[9] & 0xff) << 8;
        }
        if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new MalformedWeightsException(src + ": truncated npy preamble");
            }
            long len = (b[8] & 0xffL) | (b[9] & 0xffL) << 8 | (b[10] & 0xffL) << 16 | (b[11] & 0xffL) << 24;
            if (len > MAX_HEADER) {
                throw new MalformedWeightsException(src + ": npy header length " + len + " exceeds " + MAX_HEADER);
            }
            return len;
        }
        throw new MalformedWeightsException(src + ": unsupported npy version " + major + "." + b[7]);
    }

    private static Header header(byte[] b, int preamble, int hlen, String src) throws IOException {
        if (b.length < preamble + hlen) {
            throw new MalformedWeightsException(src + ": truncated npy header");
        }
        String h = new String(b, preamble, hlen, b[6] == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(h);
        Matcher f = FORTRAN.matcher(h);
        Matcher s = SHAPE.matcher(h);
        if (!h.trim().startsWith("{") || !d.find() || !f.find() || !s.find()) {
            throw new MalformedWeightsException(src + ": npy header lacks descr, fortran_order or shape: " + abbreviate(h));
        }
        String descr = d.group(1);
        if (descr.length() != 3 || descr.charAt(1) != 'f' || "<>=|".indexOf(descr.charAt(0)) < 0) {
            throw new UnsupportedWeightsException(src + ": dtype '" + descr + "' is not a float (f2, f4, f8)");
        }
        int item = switch (descr.charAt(2)) {
            case '2' -> 2;
            case '4' -> 4;
            case '8' -> 8;
            default -> throw new UnsupportedWeightsException(src + ": dtype '" + descr + "' is not f2, f4 or f8");
        };
        String[] parts = s.group(1).split(",");
        List<Long> dims = new ArrayList<>();
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1); // Python 2 long literals
            }
            try {
                dims.add(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new MalformedWeightsException(src + ": shape entry '" + t + "' is not an integer");
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = Elements.count(shape, src);
        return new Header(descr, f.group(1).equals("True"), shape, count, item, descr.charAt(0) == '>');
    }

    private static String abbreviate(String h) {
        return h.length() > 120 ? h.substring(0, 120) + "…" : h;
    }

    static WeightTensor parse(byte[] b, String name, String src, ConvLayout layout) throws IOException {
        if (b.length < 10) {
            throw new MalformedWeightsException(src + ": " + b.length + " bytes, too short for an npy file");
        }
        long hlen = headerLength(b, src);
        int preamble = b[6] == 1 ? 10 : 12;
        if (hlen > b.length - preamble) {
            throw new MalformedWeightsException(src + ": header length " + hlen + " exceeds the file");
        }
        Header h = header(b, preamble, (int) hlen, src);
        long start = preamble + hlen;
        long need = Elements.bytes(h.count(), h.itemSize(), src);
        if (b.length - start != need) {
            throw new MalformedWeightsException(src + ": shape " + Arrays.toString(h.shape()) + " of "
                    + h.descr() + " needs " + need + " data bytes, file has " + (b.length - start));
        }
        ByteBuffer buf = ByteBuffer.wrap(b, (int) start, (int) need)
                .order(h.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int[] shape = Elements.shape(h.shape(), h.count(), src);
        int n = (int) h.count();
        double[] raw = new double[n];
        Elements.widen(buf, Elements.Stored.ieee(h.itemSize()), raw, 0, n);
        double[] v = h.fortran() ? fortranToC(raw, shape) : raw;
        return new WeightTensor(name, name, NameKinds.kind(name, shape.length), layout, shape, v);
    }

    /** Permutes column-major (first index fastest) data to row-major (last index fastest). */
    static double[] fortranToC(double[] f, int[] shape) {
        int r = shape.length;
        if (r <= 1) {
            return f;
        }
        double[] c = new double[f.length];
        int[] idx = new int[r];
        // walk C order; keep the Fortran offset in step
        long[] fStride = new long[r];
        long st = 1;
        for (int k = 0; k < r; k++) {
            fStride[k] = st;
            st *= shape[k];
        }
        long fo = 0;
        for (int i = 0; i < c.length; i++) {
            c[i] = f[(int) fo];
            for (int k = r - 1; k >= 0; k--) {
                idx[k]++;
                fo += fStride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                fo -= fStride[k] * shape[k];
                idx[k] = 0;
            }
        }
        return c;
    }
}
