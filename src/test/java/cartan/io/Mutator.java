package cartan.io;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded byte-level mutations of a valid file: bit flips, random and boundary bytes, truncation,
 * deleted, duplicated and inserted spans, and length-like fields overwritten with huge, negative or
 * sign-boundary values (32- and 64-bit, either byte order, and 10-byte protobuf varints).
 */
final class Mutator {

    private static final long[] HUGE64 = {1L << 40, Long.MAX_VALUE, -1L, Long.MIN_VALUE, 1L << 31, 1L << 32,
            (1L << 31) - 1, -8L};
    private static final int[] HUGE32 = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 1 << 30, 0x10000, -8};
    private static final int[] BOUNDARY = {0, 0xff, 0x7f, 0x80, 1, '{', '"', '[', ',', ':', '-', '9'};

    private Mutator() {
    }

    static byte[] mutate(byte[] valid, long seed, int ops) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = valid.clone();
        for (int i = 0; i < ops; i++) {
            b = once(b, r);
        }
        return b;
    }

    private static byte[] once(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return new byte[]{(byte) r.nextInt(256)};
        }
        int p = r.nextInt(b.length);
        switch (r.nextInt(11)) {
            case 0 -> b[p] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b[p] = (byte) r.nextInt(256);
            case 2 -> b[p] = (byte) BOUNDARY[r.nextInt(BOUNDARY.length)];
            case 3 -> b = Arrays.copyOf(b, r.nextInt(b.length));
            case 4 -> {
                int len = Math.min(b.length - p, 1 + r.nextInt(16));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, p);
                System.arraycopy(b, p + len, c, p, b.length - p - len);
                b = c;
            }
            case 5 -> {
                int len = Math.min(b.length - p, 1 + r.nextInt(32));
                b = insert(b, r.nextInt(b.length + 1), Arrays.copyOfRange(b, p, p + len));
            }
            case 6 -> {
                byte[] ins = new byte[1 + r.nextInt(16)];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = (byte) r.nextInt(256);
                }
                b = insert(b, p, ins);
            }
            case 7 -> put(b, p, HUGE32[r.nextInt(HUGE32.length)], 4, r.nextBoolean());
            case 8 -> put(b, p, HUGE64[r.nextInt(HUGE64.length)], 8, r.nextBoolean());
            case 9 -> {
                // a protobuf varint for a huge or negative length: 2^40, or -1 as 10 bytes
                byte[] v = r.nextBoolean() ? new byte[]{(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80, 0x20} : new byte[]{-1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
                System.arraycopy(v, 0, b, p, Math.min(v.length, b.length - p));
            }
            default -> {
                int q = r.nextInt(b.length);
                byte t = b[p];
                b[p] = b[q];
                b[q] = t;
            }
        }
        return b;
    }

    private static void put(byte[] b, int p, long v, int width, boolean little) {
        for (int i = 0; i < width && p + i < b.length; i++) {
            int shift = little ? 8 * i : 8 * (width - 1 - i);
            b[p + i] = (byte) (v >>> shift);
        }
    }

    private static byte[] insert(byte[] b, int at, byte[] ins) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(b.length + ins.length);
        o.write(b, 0, at);
        o.write(ins, 0, ins.length);
        o.write(b, at, b.length - at);
        return o.toByteArray();
    }
}
