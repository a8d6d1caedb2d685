package cartan.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a protobuf wire-format message in {@code buf[pos, limit)}. Every length and varint
 * is checked against the bytes actually present, so a hostile length can only cause a
 * {@link MalformedWeightsException}, never an allocation.
 *
 * <p>The buffer is a byte array wrapped, or a file mapped read-only ({@link OnnxArchive}'s inflated cache):
 * every read is an absolute get, so skipping a tensor's data never touches its pages.
 *
 * <p>Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. Groups (3, 4) are deprecated
 * and not used by ONNX; they are rejected.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private final String what;
    private int pos;
    private final int limit;

    ProtoReader(byte[] buf, int from, int limit, String what) {
        this(ByteBuffer.wrap(buf), from, limit, what);
    }

    /** A reader over {@code buf[from, limit)}; the buffer's own position and limit are ignored. */
    ProtoReader(ByteBuffer buf, int from, int limit, String what) {
        this.buf = buf.order() == ByteOrder.LITTLE_ENDIAN ? buf : buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.pos = from;
        this.limit = limit;
        this.what = what;
    }

    boolean hasMore() {
        return pos < limit;
    }

    int position() {
        return pos;
    }

    ByteBuffer buffer() {
        return buf;
    }

    /** Reads a field key; returns {@code fieldNumber << 3 | wireType}. */
    int readTag() throws MalformedWeightsException {
        long key = readVarint();
        int field = (int) (key >>> 3);
        if (field <= 0 || key >>> 3 > 0x1fffffffL) {
            throw malformed("invalid field number " + (key >>> 3));
        }
        int wire = (int) (key & 7);
        if (wire != VARINT && wire != FIXED64 && wire != LEN && wire != FIXED32) {
            throw malformed("unsupported wire type " + wire + " for field " + field);
        }
        return (int) key;
    }

    long readVarint() throws MalformedWeightsException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw malformed("truncated varint");
            }
            byte b = buf.get(pos++);
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    /** Reads a length prefix and returns a reader over exactly that many bytes, advancing past them. */
    ProtoReader readMessage(String inner) throws MalformedWeightsException {
        int len = readLength();
        ProtoReader r = new ProtoReader(buf, pos, pos + len, inner);
        pos += len;
        return r;
    }

    /** Reads a length prefix; returns the start offset of the payload and skips it. */
    int readBytesOffset(int[] lengthOut) throws MalformedWeightsException {
        int len = readLength();
        int start = pos;
        pos += len;
        lengthOut[0] = len;
        return start;
    }

    String readString() throws MalformedWeightsException {
        int len = readLength();
        byte[] b = new byte[len];
        buf.get(pos, b);
        String s = new String(b, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    int readFixed32() throws MalformedWeightsException {
        need(4);
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    long readFixed64() throws MalformedWeightsException {
        need(8);
        long lo = readFixed32() & 0xffffffffL;
        long hi = readFixed32() & 0xffffffffL;
        return lo | hi << 32;
    }

    void skip(int tag) throws MalformedWeightsException {
        switch (tag & 7) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case LEN -> {
                int len = readLength(); // not "pos += readLength()": that reads pos before the call moves it
                pos += len;
            }
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw malformed("unsupported wire type " + (tag & 7));
        }
    }

    private int readLength() throws MalformedWeightsException {
        long len = readVarint();
        if (len < 0 || len > limit - pos) {
            throw malformed("length " + len + " exceeds the " + (limit - pos) + " bytes left");
        }
        return (int) len;
    }

    private void need(int n) throws MalformedWeightsException {
        if (limit - pos < n) {
            throw malformed("truncated fixed-width field");
        }
    }

    MalformedWeightsException malformed(String msg) {
        return new MalformedWeightsException(what + " at byte " + pos + ": " + msg);
    }
}
