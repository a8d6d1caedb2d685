package cartan.io;

import cartan.Require;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The registry of weight formats, in one place ({@link #ALL}), and the dispatch on it: a file goes to the
 * format its name ends with, else to the first whose {@link WeightFormat#detects} accepts its first bytes,
 * else to ONNX (whose files have no magic number). A directory holding a sharded checkpoint's index
 * ({@link ShardIndex}) is read through the index; any other directory is read file by file in file-name order
 * (so sharded checkpoints {@code model-00001-of-00003.safetensors} … come out in shard order), a name
 * repeated across files getting {@code #2}, {@code #3}, ….
 */
public final class WeightFormats {

    /** safetensors: header read now, each tensor read on load ({@link SafetensorsReader}). */
    public static final WeightFormat SAFETENSORS = new Format("safetensors", List.of(".safetensors")) {
        @Override
        public boolean detects(byte[] h) {
            // an 8-byte little-endian header length below 2^48, then the JSON header's '{'
            return h.length >= 9 && h[8] == '{' && h[6] == 0 && h[7] == 0;
        }

        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return MatrixSource.of(SafetensorsReader.open(file, options.convLayout()), options.convMode());
        }
    };

    /** NumPy .npy: the header gives the shape, the data are read on load ({@link NpyReader}). */
    public static final WeightFormat NPY = new Format("npy", List.of(".npy")) {
        @Override
        public boolean detects(byte[] h) {
            return h.length >= 6 && (h[0] & 0xff) == 0x93 && h[1] == 'N' && h[2] == 'U' && h[3] == 'M' && h[4] == 'P'
                    && h[5] == 'Y';
        }

        @Override
        public List<MatrixSource> open(Path f, ReadOptions options) throws IOException {
            int[] shape = NpyReader.peekShape(f);
            ConvLayout layout = options.convLayout();
            if (shape == null) {
                // a header that does not check out: read eagerly, so it fails with the reader's own exception
                return eager(NpyReader.readTensors(f, layout), options);
            }
            String tensor = f.getFileName().toString().replaceFirst("\\.npy$", "");
            return LazyMatrix.of(tensor, tensor, NameKinds.kind(tensor, shape.length), layout, shape,
                    () -> NpyReader.readTensors(f, layout).get(0), options.convMode());
        }
    };

    /** NumPy .npz (a zip of .npy entries), read whole ({@link NpyReader}). */
    public static final WeightFormat NPZ = new Format("npz", List.of(".npz")) {
        @Override
        public boolean detects(byte[] h) {
            return h.length >= 2 && h[0] == 'P' && h[1] == 'K';
        }

        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return eager(NpyReader.readTensors(file, options.convLayout()), options);
        }
    };

    /** A TF.js model.json or weights manifest with its binary shards, read whole ({@link TfjsModel}). */
    public static final WeightFormat TFJS = new Format("tfjs", List.of(".json")) {
        @Override
        public boolean inDirectories() {
            return false;
        }

        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return eager(TfjsModel.tensors(file), options.convMode());
        }
    };

    /** A jar or zip holding exactly one .onnx entry (models shipped as Maven artifacts), each tensor decoded on load. */
    public static final WeightFormat ONNX_ARCHIVE = new Format("onnx archive", List.of(".jar", ".zip")) {
        @Override
        public boolean inDirectories() {
            return false;
        }

        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return OnnxArchive.open(file, null, options.convMode(), null);
        }
    };

    /** ONNX: the graph parsed now, each tensor decoded on load ({@link OnnxReader}); also the fallback for files nothing else recognises. */
    public static final WeightFormat ONNX = new Format("onnx", List.of(".onnx")) {
        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return OnnxReader.open(file, options);
        }
    };

    /** GGUF (llama.cpp): header read now, each tensor read on load ({@link GgufReader}). */
    public static final WeightFormat GGUF = new Format("gguf", List.of(".gguf")) {
        @Override
        public boolean detects(byte[] h) {
            return h.length >= 4 && h[0] == 'G' && h[1] == 'G' && h[2] == 'U' && h[3] == 'F';
        }

        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return GgufReader.open(file, options);
        }
    };

    /**
     * PyTorch checkpoints in the zip format ({@link PytorchCheckpoint}): the pickle is read now (restricted to a
     * state dict's globals), each tensor on load. A {@code .bin} file is taken for one only if it starts like a
     * zip or a pickle (TF.js shards are {@code .bin} too); the legacy non-zip format is refused with a message.
     */
    public static final WeightFormat PYTORCH = new Format("pytorch", List.of(".pt", ".pth", ".bin")) {
        @Override
        public boolean claims(String lowerCaseName, byte[] head) {
            return !lowerCaseName.endsWith(".bin") || PytorchCheckpoint.looksLike(head);
        }

        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return PytorchCheckpoint.open(file, options);
        }
    };

    /**
     * A sharded Hugging Face checkpoint's index ({@code model.safetensors.index.json},
     * {@code pytorch_model.bin.index.json}): its shards are opened lazily in name order ({@link ShardIndex}). A
     * directory holding such an index is read through it.
     */
    public static final WeightFormat SHARD_INDEX = new Format("shard index", List.of(".safetensors.index.json",
            ".bin.index.json")) {
        @Override
        public boolean inDirectories() {
            return false;
        }

        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return ShardIndex.open(file, options);
        }
    };

    /** Keras HDF5 weights ({@code .h5}, {@code .hdf5}): structure by jHDF, each weight read on load ({@link KerasH5}). */
    public static final WeightFormat KERAS_H5 = new Format("keras h5", List.of(".h5", ".hdf5")) {
        @Override
        public boolean detects(byte[] h) {
            return h.length >= 8 && java.util.Arrays.equals(java.util.Arrays.copyOf(h, 8), KerasH5.MAGIC);
        }

        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return KerasH5.open(file, options);
        }
    };

    /** Every format, in detection order (an index before TF.js's .json); a new format is added here. */
    public static final List<WeightFormat> ALL = List.of(SAFETENSORS, NPY, NPZ, GGUF, PYTORCH, KERAS_H5, SHARD_INDEX,
            TFJS, ONNX_ARCHIVE, ONNX);

    private WeightFormats() {
    }

    /** The format of a file: by its name's ending, else by its first bytes, else ONNX. */
    public static WeightFormat of(Path file) throws IOException {
        Require.notNull("file", file);
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] head = null;
        for (WeightFormat f : ALL) {
            for (String e : f.extensions()) {
                if (n.endsWith(e)) {
                    head = head == null ? head(file) : head;
                    if (f.claims(n, head)) {
                        return f;
                    }
                }
            }
        }
        head = head == null ? head(file) : head;
        for (WeightFormat f : ALL) {
            if (f.detects(head)) {
                return f;
            }
        }
        return ONNX;
    }

    /**
     * The matrices of a weight file, or of a directory: through its shard index if it holds one
     * ({@link ShardIndex#find}), else every weight file in it (those whose format
     * {@link WeightFormat#inDirectories reads from directories}, recognised by name), in order.
     *
     * @throws NoSuchFileException if a directory holds no weight file
     */
    public static List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
        Require.notNull("file", file);
        Require.notNull("options", options);
        if (!Files.isDirectory(file)) {
            return of(file).open(file, options);
        }
        Path index = ShardIndex.find(file);
        if (index != null) {
            return ShardIndex.open(index, options);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(file)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                if (byName(p) != null) {
                    files.add(p);
                }
            }
        }
        if (files.isEmpty()) {
            throw new NoSuchFileException(file.toString(), null, "no weight files in directory");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<MatrixSource> out = new ArrayList<>();
        for (Path f : files) {
            for (MatrixSource m : byName(f).open(f, options)) {
                int c = seen.merge(m.name(), 1, Integer::sum);
                out.add(c == 1 ? m : new Renamed(m, m.name() + "#" + c));
            }
        }
        return out;
    }

    /** The directory-readable format a file name ends with (and which {@link WeightFormat#claims} it), or null. */
    private static WeightFormat byName(Path p) throws IOException {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (WeightFormat f : ALL) {
            if (f.inDirectories() && f.extensions().stream().anyMatch(n::endsWith) && f.claims(n, head(p))) {
                return f;
            }
        }
        return null;
    }

    /** Up to the first 16 bytes of a file. */
    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(16);
        }
    }

    private static List<MatrixSource> eager(List<WeightTensor> tensors, ReadOptions options) {
        return eager(tensors, options.convMode());
    }

    private static List<MatrixSource> eager(List<WeightTensor> tensors, ConvMode mode) {
        return MatrixSource.ofMatrices(NamedMatrix.of(tensors, mode));
    }

    /** A format with fixed extensions and no magic number unless overridden. */
    private abstract static class Format implements WeightFormat {
        private final String name;
        private final List<String> extensions;

        Format(String name, List<String> extensions) {
            this.name = name;
            this.extensions = extensions;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> extensions() {
            return extensions;
        }

        @Override
        public boolean detects(byte[] head) {
            return false;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A source shown under another name (a repeat across the files of a directory). */
    private record Renamed(MatrixSource source, String name) implements MatrixSource {
        @Override
        public String tensorName() {
            return source.tensorName();
        }

        @Override
        public LayerKind kind() {
            return source.kind();
        }

        @Override
        public int rows() {
            return source.rows();
        }

        @Override
        public int cols() {
            return source.cols();
        }

        @Override
        public int[] originalShape() {
            return source.originalShape();
        }

        @Override
        public NamedMatrix load() throws IOException {
            NamedMatrix m = source.load();
            return new NamedMatrix(name, m.tensorName(), m.kind(), m.matrix(), m.originalShape());
        }
    }
}
