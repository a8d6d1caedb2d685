package cartan.io;

import cartan.Require;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the weights of a Keras HDF5 file ({@code model.save("m.h5")} or {@code save_weights}): the group
 * {@code model_weights} (or the root of a weights-only file) lists its layers in the attribute
 * {@code layer_names}, each layer group its datasets in {@code weight_names} ({@code conv2d_1/kernel:0} …);
 * files without those attributes (Keras 3 {@code .weights.h5}) are walked, every float dataset in name
 * order, {@code optimizer_weights} left out. A weight is named as TF.js names it, {@code conv2d_1/kernel}
 * (the {@code :0} dropped), so the same model read from its TF.js export gives the same names and matrices;
 * conv kernels are Keras's [kh, kw, in, out] ({@link ConvLayout#HWIO}).
 *
 * <p>The HDF5 structure (superblock, object headers, B-trees, heaps, attributes) is parsed by jHDF
 * ({@code io.jhdf:jhdf}); the weights' bytes are read here, with positional reads on {@code load()}.
 * Guarantees against hostile files, and where jHDF limits them:
 * <ul>
 *   <li>a file up to 2 GiB is memory-mapped and handed to jHDF as a buffer, so every structure jHDF reads
 *   is a slice of the mapping: an address or length beyond the file is an exception, never a heap buffer of
 *   the claimed size. Larger files are opened through jHDF's file channel, where jHDF's own checks apply;</li>
 *   <li>every exception jHDF raises (its HdfException and the runtime exceptions of a malformed structure,
 *   a stack overflow in a cyclic one) becomes a {@link MalformedWeightsException};</li>
 *   <li>links are never followed (an external link would make jHDF open another file), groups are walked
 *   at most {@link #MAX_DEPTH} deep and {@link #MAX_NODES} nodes in all;</li>
 *   <li>attributes are decoded only when their claimed element count fits the bytes their message holds;
 *   a dataset's data must lie inside the file (contiguous) or inside its header (compact); chunked datasets
 *   (h5py's compression) are refused, never decompressed.</li>
 * </ul>
 * The fuzz suite measures the rest (time and allocation per case), jHDF included.
 */
public final class KerasH5 {

    /** HDF5's signature. */
    static final byte[] MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    static final int MAX_DEPTH = 16;
    static final int MAX_NODES = 100_000;
    private static final int CHUNK = 1 << 20;

    private KerasH5() {
    }

    /**
     * A weight located in the file: contiguous data at an absolute {@code address}, or compact data copied
     * from its object header ({@code compact} non-null).
     */
    private record Located(String name, String path, int[] shape, int size, ByteOrder order, long address,
                           long bytes, byte[] compact) {
    }

    /** The float weights of a Keras HDF5 file as lazy sources, in layer order. */
    public static List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
        Require.notNull("file", file);
        Require.notNull("options", options);
        List<MatrixSource> out = new ArrayList<>();
        for (Located w : locate(file)) {
            LayerKind kind = NameKinds.kind(w.name(), w.shape().length);
            out.addAll(LazyMatrix.of(w.name(), w.path(), kind, ConvLayout.HWIO, w.shape(),
                    () -> new WeightTensor(w.name(), w.path(), kind, ConvLayout.HWIO, w.shape(), load(file, w)),
                    options.convMode()));
        }
        return out;
    }

    /** The float weights of a Keras HDF5 file, read now. */
    public static List<WeightTensor> readTensors(Path file) throws IOException {
        Require.notNull("file", file);
        List<WeightTensor> out = new ArrayList<>();
        for (Located w : locate(file)) {
            out.add(new WeightTensor(w.name(), w.path(), NameKinds.kind(w.name(), w.shape().length), ConvLayout.HWIO,
                    w.shape(), load(file, w)));
        }
        return out;
    }

    private static List<Located> locate(Path file) throws IOException {
        String src = file.toString();
        long size = Files.size(file);
        byte[] head = new byte[8];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.read(ByteBuffer.wrap(head), 0) < 8 || !java.util.Arrays.equals(head, MAGIC)) {
                throw new MalformedWeightsException(src + ": not an HDF5 file (no signature at byte 0)");
            }
            MappedByteBuffer map = size <= Elements.MAX_ELEMENTS ? ch.map(FileChannel.MapMode.READ_ONLY, 0, size) : null;
            try (HdfFile h = map != null ? HdfFile.fromByteBuffer(map) : new HdfFile(file)) {
                return new Walk(src, size, h.getUserBlockSize()).weights(h);
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                throw new MalformedWeightsException(src + ": not a readable HDF5 file: " + e, e);
            }
        }
    }

    /** One traversal of the group tree. */
    private static final class Walk {
        final String src;
        final long fileSize;
        final long base;
        final List<Located> out = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        int nodes;

        Walk(String src, long fileSize, long base) {
            this.src = src;
            this.fileSize = fileSize;
            this.base = base;
        }

        List<Located> weights(HdfFile h) throws IOException {
            Node mw = child(h, "model_weights");
            Group root = mw instanceof Group g ? g : h;
            String[] layers = strings(root, "layer_names");
            if (layers == null) {
                walk(root, "", 0);
                return out;
            }
            for (String layer : layers) {
                if (!(child(root, layer) instanceof Group g)) {
                    continue;
                }
                String[] weights = strings(g, "weight_names");
                if (weights == null) {
                    walk(g, layer + "/", 1);
                    continue;
                }
                for (String w : weights) {
                    Node n = g;
                    for (String part : w.split("/")) {
                        n = n instanceof Group gg ? child(gg, part) : null;
                    }
                    if (n instanceof Dataset d) {
                        add(d, w);
                    } else {
                        throw new MalformedWeightsException(src + ": layer '" + layer + "' lists weight '" + w
                                + "', which is not a dataset in its group");
                    }
                }
            }
            return out;
        }

        /** A child that is not a link (links are never followed), or null. */
        Node child(Group g, String name) throws MalformedWeightsException {
            if (++nodes > MAX_NODES) {
                throw new MalformedWeightsException(src + ": more than " + MAX_NODES + " HDF5 nodes visited");
            }
            Node n = g.getChildren().get(name);
            return n == null || n.isLink() ? null : n;
        }

        void walk(Group g, String prefix, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new MalformedWeightsException(src + ": groups nested deeper than " + MAX_DEPTH);
            }
            for (String name : new TreeMap<>(g.getChildren()).keySet()) {
                if (depth == 0 && name.startsWith("optimizer")) {
                    continue;
                }
                Node n = child(g, name);
                if (n instanceof Dataset d) {
                    add(d, prefix + name);
                } else if (n instanceof Group gg) {
                    walk(gg, prefix + name + "/", depth + 1);
                }
            }
        }

        /** Fixed-length or variable-length strings of an attribute, if it holds them and its size is honest. */
        String[] strings(Node n, String attribute) {
            Map<String, Attribute> attrs = n.getAttributes();
            Attribute a = attrs.get(attribute);
            if (a == null || a.isEmpty()) {
                return null;
            }
            long count = 1;
            for (long d : a.getDimensionsAsLong()) {
                count = d < 0 || count > Integer.MAX_VALUE / Math.max(d, 1) ? Long.MAX_VALUE : count * d;
            }
            int element = a.getDataType().getSize();
            if (count == Long.MAX_VALUE || element <= 0 || count > a.getBuffer().remaining() / element) {
                return null;
            }
            Object v = a.getData();
            return v instanceof String[] s ? s : v instanceof String s ? new String[]{s} : null;
        }

        void add(Dataset d, String path) throws IOException {
            String what = src + ": dataset '" + path + "'";
            DataType t = d.getDataType();
            if (t instanceof FixedPoint || !(t instanceof FloatingPoint fp)) {
                return; // integer counters (Keras's iterations), strings: not weights
            }
            int size = fp.getSize();
            boolean ieee = size == 4 && fp.getExponentSize() == 8 && fp.getMantissaSize() == 23
                    || size == 8 && fp.getExponentSize() == 11 && fp.getMantissaSize() == 52
                    || size == 2 && fp.getExponentSize() == 5 && fp.getMantissaSize() == 10;
            if (!ieee) {
                throw new UnsupportedWeightsException(what + ": a " + size + "-byte float with " + fp.getExponentSize()
                        + " exponent and " + fp.getMantissaSize() + " mantissa bits is not IEEE half, single or double");
            }
            long[] dims = d.getDimensionsAsLong();
            long count = Elements.count(dims, what);
            long bytes = Elements.bytes(count, size, what);
            DataLayout layout = d.getDataLayout();
            long address = -1;
            byte[] compact = null;
            if (count == 0) {
                compact = new byte[0];
            } else if (layout == DataLayout.CONTIGUOUS && d instanceof ContiguousDataset c) {
                address = c.getDataAddress();
                if (address < 0 || address > fileSize - base || bytes > fileSize - base - address) {
                    throw new MalformedWeightsException(what + ": " + bytes + " bytes at address " + address
                            + " do not lie in the " + fileSize + "-byte file (truncated?)");
                }
                address += base;
            } else if (layout == DataLayout.COMPACT && d instanceof DatasetBase b) {
                ByteBuffer data = b.getDataBuffer();
                if (data.remaining() < bytes) {
                    throw new MalformedWeightsException(what + ": compact data of " + data.remaining()
                            + " bytes for " + bytes + " claimed");
                }
                compact = new byte[(int) bytes];
                data.duplicate().get(compact);
            } else {
                throw new UnsupportedWeightsException(what + ": " + layout + " storage (chunked or compressed "
                        + "datasets) is not supported; Keras writes weights contiguous");
            }
            String name = path.endsWith(":0") ? path.substring(0, path.length() - 2) : path;
            String unique = name;
            for (int k = 2; !names.add(unique); k++) {
                unique = name + "#" + k;
            }
            int[] shape = Elements.shape(dims, count, what);
            out.add(new Located(unique, path, shape, size, fp.getByteOrder(), address, bytes, compact));
        }
    }

    /** A weight's values, row-major, decoded from its bytes (positional reads of about 1 MiB). */
    private static double[] load(Path file, Located w) throws IOException {
        double[] v = new double[(int) (w.bytes() / w.size())];
        if (w.compact() != null) {
            decode(ByteBuffer.wrap(w.compact()).order(w.order()), w.size(), v, 0);
            return v;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (w.address() + w.bytes() > ch.size()) {
                throw new MalformedWeightsException(file + ": dataset '" + w.path() + "' ends beyond the file (changed "
                        + "since open?)");
            }
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(CHUNK, w.bytes())).order(w.order());
            long p = w.address();
            long left = w.bytes();
            int i = 0;
            while (left > 0) {
                int len = (int) Math.min(b.capacity(), left);
                b.clear().limit(len);
                while (b.hasRemaining()) {
                    if (ch.read(b, p + b.position()) < 0) {
                        throw new MalformedWeightsException(file + ": dataset '" + w.path() + "': unexpected end of file");
                    }
                }
                b.flip();
                i = decode(b, w.size(), v, i);
                p += len;
                left -= len;
            }
        }
        return v;
    }

    private static int decode(ByteBuffer b, int size, double[] v, int i) {
        int n = b.remaining() / size;
        Elements.widen(b, Elements.Stored.ieee(size), v, i, n);
        return i + n;
    }
}
