package cartan.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Sequential little- or big-endian reads from a file channel through a 64 KiB buffer, every read and
 * every claimed length checked against the bytes left in the file before anything is allocated
 * ({@link MalformedWeightsException} otherwise). Used for GGUF headers.
 */
/** Sequential little- or big-endian reads from a channel through a 64 KiB buffer, bounded by the file size. */
final class ByteCursor {
    final FileChannel ch;
    final String src;
    final long size;
    final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    long bufStart;

    ByteCursor(FileChannel ch, String src) throws IOException {
        this.ch = ch;
        this.src = src;
        this.size = ch.size();
        buf.limit(0);
    }

    void order(ByteOrder o) {
        buf.order(o);
    }

    long position() {
        return bufStart + buf.position();
    }

    long left() {
        return size - position();
    }

    /** Makes {@code n} ≤ 8 bytes available in the buffer. */
    private void need(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        if (left() < n) {
            throw new MalformedWeightsException(src + ": unexpected end of file at byte " + position());
        }
        long p = position();
        buf.compact();
        bufStart = p;
        while (buf.position() < n) {
            int r = ch.read(buf, bufStart + buf.position());
            if (r < 0) {
                throw new MalformedWeightsException(src + ": unexpected end of file at byte " + position());
            }
        }
        buf.flip();
        bufStart = p;
    }

    int u8() throws IOException {
        need(1);
        return buf.get() & 0xff;
    }

    int u16() throws IOException {
        need(2);
        return buf.getShort() & 0xffff;
    }

    long u32() throws IOException {
        need(4);
        return buf.getInt() & 0xffffffffL;
    }

    long u64() throws IOException {
        need(8);
        return buf.getLong();
    }

    void skip(long n, String what) throws IOException {
        if (n < 0 || n > left()) {
            throw new MalformedWeightsException(src + ": " + what + ": " + n + " bytes claimed, " + left() + " left");
        }
        long target = position() + n;
        if (n <= buf.remaining()) {
            buf.position(buf.position() + (int) n);
        } else {
            bufStart = target;
            buf.clear().limit(0);
        }
    }

    /** A uint64 length and that many UTF-8 bytes, the length checked against {@code max} and the bytes left. */
    String string(int max, String what) throws IOException {
        long n = u64();
        if (n < 0 || n > max || n > left()) {
            throw new MalformedWeightsException(src + ": " + what + " of " + Long.toUnsignedString(n)
                    + " bytes (" + left() + " bytes left in the file)");
        }
        byte[] s = new byte[(int) n];
        int k = Math.min(s.length, buf.remaining());
        buf.get(s, 0, k);
        if (k < s.length) {
            ByteBuffer rest = ByteBuffer.wrap(s, k, s.length - k);
            long p = position();
            while (rest.hasRemaining()) {
                if (ch.read(rest, p + (rest.position() - k)) < 0) {
                    throw new MalformedWeightsException(src + ": unexpected end of file in " + what);
                }
            }
            bufStart = p + (s.length - k);
            buf.clear().limit(0);
        }
        return new String(s, StandardCharsets.UTF_8);
    }
}
