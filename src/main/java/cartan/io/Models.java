package cartan.io;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a model's weight matrices from what a user types: a {@link KnownModel} short name
 * ({@code minilm}, {@code bge-small}) or {@code mnist-cnn} (the Keras MNIST CNN of npm
 * {@code mnist-react-tfjs@0.1.1}, fetched by {@code bin/fetch-data}), a weight file or directory
 * ({@link WeightFiles}: ONNX, safetensors, npy, npz), a TF.js {@code model.json}, or a jar/zip holding
 * exactly one {@code .onnx} entry.
 */
public final class Models {

    /** Short name of the Keras MNIST CNN (npm {@code mnist-react-tfjs@0.1.1}, MIT), fetched by {@code bin/fetch-data}. */
    public static final String MNIST_CNN = "mnist-cnn";

    /** Where {@code bin/fetch-data} unpacks that model, relative to the project root. */
    static final String MNIST_CNN_PATH = "data/cache/mnist-react-tfjs-0.1.1/package/build/assets/model.json";

    /** The model profiled when none is named. */
    public static final KnownModel DEFAULT = KnownModel.MINILM;

    private Models() {
    }

    /** The matrices of {@code model} (a short name or a path). */
    public static List<NamedMatrix> read(String model) throws IOException {
        return read(model, ReadOptions.DEFAULT);
    }

