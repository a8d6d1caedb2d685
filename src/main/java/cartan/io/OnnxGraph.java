package cartan.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an ONNX model the weight reader needs, parsed from the protobuf wire format by
 * {@link ProtoReader} (no generated classes): graphs (GraphProto field 1 nodes, field 5 initializers),
 * nodes (inputs, outputs, name, op type, a {@code Constant}'s {@code value} tensor, {@code If}/{@code Loop}/
 * {@code Scan} subgraphs nested at most 64 deep) and tensor headers (dims, data type, name, external-data
 * marks) with the byte range of the TensorProto, decoded later only if it is a float tensor.
 *
 * <p>Why not protobuf-java with the ONNX schema: it needs {@code protoc} at build time, and a generated
 * parser copies every {@code raw_data} into a {@code ByteString} while parsing (twice the peak memory of a
 * 2 GB model) with its own size and recursion limits; this parser checks every claimed length against the
 * bytes present before allocating and keeps tensor bytes in place, which the fuzz tests rely on.
 */
final class OnnxGraph {

    // TensorProto.DataType
    static final int FLOAT = 1;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;
    static final int BFLOAT16 = 16;

    private OnnxGraph() {
    }

    /** A tensor's place in the model's bytes; equal only to itself (a map key per occurrence). */
    record TensorRef(String name, long[] dims, int dataType, int from, int limit, ByteBuffer buf) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this); // never ByteBuffer.hashCode: it hashes the whole model
        }
    }

    record Node(String name, String opType, List<String> inputs, List<String> outputs,
                        TensorRef constant, List<Graph> subgraphs) {
    }

    record Graph(List<Node> nodes, List<TensorRef> initializers) {
    }

    static Graph parseGraph(ProtoReader r, int depth) throws MalformedWeightsException {
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

    static boolean isFloat(int type) {
        return type == FLOAT || type == FLOAT16 || type == DOUBLE || type == BFLOAT16;
    }
}
