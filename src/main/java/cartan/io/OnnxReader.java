package cartan.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the floating-point weights of an ONNX model with a self-contained protobuf wire-format
 * parser (no generated classes, no onnxruntime).
 *
 * <p><b>What is read.</b> Every FLOAT, FLOAT16, BFLOAT16 and DOUBLE tensor among the graph
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
 * <p><b>Rejected.</b> Tensors with external data ({@code data_location = EXTERNAL} or an
 * {@code external_data} entry) raise {@link UnsupportedWeightsException}; files over 2 GiB as well
 * (ONNX itself requires external data beyond that). Truncated or inconsistent input raises
 * {@link MalformedWeightsException}; every length is checked against the bytes present before
 * anything is allocated.
 */
public final class OnnxReader {

    // TensorProto.DataType
    static final int FLOAT = 1;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;
    static final int BFLOAT16 = 16;

    private static final Set<String> PASS_THROUGH =
            Set.of("Cast", "Transpose", "Identity", "Reshape", "Squeeze", "Unsqueeze", "Flatten");

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
        cartan.Require.notNull("file", file);
        long size = Files.size(file);
        if (size > Elements.MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(file + ": " + size
                    + " bytes; ONNX files over 2 GiB need external data, which is not supported");
        }
        return readTensors(Files.readAllBytes(file), file.toString());
    }

    /** Reads a model from a stream (e.g. a classpath or jar resource), at most 2 GiB. */
    public static List<WeightTensor> readTensors(InputStream in, String sourceName) throws IOException {
        cartan.Require.notNull("in", in);
        byte[] model = in.readNBytes((int) Elements.MAX_ELEMENTS);
        if (in.read() != -1) {
            throw new UnsupportedWeightsException(sourceName + ": more than 2 GiB; ONNX files that large need "
                    + "external data, which is not supported");
        }
        return readTensors(model, sourceName);
    }

    /** Reads a model already in memory. {@code sourceName} only labels error messages. */
    public static List<WeightTensor> readTensors(byte[] model, String sourceName) throws IOException {
        cartan.Require.notNull("model", model);
        String src = sourceName == null ? "onnx" : sourceName;
        ProtoReader r = new ProtoReader(model, 0, model.length, src + ": ModelProto");
        Graph main = null;
        while (r.hasMore()) {
            int tag = r.readTag();
            if (tag >>> 3 == 7 && (tag & 7) == ProtoReader.LEN) {
                if (main != null) {
                    throw r.malformed("two graphs in one ModelProto");
                }
                main = parseGraph(r.readMessage(src + ": GraphProto"), 0);
            } else {
                r.skip(tag);
            }
        }
        if (main == null) {
            throw new MalformedWeightsException(src + ": no graph (ModelProto field 7); not an ONNX model");
        }
        List<WeightTensor> out = new ArrayList<>();
        collect(main, out);
        return dedupe(out);
    }

    // ----------------------------------------------------------------------------------------------
    // parsed structure

    private record TensorRef(String name, long[] dims, int dataType, int from, int limit, byte[] buf) {
    }

    private record Node(String name, String opType, List<String> inputs, List<String> outputs,
                        TensorRef constant, List<Graph> subgraphs) {
    }

    private record Graph(List<Node> nodes, List<TensorRef> initializers) {
    }

    private static Graph parseGraph(ProtoReader r, int depth) throws MalformedWeightsException {
        if (depth > 64) {
            throw r.malformed("subgraphs nested deeper than 64");
        }
        List<Node> nodes = new ArrayList<>();
        List<TensorRef> inits = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = tag >>> 3;
            if (field == 1 && (tag & 7) == ProtoReader.LEN) {
                nodes.add(parseNode(r.readMessage("NodeProto"), depth));
            } else if (field == 5 && (tag & 7) == ProtoReader.LEN) {
                inits.add(parseTensor(r.readMessage("TensorProto")));
            } else {
                r.skip(tag);
            }
        }
        return new Graph(nodes, inits);
    }

    private static Node parseNode(ProtoReader r, int depth) throws MalformedWeightsException {
        String name = "";
        String op = "";
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        TensorRef constant = null;
        List<Graph> subs = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = tag >>> 3;
            boolean len = (tag & 7) == ProtoReader.LEN;
            if (field == 1 && len) {
                in.add(r.readString());
            } else if (field == 2 && len) {
                out.add(r.readString());
            } else if (field == 3 && len) {
                name = r.readString();
            } else if (field == 4 && len) {
                op = r.readString();
            } else if (field == 5 && len) {
                ProtoReader a = r.readMessage("AttributeProto");
                String attrName = "";
                TensorRef t = null;
                while (a.hasMore()) {
                    int at = a.readTag();
                    int af = at >>> 3;
                    boolean alen = (at & 7) == ProtoReader.LEN;
                    if (af == 1 && alen) {
                        attrName = a.readString();
                    } else if (af == 5 && alen) {
                        t = parseTensor(a.readMessage("TensorProto"));
                    } else if ((af == 6 || af == 11) && alen) {
                        subs.add(parseGraph(a.readMessage("GraphProto"), depth + 1));
                    } else {
                        a.skip(at);
                    }
                }
                if (t != null && attrName.equals("value")) {
                    constant = t;
                }
            } else {
                r.skip(tag);
            }
        }
        if (!op.equals("Constant")) {
            constant = null;
        }
        return new Node(name, op, in, out, constant, subs);
    }

    /** First pass over a TensorProto: header fields only; data is decoded later, if float. */
    private static TensorRef parseTensor(ProtoReader r) throws MalformedWeightsException {
        int from = r.position();
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        boolean external = false;
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == 1 && wire == ProtoReader.VARINT) {
                dims.add(r.readVarint());
            } else if (field == 1 && wire == ProtoReader.LEN) {
                ProtoReader p = r.readMessage("TensorProto.dims");
                while (p.hasMore()) {
                    dims.add(p.readVarint());
                }
            } else if (field == 2 && wire == ProtoReader.VARINT) {
                type = (int) r.readVarint();
            } else if (field == 8 && wire == ProtoReader.LEN) {
                name = r.readString();
            } else if (field == 13 && wire == ProtoReader.LEN) {
                external = true;
                r.skip(tag);
            } else if (field == 14 && wire == ProtoReader.VARINT) {
                external |= r.readVarint() == 1;
            } else {
                r.skip(tag);
            }
        }
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i);
        }
        if (external) {
            // marker data type: reported when (and only when) the tensor would be decoded
            type = -type;
        }
        return new TensorRef(name, d, type, from, r.position(), r.buffer());
    }

    private static boolean isFloat(int type) {
        return type == FLOAT || type == FLOAT16 || type == DOUBLE || type == BFLOAT16;
    }

    // ----------------------------------------------------------------------------------------------
    // naming and decoding

    private record Use(Node node, int inputIndex) {
    }

    private static void collect(Graph g, List<WeightTensor> out) throws IOException {
        Map<String, List<Use>> uses = new HashMap<>();
        indexUses(g, uses);
        List<TensorRef> defined = new ArrayList<>(g.initializers());
        Map<TensorRef, String> constantNames = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            if (n.constant() != null && !n.outputs().isEmpty()) {
                defined.add(n.constant());
                constantNames.put(n.constant(), n.outputs().get(0));
            }
        }
        for (TensorRef t : defined) {
            String tensorName = constantNames.getOrDefault(t, t.name());
            if (t.dataType() < 0 && isFloat(-t.dataType())) {
                throw new UnsupportedWeightsException("tensor '" + tensorName
                        + "' stores its data externally (data_location = EXTERNAL); external-data ONNX files "
                        + "are not supported — re-save the model with all tensors inside the .onnx file");
            }
            if (!isFloat(t.dataType())) {
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
            Use use = consumer(tensorName, uses);
            String name = tensorName;
            LayerKind kind = LayerKind.OTHER;
            ConvLayout layout = ConvLayout.OIHW;
            if (use != null) {
                String op = use.node().opType();
                int idx = use.inputIndex();
                String nodeName = nodeName(use.node(), tensorName);
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
            out.add(new WeightTensor(name, tensorName, kind, layout, shape, decode(t, (int) n, tensorName)));
        }
        for (Node n : g.nodes()) {
            for (Graph sub : n.subgraphs()) {
                collect(sub, out);
            }
        }
    }

    private static final java.util.regex.Pattern AUTO_NODE = java.util.regex.Pattern.compile("[A-Za-z0-9]*_\\d+");
    private static final java.util.regex.Pattern ANONYMOUS_TENSOR = java.util.regex.Pattern.compile("onnx::.*|\\d*");

    /**
     * The consuming node's name, unless that is an exporter's automatic "Op_123" (or empty) and the tensor
     * has a real name of its own ("model.encoder.3.weight"), which is then more informative.
     */
    private static String nodeName(Node node, String tensorName) {
        boolean autoNode = node.name().isEmpty() || AUTO_NODE.matcher(node.name()).matches();
        if (autoNode && !ANONYMOUS_TENSOR.matcher(tensorName).matches()) {
            return tensorName;
        }
        return node.name().isEmpty() ? node.opType() + "(" + tensorName + ")" : node.name();
    }

    private static void indexUses(Graph g, Map<String, List<Use>> uses) {
        for (Node n : g.nodes()) {
            for (int i = 0; i < n.inputs().size(); i++) {
                uses.computeIfAbsent(n.inputs().get(i), k -> new ArrayList<>()).add(new Use(n, i));
            }
            for (Graph sub : n.subgraphs()) {
                indexUses(sub, uses);
            }
        }
    }

    /** The most informative consumer: a MatMul/Gemm/Conv/Gather if one is reachable, else the first. */
    private static Use consumer(String tensor, Map<String, List<Use>> uses) {
        Use first = null;
        String current = tensor;
        for (int hop = 0; hop < 5; hop++) {
            List<Use> us = uses.get(current);
            if (us == null || us.isEmpty()) {
                break;
            }
            for (Use u : us) {
                switch (u.node().opType()) {
                    case "MatMul", "Gemm", "Conv", "ConvTranspose", "Gather" -> {
                        return u;
                    }
                    default -> {
                    }
                }
            }
            if (first == null) {
                first = us.get(0);
            }
            Use next = null;
            for (Use u : us) {
                if (PASS_THROUGH.contains(u.node().opType()) && u.inputIndex() == 0 && !u.node().outputs().isEmpty()) {
                    next = u;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            current = next.node().outputs().get(0);
        }
        return first;
    }

    private static double[] decode(TensorRef t, int n, String tensorName) throws MalformedWeightsException {
        String what = "tensor '" + tensorName + "'";
        ProtoReader r = new ProtoReader(t.buf(), t.from(), t.limit(), what);
        int bytesPer = switch (t.dataType()) {
            case FLOAT -> 4;
            case DOUBLE -> 8;
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
                byte[] b = t.buf();
                for (int i = 0; i < n; i++) {
                    int p = off + i * bytesPer;
                    v[i] = switch (t.dataType()) {
                        case FLOAT -> Float.intBitsToFloat(le32(b, p));
                        case DOUBLE -> Double.longBitsToDouble((le32(b, p) & 0xffffffffL)
                                | (long) le32(b, p + 4) << 32);
                        case FLOAT16 -> Elements.half((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
                        default -> Elements.bfloat16((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
                    };
                }
                k = n;
            } else if (t.dataType() == FLOAT && field == 4) {
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
            } else if (t.dataType() == DOUBLE && field == 10) {
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
            } else if ((t.dataType() == FLOAT16 || t.dataType() == BFLOAT16) && field == 5) {
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
        return type == FLOAT16 ? Elements.half((int) bits & 0xffff) : Elements.bfloat16((int) bits & 0xffff);
    }

    private static int put(double[] v, int k, double x, String what) throws MalformedWeightsException {
        if (k >= v.length) {
            throw new MalformedWeightsException(what + ": more data elements than the shape allows (" + v.length + ")");
        }
        v[k] = x;
        return k + 1;
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    static List<WeightTensor> dedupe(List<WeightTensor> in) {
        Map<String, Integer> seen = new HashMap<>();
        List<WeightTensor> out = new ArrayList<>(in.size());
        for (WeightTensor t : in) {
            int c = seen.merge(t.name(), 1, Integer::sum);
            out.add(c == 1 ? t : new WeightTensor(t.name() + "#" + c, t.tensorName(), t.kind(), t.layout(), t.shape(),
                    t.values()));
        }
        return out;
    }
}
