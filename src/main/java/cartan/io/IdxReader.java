package cartan.io;

import cartan.Require;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reader for IDX files (the MNIST distribution format): bytes 0–1 are zero, byte 2 the element type
 * (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), byte 3 the number of
 * dimensions d; then d big-endian int32 sizes; then the elements, big-endian, row-major. Files ending
 * in {@code .gz} are decompressed. The file length must match the header exactly: a truncated file or
 * trailing bytes are errors.
 */
public final class IdxReader {

    private IdxReader() {
    }

    /**
     * Read an IDX file.
     *
     * @throws IllegalArgumentException if the file is missing, not IDX, truncated, or has trailing bytes
     */
    public static IdxArray read(Path file) {
        Require.notNull("file", file);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file: " + file + " does not exist or is not a regular file");
        }
        byte[] all;
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    all = readGzipBounded(in, file.toString());
                }
            } else {
                all = Files.readAllBytes(file);
            }
        } catch (ZipException | EOFException e) {
            // corrupt or truncated gzip stream: the file is not valid, not an I/O failure
            throw new IllegalArgumentException("file: " + file + " is not a valid gzip stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return parse(all, file.toString());
    }

    /**
     * Decompresses the header first, then at most the bytes that header promises plus one (so trailing
     * bytes are still detected by {@link #parse}), in chunks: memory follows the bytes that really
     * arrive, and a small .gz cannot expand into an allocation its header does not account for.
     */
    private static byte[] readGzipBounded(InputStream in, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = in.readNBytes(4);
        out.write(head);
        if (head.length == 4 && head[0] == 0 && head[1] == 0) {
            byte[] dims = in.readNBytes(4 * (head[3] & 0xFF));
            out.write(dims);
            byte[] header = out.toByteArray();
            long expected = header.length == 4 + 4 * (head[3] & 0xFF) && IdxArray.elementSize(head[2] & 0xFF) > 0
                    ? expectedLength(header, source) : header.length;
            long left = expected - header.length + 1;
            byte[] chunk = new byte[1 << 16];
            while (left > 0) {
                int r = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (r < 0) {
                    break;
                }
                out.write(chunk, 0, r);
                left -= r;
            }
        }
        return out.toByteArray();
    }

    /**
     * The file length the header of {@code all} promises: 4 + 4·d header bytes plus the element count
     * times the element size, with an {@link IllegalArgumentException} if a dimension is not positive,
     * if the product overflows, or if it exceeds what a Java array can hold.
     */
    private static long expectedLength(byte[] all, String source) {
        int dims = all[3] & 0xFF;
        int es = IdxArray.elementSize(all[2] & 0xFF);
        long count = 1;
        for (int i = 0; i < dims; i++) {
            int o = 4 + 4 * i;
            int n = ((all[o] & 0xFF) << 24) | ((all[o + 1] & 0xFF) << 16) | ((all[o + 2] & 0xFF) << 8) | (all[o + 3] & 0xFF);
            if (n < 1) {
                throw new IllegalArgumentException("file: " + source + " has dimension " + i + " of size " + n);
            }
            count *= n;
            if (count > Integer.MAX_VALUE - 8) {
                // checked at every step, so the product cannot wrap around before it is caught
                throw new IllegalArgumentException("file: " + source + " declares " + count + "+ elements, more "
                        + "than a Java array holds");
            }
        }
        return 4L + 4L * dims + count * es;
    }

    /** Parse IDX bytes; {@code source} names the data in error messages. */
    public static IdxArray parse(byte[] all, String source) {
        if (all.length < 4) {
            throw new IllegalArgumentException("file: " + source + " is too short for an IDX header (" + all.length + " bytes)");
        }
        if (all[0] != 0 || all[1] != 0) {
            throw new IllegalArgumentException("file: " + source + " is not an IDX file (magic bytes "
                    + (all[0] & 0xFF) + ", " + (all[1] & 0xFF) + " instead of 0, 0)");
        }
        int type = all[2] & 0xFF;
        int es = IdxArray.elementSize(type);
        if (es < 0) {
            throw new IllegalArgumentException("file: " + source + " has unknown IDX element type 0x" + Integer.toHexString(type));
        }
        int dims = all[3] & 0xFF;
        if (dims < 1) {
            throw new IllegalArgumentException("file: " + source + " declares 0 dimensions");
        }
        int header = 4 + 4 * dims;
        if (all.length < header) {
            throw new IllegalArgumentException("file: " + source + " is truncated inside the header (" + all.length
                    + " bytes, header needs " + header + ")");
        }
        long expected = expectedLength(all, source);
        long count = (expected - header) / es;
        int[] shape = new int[dims];
        for (int i = 0; i < dims; i++) {
            int o = 4 + 4 * i;
            shape[i] = ((all[o] & 0xFF) << 24) | ((all[o + 1] & 0xFF) << 16) | ((all[o + 2] & 0xFF) << 8) | (all[o + 3] & 0xFF);
        }
        if (all.length < expected) {
            throw new IllegalArgumentException("file: " + source + " is truncated: header promises " + expected
                    + " bytes, file has " + all.length);
        }
        if (all.length > expected) {
            throw new IllegalArgumentException("file: " + source + " has " + (all.length - expected)
                    + " trailing bytes after the " + expected + " the header describes");
        }
        byte[] data = Arrays.copyOfRange(all, header, all.length);
        IdxArray arr = new IdxArray(shape, type, data);
        if (type == 0x0D || type == 0x0E) {
            for (long i = 0; i < count; i++) {
                if (!Double.isFinite(arr.get(i))) {
                    throw new IllegalArgumentException("file: " + source + " has a non-finite value at element " + i);
                }
            }
        }
        return arr;
    }
}
