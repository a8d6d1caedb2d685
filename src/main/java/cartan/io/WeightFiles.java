package cartan.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One entry point for every weight format: picks the reader by file extension and, failing that,
 * by content ({@code \x93NUMPY} → npy, {@code PK} → npz, an 8-byte length followed by {@code {} →
 * safetensors, anything else → ONNX).
 *
 * <p>A per-layer spectral table is then a short loop:
 * <pre>{@code
 * for (NamedMatrix m : WeightFiles.read(path)) {
 *     if (!m.kind().isLayerWeight()) continue;
 *     double[] s = SingularValues.of(m.matrix());
 *     double[] lambda = new double[s.length];
 *     for (int i = 0; i < s.length; i++) lambda[i] = s[i] * s[i];
 *     PowerLawFit fit = TailFitter.weightWatcher().fit(lambda);
 * }
 * }</pre>
 */
public final class WeightFiles {

    /** The formats {@link #read} recognises. */
    public enum Format { ONNX, SAFETENSORS, NPY, NPZ }

    private WeightFiles() {
    }

    public static List<NamedMatrix> read(Path file) throws IOException {
        return read(file, ReadOptions.DEFAULT);
    }

    public static List<NamedMatrix> read(Path file, ReadOptions options) throws IOException {
        return NamedMatrix.of(readTensors(file, options), options.convMode());
    }

    /**
     * The tensors of one file, or of every {@code *.safetensors}, {@code *.onnx}, {@code *.npy} and
     * {@code *.npz} file in a directory, in file-name order (so sharded checkpoints
     * {@code model-00001-of-00003.safetensors} … come out in shard order).
     */
    public static List<WeightTensor> readTensors(Path file, ReadOptions options) throws IOException {
        cartan.Require.notNull("options", options);
        cartan.Require.notNull("file", file);
        if (Files.isDirectory(file)) {
            List<Path> files;
            try (java.util.stream.Stream<Path> s = Files.list(file)) {
                files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT)
                        .matches(".*\\.(safetensors|onnx|npy|npz)")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new java.nio.file.NoSuchFileException(file.toString(), null, "no weight files in directory");
            }
            List<WeightTensor> all = new java.util.ArrayList<>();
            for (Path f : files) {
                all.addAll(readTensors(f, options));
            }
            return OnnxReader.dedupe(all);
        }
        return switch (format(file)) {
            case ONNX -> OnnxReader.readTensors(file);
            case SAFETENSORS -> SafetensorsReader.readTensors(file, options.convLayout());
            case NPY, NPZ -> NpyReader.readTensors(file, options.convLayout());
        };
    }

    /**
     * The matrices of {@link #read(Path, ReadOptions)}, same names, kinds, shapes and order, as
     * {@link MatrixSource}s: safetensors and well-formed {@code .npy} files (alone or in a directory) are
     * opened lazily — only headers are read here, each matrix is read when its source is loaded — other
     * formats (ONNX, npz, npy files whose header does not check out) are read now and wrapped. Malformed headers fail here with the exceptions {@code read} throws.
     */
    public static List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
        cartan.Require.notNull("options", options);
        cartan.Require.notNull("file", file);
        List<Path> files;
        boolean directory = Files.isDirectory(file);
        if (directory) {
            try (java.util.stream.Stream<Path> s = Files.list(file)) {
                files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT)
                        .matches(".*\\.(safetensors|onnx|npy|npz)")).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new java.nio.file.NoSuchFileException(file.toString(), null, "no weight files in directory");
            }
        } else {
            files = List.of(file);
        }
        // tensors in file order, each a TensorSlice (lazy) or a WeightTensor (read); repeated names get #2, #3…
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        List<MatrixSource> out = new java.util.ArrayList<>();
        for (Path f : files) {
            if (format(f) == Format.SAFETENSORS) {
                for (TensorSlice t : SafetensorsReader.open(f, options.convLayout())) {
                    int c = directory ? seen.merge(t.name(), 1, Integer::sum) : 1;
                    out.addAll(MatrixSource.of(c == 1 ? t : t.named(t.name() + "#" + c), options.convMode()));
                }
            } else if (format(f) == Format.NPY && NpyReader.peekShape(f) != null) {
                // one array per file: the header gives the shape, the data are read on load
                int[] shape = NpyReader.peekShape(f);
                String tensor = f.getFileName().toString().replaceFirst("\\.npy$", "");
                int c = directory ? seen.merge(tensor, 1, Integer::sum) : 1;
                String name = c == 1 ? tensor : tensor + "#" + c;
                ConvLayout layout = options.convLayout();
                out.addAll(MatrixSource.lazy(name, tensor, NameKinds.kind(tensor, shape.length), layout, shape, () -> {
                    WeightTensor t = NpyReader.readTensors(f, layout).get(0);
                    return new WeightTensor(name, t.tensorName(), t.kind(), t.layout(), t.shape(), t.values());
                }, options.convMode()));
            } else {
                List<WeightTensor> ts = switch (format(f)) {
                    case ONNX -> OnnxReader.readTensors(f);
                    case NPY, NPZ -> NpyReader.readTensors(f, options.convLayout());
                    case SAFETENSORS -> throw new AssertionError();
                };
                for (WeightTensor t : ts) {
                    int c = directory ? seen.merge(t.name(), 1, Integer::sum) : 1;
                    WeightTensor u = c == 1 ? t : new WeightTensor(t.name() + "#" + c, t.tensorName(), t.kind(),
                            t.layout(), t.shape(), t.values());
                    out.addAll(MatrixSource.ofMatrices(NamedMatrix.of(u, options.convMode())));
                }
            }
        }
        return out;
    }

    /** The format of a file, from its extension or else its first bytes. */
    public static Format format(Path file) throws IOException {
        cartan.Require.notNull("file", file);
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".onnx")) {
            return Format.ONNX;
        }
        if (n.endsWith(".safetensors")) {
            return Format.SAFETENSORS;
        }
        if (n.endsWith(".npy")) {
            return Format.NPY;
        }
        if (n.endsWith(".npz")) {
            return Format.NPZ;
        }
        byte[] h;
        try (InputStream in = Files.newInputStream(file)) {
            h = in.readNBytes(9);
        }
        if (h.length >= 6 && (h[0] & 0xff) == 0x93 && h[1] == 'N' && h[2] == 'U' && h[3] == 'M' && h[4] == 'P'
                && h[5] == 'Y') {
            return Format.NPY;
        }
        if (h.length >= 2 && h[0] == 'P' && h[1] == 'K') {
            return Format.NPZ;
        }
        if (h.length == 9 && h[8] == '{' && h[6] == 0 && h[7] == 0) {
            return Format.SAFETENSORS;
        }
        return Format.ONNX;
    }
}
