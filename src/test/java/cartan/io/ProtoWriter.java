package cartan.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A minimal protobuf wire-format encoder the ONNX tests build their models with. */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ProtoWriter message() {
        return new ProtoWriter();
    }

    ProtoWriter varint(int field, long v) {
        tag(field, 0);
        rawVarint(v);
        return this;
    }

    ProtoWriter fixed32(int field, int v) {
        tag(field, 5);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        return this;
    }

    ProtoWriter fixed64(int field, long v) {
        tag(field, 1);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        return this;
    }

    ProtoWriter bytes(int field, byte[] b) {
        tag(field, 2);
        rawVarint(b.length);
        out.writeBytes(b);
        return this;
    }

    ProtoWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter m) {
        return bytes(field, m.toByteArray());
    }

    /** A length prefix that lies: claims {@code claimed} bytes but writes {@code actual}. */
    ProtoWriter lyingBytes(int field, long claimed, byte[] actual) {
        tag(field, 2);
        rawVarint(claimed);
        out.writeBytes(actual);
        return this;
    }

    void tag(int field, int wire) {
        rawVarint((long) field << 3 | wire);
    }

    void rawVarint(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    // --- ONNX helpers -------------------------------------------------------------------------------

    static byte[] f32(double... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putFloat((float) x);
        }
        return b.array();
    }

    static byte[] packedVarints(long... v) {
        ProtoWriter w = new ProtoWriter();
        for (long x : v) {
            w.rawVarint(x);
        }
        return w.toByteArray();
    }

    static byte[] packedF64(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    /** TensorProto with raw_data; dims written packed. */
    static ProtoWriter rawTensor(String name, int dataType, long[] dims, byte[] raw) {
        return message().bytes(1, packedVarints(dims)).varint(2, dataType).string(8, name).bytes(9, raw);
    }

    static ProtoWriter node(String name, String op, String[] inputs, String[] outputs) {
        ProtoWriter n = message();
        for (String i : inputs) {
            n.string(1, i);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        return n.string(3, name).string(4, op);
    }
}