    /**
     * The matrices of {@code model} (a short name or a path); a name that is both an existing path and a
     * short name is read as the path.
     *
     * @throws NoSuchFileException  if it is neither an existing path nor a short name
     * @throws IOException          if the file cannot be read or is malformed
     */
    public static List<NamedMatrix> read(String model, ReadOptions options) throws IOException {
        if (model == null) {
            throw new IllegalArgumentException("model: must not be null");
        }
        Path p = Path.of(model);
        if (!Files.exists(p)) {
            KnownModel k = KnownModel.byName(model);
            if (k != null) {
                return k.read();
            }
            if (MNIST_CNN.equals(model.toLowerCase(Locale.ROOT))) {
                Path json = mnistCnn();
                if (json == null) {
                    throw new NoSuchFileException(MNIST_CNN, null, "model not fetched; run bin/fetch-data (npm "
                            + "mnist-react-tfjs@0.1.1 into data/cache/)");
                }
                return readTfjs(json);
            }
            List<String> names = new ArrayList<>(Arrays.stream(KnownModel.values()).map(KnownModel::shortName).toList());
            names.add(MNIST_CNN);
            throw new NoSuchFileException(model, null, "no such file or directory, and not a known model name " + names);
        }
        if (!Files.isReadable(p)) {
            throw new java.nio.file.AccessDeniedException(model, null, "not readable");
        }
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(p) && (n.endsWith(".jar") || n.endsWith(".zip"))) {
            return readArchive(p);
        }
        if (Files.isRegularFile(p) && n.endsWith(".json")) {
            return readTfjs(p);
        }
        return WeightFiles.read(p, options);
    }

    /**
     * The matrices of {@link #read(String, ReadOptions)} as {@link MatrixSource}s, same names, shapes and
     * order: a safetensors file or directory of shards is opened lazily (headers only; each matrix is read
     * when its source is loaded, so a model larger than the heap can be profiled one layer at a time);
     * every other model is read now and wrapped. Throws what {@code read} throws for bad input.
     */
    public static List<MatrixSource> open(String model, ReadOptions options) throws IOException {
        if (model == null) {
            throw new IllegalArgumentException("model: must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options: must not be null");
        }
        Path p = Path.of(model);
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.exists(p) || !Files.isReadable(p)
                || (Files.isRegularFile(p) && (n.endsWith(".jar") || n.endsWith(".zip") || n.endsWith(".json")))) {
            return MatrixSource.ofMatrices(read(model, options));
        }
        return WeightFiles.open(p, options);
    }

    /** {@link #select(List, String, int)} on sources, before anything is loaded. */
    public static List<MatrixSource> selectSources(List<MatrixSource> sources, String regex, int minSize) {
        if (sources == null) {
            throw new IllegalArgumentException("sources: must not be null");
        }
        cartan.Require.atLeast("minSize", minSize, 1);
        java.util.regex.Pattern p = regex == null ? null : java.util.regex.Pattern.compile(regex);
        List<MatrixSource> out = new ArrayList<>();
        for (MatrixSource m : sources) {
            if (m.kind().isLayerWeight() && Math.min(m.rows(), m.cols()) >= minSize
                    && (p == null || p.matcher(m.name()).find())) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The matrices a profile is about, in order: layer kinds dense, conv and embedding (not biases or
     * norm scales), min(rows, cols) ≥ {@code minSize}, and — if {@code regex} is not null — a name
     * containing a match of {@code regex}. This is the selection {@code bin/cartan profile} makes.
     */
    public static List<NamedMatrix> select(List<NamedMatrix> matrices, String regex, int minSize) {
        if (matrices == null) {
            throw new IllegalArgumentException("matrices: must not be null");
        }
        cartan.Require.atLeast("minSize", minSize, 1);
        java.util.regex.Pattern p = regex == null ? null : java.util.regex.Pattern.compile(regex);
        List<NamedMatrix> out = new ArrayList<>();
        for (NamedMatrix m : matrices) {
            if (m.kind().isLayerWeight() && Math.min(m.rows(), m.cols()) >= minSize
                    && (p == null || p.matcher(m.name()).find())) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The MNIST CNN's model.json under the project root: system property {@code cartan.root} if set (bin/cartan
     * sets it), else the working directory or one of its parents; null if not fetched.
     */
    static Path mnistCnn() {
        String root = System.getProperty("cartan.root");
        List<Path> bases = new ArrayList<>();
        if (root != null && !root.isBlank()) {
            bases.add(Path.of(root));
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            bases.add(d);
        }
        for (Path b : bases) {
            Path json = b.resolve(MNIST_CNN_PATH);
            if (Files.isRegularFile(json)) {
                return json;
            }
        }
        return null;
    }

    /**
     * A TF.js model.json or weights manifest ({@link TfjsModel}): float tensors of rank 2 are dense
     * ([in, out]), rank 3–5 conv kernels in Keras order [spatial…, in, out]; int32 tensors (shape constants)
     * are skipped.
     */
    static List<NamedMatrix> readTfjs(Path json) throws IOException {
        TfjsModel model;
        try {
            model = TfjsModel.read(json);
        } catch (IllegalArgumentException e) {
            throw new MalformedWeightsException(e.getMessage().replaceFirst("^json: ", ""), e);
        }
        List<NamedMatrix> out = new ArrayList<>();
        for (String name : model.names()) {
            TfjsTensor t = model.tensor(name);
            if (t.dtype().startsWith("int")) {
                continue;
            }
            int[] shape = t.shape();
            LayerKind kind = shape.length == 2 ? (name.toLowerCase(Locale.ROOT).contains("embed") ? LayerKind.EMBEDDING
                    : LayerKind.DENSE) : shape.length >= 3 && shape.length <= 5 ? LayerKind.CONV : LayerKind.OTHER;
            float[] f = t.values();
            double[] v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = f[i];
            }
            out.addAll(NamedMatrix.of(new WeightTensor(name, name, kind, ConvLayout.HWIO, shape, v), ConvMode.FLATTEN));
        }
        return out;
    }

    /** The single {@code .onnx} entry of a jar or zip file. */
    static List<NamedMatrix> readArchive(Path jar) throws IOException {
        List<String> onnx = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (java.util.Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry z = e.nextElement();
                if (!z.isDirectory() && z.getName().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                    onnx.add(z.getName());
                }
            }
        } catch (ZipException z) {
            throw new MalformedWeightsException(jar + ": not a valid zip/jar file: " + z.getMessage(), z);
        }
        if (onnx.size() != 1) {
            throw new MalformedWeightsException(jar + ": expected exactly one .onnx entry, found " + onnx.size()
                    + (onnx.isEmpty() ? "" : " " + onnx));
        }
        return NamedMatrix.of(MiniLm.readOnnxEntry(jar, onnx.get(0)), ConvMode.FLATTEN);
    }
}
