package cartan.io;

import cartan.Require;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the floating-point weights of an ONNX model with a self-contained protobuf wire-format
 * parser (no generated classes, no onnxruntime).
 *
 * <p><b>What is read.</b> Every OnnxGraph.FLOAT, OnnxGraph.FLOAT16, OnnxGraph.BFLOAT16 and OnnxGraph.DOUBLE tensor among the graph
 * initializers and the {@code value} attribute of {@code Constant} nodes, in the main graph and,
 * recursively, in subgraphs ({@code If}/{@code Loop}/{@code Scan} attributes {@code g} and
 * {@code graphs}). Data may be in {@code raw_data} (little-endian) or in the typed repeated fields
 * ({@code float_data}, {@code double_data}, {@code int32_data} for the 16-bit types). Integer,
 * boolean and string tensors (shape constants, quantised weights) are skipped.
 *
 * <p><b>Names and kinds.</b> Exporters give initializers anonymous names such as
 * {@code onnx::MatMul_787}. Each tensor is therefore named after the node that consumes it,
 * following single-input pass-through nodes ({@code Cast}, {@code Transpose}, {@code Identity},
 * {@code Reshape}, {@code Squeeze}, {@code Unsqueeze}, {@code Flatten}) for at most four hops, e.g.
 * {@code /encoder/layer.0/attention/self/query/MatMul}. The tensor in the weight slot keeps the bare
 * node name (MatMul/Gemm inputs 0–1, Conv/ConvTranspose input 1, Gather input 0); other inputs get
 * {@code :index} appended (a Conv bias is {@code <node>:2}). The consuming operator gives the kind:
 * MatMul/Gemm → {@link LayerKind#DENSE}; Conv → {@link LayerKind#CONV} in {@link ConvLayout#OIHW};
 * ConvTranspose → CONV in {@link ConvLayout#IOHW}; Gather of the table → {@link LayerKind#EMBEDDING};
 * anything else → {@link LayerKind#OTHER}. When the node name is an exporter's automatic
 * {@code Conv_73} (or empty) and the tensor has a real name ({@code model.encoder.3.weight}, not
 * {@code onnx::…}), the tensor name is used instead. Unconsumed tensors keep their own name. Duplicate
 * names get {@code #2}, {@code #3}, … appended. Consumers are looked up in the tensor's own graph and
 * the subgraphs nested in it, so the two branches of an {@code If} do not see each other.
 *
 * <p>Structure: {@link OnnxGraph} parses the graph (wire format through {@link ProtoReader}),
 * {@link OnnxNaming} names the tensors, this class decodes the float data.
 *
 * <p><b>Rejected.</b> Tensors with external data ({@code data_location = EXTERNAL} or an
 * {@code external_data} entry) raise {@link UnsupportedWeightsException}; files over 2 GiB as well
 * (ONNX itself requires external data beyond that). Truncated or inconsistent input raises
 * {@link MalformedWeightsException}; every length is checked against the bytes present before
 * anything is allocated.
 */
public final class OnnxReader {



    private OnnxReader() {
    }

    /** The weight matrices of the model file, conv kernels flattened. */
    public static List<NamedMatrix> read(Path file) throws IOException {
        return read(file, ReadOptions.DEFAULT);
    }

    /** The weight matrices of the model file ({@code options.convLayout()} is ignored: ONNX fixes it). */
    public static List<NamedMatrix> read(Path file, ReadOptions options) throws IOException {
        return NamedMatrix.of(readTensors(file), options.convMode());
    }

    /** The floating-point tensors of the model file, named and classified as described above. */
    public static List<WeightTensor> readTensors(Path file) throws IOException {
        Require.notNull("file", file);
        long size = Files.size(file);
        if (size > Elements.MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(file + ": " + size
                    + " bytes; ONNX files over 2 GiB need external data, which is not supported");
        }
        return readTensors(Files.readAllBytes(file), file.toString());
    }

    /** Reads a model from a stream (e.g. a classpath or jar resource), at most 2 GiB. */
    public static List<WeightTensor> readTensors(InputStream in, String sourceName) throws IOException {
        Require.notNull("in", in);
        byte[] model = in.readNBytes((int) Elements.MAX_ELEMENTS);
        if (in.read() != -1) {
            throw new UnsupportedWeightsException(sourceName + ": more than 2 GiB; ONNX files that large need "
                    + "external data, which is not supported");
        }
        return readTensors(model, sourceName);
    }

    /** Reads a model already in memory. {@code sourceName} only labels error messages. */
    public static List<WeightTensor> readTensors(byte[] model, String sourceName) throws IOException {
        Require.notNull("model", model);
        List<Planned> planned = plan(ByteBuffer.wrap(model), sourceName);
        List<WeightTensor> out = new ArrayList<>(planned.size());
        for (Planned p : planned) {
            out.add(p.load());
        }
        return out;
    }

    /**
     * The weight matrices of the model file as lazy sources: the graph is parsed now (names, kinds, shapes,
     * every length checked), each tensor's data is decoded only when its source is {@link MatrixSource#load()
     * loaded} — a profile of a few layers never converts the embedding table. The file's bytes are kept in
     * memory (at most 2 GiB) for as long as a source is reachable.
     */
    public static List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
        Require.notNull("file", file);
        Require.notNull("options", options);
        long size = Files.size(file);
        if (size > Elements.MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(file + ": " + size
                    + " bytes; ONNX files over 2 GiB need external data, which is not supported");
        }
        return open(Files.readAllBytes(file), file.toString(), options.convMode());
    }

    /** As {@link #open(Path, ReadOptions)}, for a model already in memory ({@code model} is not copied). */
    public static List<MatrixSource> open(byte[] model, String sourceName, ConvMode mode) throws IOException {
        Require.notNull("model", model);
        return open(ByteBuffer.wrap(model), sourceName, mode);
    }

    /**
     * As {@link #open(byte[], String, ConvMode)}, for a model in {@code model[0, limit)} (absolute reads only: the
     * buffer's position is ignored and never moved; a read-only mapped file is read only where a tensor is
     * loaded).
     */
    static List<MatrixSource> open(ByteBuffer model, String sourceName, ConvMode mode) throws IOException {
        Require.notNull("mode", mode);
        List<MatrixSource> out = new ArrayList<>();
        for (Planned p : plan(model, sourceName)) {
            out.addAll(LazyMatrix.of(p.name, p.tensor.name(), p.kind, p.layout, p.shape, p::load, mode));
        }
        return out;
    }

    /** A float tensor located, named and classified, its data not yet decoded. */
    private record Planned(String name, String tensorName, LayerKind kind, ConvLayout layout, int[] shape,
                           int count, OnnxGraph.TensorRef tensor) {
        WeightTensor load() throws MalformedWeightsException {
            return new WeightTensor(name, tensorName, kind, layout, shape, decode(tensor, count, tensorName));
        }
    }

    private static List<Planned> plan(ByteBuffer model, String sourceName) throws IOException {
        Require.notNull("model", model);
        String src = sourceName == null ? "onnx" : sourceName;
        ProtoReader r = new ProtoReader(model, 0, model.limit(), src + ": ModelProto");
        OnnxGraph.Graph main = null;
        while (r.hasMore()) {
            int tag = r.readTag();
            if (tag >>> 3 == 7 && (tag & 7) == ProtoReader.LEN) {
                if (main != null) {
                    throw r.malformed("two graphs in one ModelProto");
                }
                main = OnnxGraph.parseGraph(r.readMessage(src + ": GraphProto"), 0);
            } else {
                r.skip(tag);
            }
        }
        if (main == null) {
            throw new MalformedWeightsException(src + ": no graph (ModelProto field 7); not an ONNX model");
        }
        List<Planned> out = new ArrayList<>();
        collect(main, out);
        return dedupe(out);
    }

    // ----------------------------------------------------------------------------------------------
    // naming and decoding

    private static void collect(OnnxGraph.Graph g, List<Planned> out) throws IOException {
        Map<String, List<OnnxNaming.Use>> uses = new HashMap<>();
        OnnxNaming.indexUses(g, uses);
        List<OnnxGraph.TensorRef> defined = new ArrayList<>(g.initializers());
        Map<OnnxGraph.TensorRef, String> constantNames = new LinkedHashMap<>();
        for (OnnxGraph.Node n : g.nodes()) {
            if (n.constant() != null && !n.outputs().isEmpty()) {
                defined.add(n.constant());
                constantNames.put(n.constant(), n.outputs().get(0));
            }
        }
        for (OnnxGraph.TensorRef t : defined) {
            String tensorName = constantNames.getOrDefault(t, t.name());
            if (t.dataType() < 0 && OnnxGraph.isFloat(-t.dataType())) {
                throw new UnsupportedWeightsException("tensor '" + tensorName
                        + "' stores its data externally (data_location = EXTERNAL); external-data ONNX files "
                        + "are not supported — re-save the model with all tensors inside the .onnx file");
            }
            if (!OnnxGraph.isFloat(t.dataType())) {
                continue;
            }
            String what = "tensor '" + tensorName + "'";
            long n = Elements.count(t.dims(), what);
            // every stored element takes at least one byte of the TensorProto: check before allocating
            if (n > t.limit() - t.from()) {
                throw new MalformedWeightsException(what + ": shape claims " + n
                        + " elements but the tensor has only " + (t.limit() - t.from()) + " bytes");
            }
            int[] shape = Elements.shape(t.dims(), n, what);
            OnnxNaming.Use use = OnnxNaming.consumer(tensorName, uses);
            String name = tensorName;
            LayerKind kind = LayerKind.OTHER;
            ConvLayout layout = ConvLayout.OIHW;
            if (use != null) {
                String op = use.node().opType();
                int idx = use.inputIndex();
                String nodeName = OnnxNaming.nodeName(use.node(), tensorName);
                boolean weightSlot = switch (op) {
                    case "MatMul", "Gemm" -> idx <= 1;
                    case "Conv", "ConvTranspose" -> idx == 1;
                    case "Gather" -> idx == 0;
                    default -> false;
                };
                name = weightSlot ? nodeName : nodeName + ":" + idx;
                if (weightSlot && shape.length >= 2) {
                    switch (op) {
                        case "MatMul", "Gemm" -> kind = LayerKind.DENSE;
                        case "Gather" -> kind = LayerKind.EMBEDDING;
                        case "Conv" -> kind = shape.length >= 3 ? LayerKind.CONV : LayerKind.OTHER;
                        case "ConvTranspose" -> {
                            kind = shape.length >= 3 ? LayerKind.CONV : LayerKind.OTHER;
                            layout = ConvLayout.IOHW;
                        }
                        default -> {
                        }
                    }
                }
            }
            out.add(new Planned(name, tensorName, kind, layout, shape, (int) n, t));
        }
        for (OnnxGraph.Node n : g.nodes()) {
            for (OnnxGraph.Graph sub : n.subgraphs()) {
                collect(sub, out);
            }
        }
    }

    private static double[] decode(OnnxGraph.TensorRef t, int n, String tensorName) throws MalformedWeightsException {
        String what = "tensor '" + tensorName + "'";
        ProtoReader r = new ProtoReader(t.buf(), t.from(), t.limit(), what);
        int bytesPer = switch (t.dataType()) {
            case OnnxGraph.FLOAT -> 4;
            case OnnxGraph.DOUBLE -> 8;
            default -> 2;
        };
        double[] v = new double[n];
        int k = 0;
        boolean raw = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == 9 && wire == ProtoReader.LEN) {
                int[] len = new int[1];
                int off = r.readBytesOffset(len);
                if (k != 0 || (long) n * bytesPer != len[0]) {
                    throw new MalformedWeightsException(what + ": raw_data has " + len[0] + " bytes, shape needs "
                            + (long) n * bytesPer);
                }
                raw = true;
                Elements.Stored type = switch (t.dataType()) {
                    case OnnxGraph.FLOAT -> Elements.Stored.F32;
                    case OnnxGraph.DOUBLE -> Elements.Stored.F64;
                    case OnnxGraph.FLOAT16 -> Elements.Stored.F16;
                    default -> Elements.Stored.BF16;
                };
                Elements.widen(t.buf().slice(off, len[0]).order(ByteOrder.LITTLE_ENDIAN), type, v, 0, n);
                k = n;
            } else if (t.dataType() == OnnxGraph.FLOAT && field == 4) {
                if (wire == ProtoReader.LEN) {
                    ProtoReader p = r.readMessage(what + " float_data");
                    while (p.hasMore()) {
                        k = put(v, k, Float.intBitsToFloat(p.readFixed32()), what);
                    }
                } else if (wire == ProtoReader.FIXED32) {
                    k = put(v, k, Float.intBitsToFloat(r.readFixed32()), what);
                } else {
                    r.skip(tag);
                }
            } else if (t.dataType() == OnnxGraph.DOUBLE && field == 10) {
                if (wire == ProtoReader.LEN) {
                    ProtoReader p = r.readMessage(what + " double_data");
                    while (p.hasMore()) {
                        k = put(v, k, Double.longBitsToDouble(p.readFixed64()), what);
                    }
                } else if (wire == ProtoReader.FIXED64) {
                    k = put(v, k, Double.longBitsToDouble(r.readFixed64()), what);
                } else {
                    r.skip(tag);
                }
            } else if ((t.dataType() == OnnxGraph.FLOAT16 || t.dataType() == OnnxGraph.BFLOAT16) && field == 5) {
                if (wire == ProtoReader.LEN) {
                    ProtoReader p = r.readMessage(what + " int32_data");
                    while (p.hasMore()) {
                        k = put(v, k, half(t.dataType(), p.readVarint()), what);
                    }
                } else if (wire == ProtoReader.VARINT) {
                    k = put(v, k, half(t.dataType(), r.readVarint()), what);
                } else {
                    r.skip(tag);
                }
            } else {
                r.skip(tag);
            }
        }
        if (k != n) {
            throw new MalformedWeightsException(what + ": shape needs " + n + " elements, found " + k
                    + (raw ? " (raw_data)" : ""));
        }
        return v;
    }

    private static double half(int type, long bits) {
        return type == OnnxGraph.FLOAT16 ? Elements.half((int) bits & 0xffff) : Elements.bfloat16((int) bits & 0xffff);
    }

    private static int put(double[] v, int k, double x, String what) throws MalformedWeightsException {
        if (k >= v.length) {
            throw new MalformedWeightsException(what + ": more data elements than the shape allows (" + v.length + ")");
        }
        v[k] = x;
        return k + 1;
    }

    private static List<Planned> dedupe(List<Planned> in) {
        Map<String, Integer> seen = new HashMap<>();
        List<Planned> out = new ArrayList<>(in.size());
        for (Planned t : in) {
            int c = seen.merge(t.name(), 1, Integer::sum);
            out.add(c == 1 ? t : new Planned(t.name() + "#" + c, t.tensorName(), t.kind(), t.layout(), t.shape(),
                    t.count(), t.tensor()));
        }
        return out;
    }
}
