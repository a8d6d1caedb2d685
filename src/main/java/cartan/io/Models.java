package cartan.io;

import cartan.Require;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one way in for models: {@link #open} turns what a user types — a {@link KnownModel} short name
 * ({@code minilm}, {@code bge-small}, {@code mnist-cnn}) or a path (a weight file or directory in any
 * {@link WeightFormats registered format}, a TF.js {@code model.json}, a jar/zip with one {@code .onnx}
 * entry) — into {@link MatrixSource}s, known by name, kind and shape before anything large is read
 * (safetensors and npy are lazy; other formats are read whole). {@link #read} is the eager convenience on
 * top, {@link #select} the selection a profile makes.
 */
public final class Models {

    /** The model profiled when none is named. */
    public static final KnownModel DEFAULT = KnownModel.MINILM;

    private Models() {
    }

    /** {@link #open(String, ReadOptions)} with {@link ReadOptions#DEFAULT}. */
    public static List<MatrixSource> open(String model) throws IOException {
        return open(model, ReadOptions.DEFAULT);
    }

    /**
     * The matrices of {@code model} (a short name or a path), in file order; a name that is both an existing
     * path and a short name is read as the path.
     *
     * @throws NoSuchFileException if it is neither an existing path nor a short name, or the named model
     *                             has not been fetched
     * @throws IOException         if the file cannot be read or is malformed
     */
    public static List<MatrixSource> open(String model, ReadOptions options) throws IOException {
        Require.notNull("model", model);
        Require.notNull("options", options);
        Path p = Path.of(model);
        if (!Files.exists(p)) {
            KnownModel k = KnownModel.byName(model);
            if (k != null) {
                return k.open(options);
            }
            throw new NoSuchFileException(model, null, "no such file or directory, and not a known model name "
                    + KnownModel.modelNames());
        }
        if (!Files.isReadable(p)) {
            throw new AccessDeniedException(model, null, "not readable");
        }
        return WeightFormats.open(p, options);
    }

    /** The matrices of {@code model}, read now. */
    public static List<NamedMatrix> read(String model) throws IOException {
        return read(model, ReadOptions.DEFAULT);
    }

    /** The matrices of {@link #open(String, ReadOptions)}, read now. */
    public static List<NamedMatrix> read(String model, ReadOptions options) throws IOException {
        return MatrixSource.loadAll(open(model, options));
    }

    /**
     * The matrices a profile is about, in order, before anything is loaded: layer kinds dense, conv and
     * embedding (not biases or norm scales), min(rows, cols) ≥ {@code minSize}, and — if {@code regex} is
     * not null — a name containing a match of {@code regex}. This is the selection {@code bin/cartan profile}
     * makes; it works on lazy sources and on matrices in memory alike.
     */
    public static <T extends MatrixSource> List<T> select(List<T> sources, String regex, int minSize) {
        Require.notNull("sources", sources);
        Require.atLeast("minSize", minSize, 1);
        Pattern p = regex == null ? null : Pattern.compile(regex);
        List<T> out = new ArrayList<>();
        for (T m : sources) {
            if (m.kind().isLayerWeight() && Math.min(m.rows(), m.cols()) >= minSize
                    && (p == null || p.matcher(m.name()).find())) {
                out.add(m);
            }
        }
        return out;
    }
}
