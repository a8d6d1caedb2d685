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
 * else to ONNX (whose files have no magic number). A directory is read file by file in file-name order
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

    /** A jar or zip holding exactly one .onnx entry (models shipped as Maven artifacts), read whole. */
    public static final WeightFormat ONNX_ARCHIVE = new Format("onnx archive", List.of(".jar", ".zip")) {
        @Override
        public boolean inDirectories() {
            return false;
        }

        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return eager(OnnxArchive.read(file, null), options.convMode());
        }
    };

    /** ONNX, read whole ({@link OnnxReader}); also the fallback for files nothing else recognises. */
    public static final WeightFormat ONNX = new Format("onnx", List.of(".onnx")) {
        @Override
        public List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
            return eager(OnnxReader.readTensors(file), options);
        }
    };

    /** Every format, in detection order; a new format is added here. */
    public static final List<WeightFormat> ALL = List.of(SAFETENSORS, NPY, NPZ, TFJS, ONNX_ARCHIVE, ONNX);

    private WeightFormats() {
    }

    /** The format of a file: by its name's ending, else by its first bytes, else ONNX. */
    public static WeightFormat of(Path file) throws IOException {
        Require.notNull("file", file);
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (WeightFormat f : ALL) {
            for (String e : f.extensions()) {
                if (n.endsWith(e)) {
                    return f;
                }
            }
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        for (WeightFormat f : ALL) {
            if (f.detects(head)) {
                return f;
            }
        }
        return ONNX;
    }

    /**
     * The matrices of a weight file, or of every weight file in a directory (those whose format
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
        List<Path> files;
        try (Stream<Path> s = Files.list(file)) {
            files = s.filter(p -> Files.isRegularFile(p) && byName(p) != null).sorted().toList();
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

    /** The directory-readable format a file name ends with, or null. */
    private static WeightFormat byName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (WeightFormat f : ALL) {
            if (f.inDirectories() && f.extensions().stream().anyMatch(n::endsWith)) {
                return f;
            }
        }
        return null;
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
