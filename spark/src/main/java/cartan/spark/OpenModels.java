package cartan.spark;

import cartan.io.MatrixSource;
import cartan.io.Models;
import cartan.io.NamedMatrix;
import cartan.io.ReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executor's opened models, for layers a task cannot read by byte range alone (PyTorch zip, GGUF, Keras HDF5,
 * npy directories, sharded checkpoints): the model's header is parsed once per executor JVM, not once per layer.
 * {@code Models.open} of these formats reads headers only and each source reads its own tensor on load; formats
 * read whole (ONNX, npz, TF.js) are cached too, at most {@link #CAPACITY} models, least recently used dropped.
 */
final class OpenModels {

    /** Models kept open per JVM. */
    static final int CAPACITY = 4;

    private static final Map<String, List<MatrixSource>> OPEN = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<MatrixSource>> eldest) {
            return size() > CAPACITY;
        }
    };

    private OpenModels() {
    }

    /** The layer called {@code name} of the model at {@code path}, loaded now. */
    static NamedMatrix load(String path, String name) throws IOException {
        for (MatrixSource s : sources(path)) {
            if (s.name().equals(name)) {
                return s.load();
            }
        }
        throw new NoSuchFileException(path, null, "holds no layer '" + name + "' any more (changed since planned?)");
    }

    private static List<MatrixSource> sources(String path) throws IOException {
        Path p = Path.of(path);
        String key = path + (Files.exists(p) ? "|" + Files.getLastModifiedTime(p).toMillis() + "|" + Files.size(p) : "");
        synchronized (OPEN) {
            List<MatrixSource> s = OPEN.get(key);
            if (s != null) {
                return s;
            }
        }
        List<MatrixSource> s = Models.open(path, ReadOptions.DEFAULT);
        synchronized (OPEN) {
            OPEN.put(key, s);
        }
        return s;
    }
}
