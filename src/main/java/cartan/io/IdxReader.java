package cartan.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

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
        if (file == null) {
            throw new IllegalArgumentException("file: must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file: " + file + " does not exist or is not a regular file");
        }
        byte[] all;
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    all = out.toByteArray();
                }
            } else {
                all = Files.readAllBytes(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return parse(all, file.toString());
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
        int[] shape = new int[dims];
        long count = 1;
        for (int i = 0; i < dims; i++) {
            int o = 4 + 4 * i;
            shape[i] = ((all[o] & 0xFF) << 24) | ((all[o + 1] & 0xFF) << 16) | ((all[o + 2] & 0xFF) << 8) | (all[o + 3] & 0xFF);
            if (shape[i] < 1) {
                throw new IllegalArgumentException("file: " + source + " has dimension " + i + " of size " + shape[i]);
            }
            count *= shape[i];
        }
        long expected = header + count * es;
        if (all.length < expected) {
            throw new IllegalArgumentException("file: " + source + " is truncated: header promises " + expected
                    + " bytes, file has " + all.length);
        }
        if (all.length > expected) {
            throw new IllegalArgumentException("file: " + source + " has " + (all.length - expected)
                    + " trailing bytes after the " + expected + " the header describes");
        }
        byte[] data = java.util.Arrays.copyOfRange(all, header, all.length);
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
