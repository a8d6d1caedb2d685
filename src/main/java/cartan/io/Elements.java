package cartan.io;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

/** Shape arithmetic and IEEE half / bfloat16 decoding shared by the readers. */
final class Elements {

    /** Largest element count we hand to a Java array. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Elements() {
    }

    /**
     * Product of the dimensions as the header claims it: no negative sizes, no overflow of a long.
     * Callers compare it with the bytes present ({@link MalformedWeightsException} if they differ)
     * before {@link #shape} checks it against the Java array limit.
     *
     * @param what names the tensor in the exception message
     */
    static long count(long[] dims, String what) throws MalformedWeightsException {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new MalformedWeightsException(what + ": negative dimension in shape " + Arrays.toString(dims));
            }
        }
        for (long d : dims) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new MalformedWeightsException(what + ": element count of shape " + Arrays.toString(dims)
                        + " overflows");
            }
        }
        return n;
    }

    /** {@code count · bytesPer}, or a {@link MalformedWeightsException} if that overflows. */
    static long bytes(long count, int bytesPer, String what) throws MalformedWeightsException {
        try {
            return Math.multiplyExact(count, bytesPer);
        } catch (ArithmeticException e) {
            throw new MalformedWeightsException(what + ": byte size of " + count + " elements overflows");
        }
    }

    /** The shape as ints, once the data are known to be present: every array must fit a Java array. */
    static int[] shape(long[] dims, long count, String what) throws UnsupportedWeightsException {
        if (count > MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(what + ": " + count + " elements exceed the Java array limit");
        }
        long nonzero = 1;
        for (long d : dims) {
            if (d > Integer.MAX_VALUE) {
                throw new UnsupportedWeightsException(what + ": dimension " + d + " exceeds 2^31-1");
            }
            if (d > 0) {
                nonzero = nonzero > MAX_ELEMENTS ? nonzero : nonzero * d; // both factors < 2^31: no overflow
            }
        }
        // an empty tensor (a zero dimension) may still have other dimensions whose product, the rows of its
        // matrix view, overflows an int
        if (nonzero > MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(what + ": empty tensor of shape " + Arrays.toString(dims)
                    + " whose non-zero dimensions multiply to more than 2^31-1");
        }
        return toInt(dims);
    }

    private static int[] toInt(long[] dims) {
        int[] s = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            s[i] = (int) dims[i];
        }
        return s;
    }

    /** IEEE 754 binary16 → double (exact: every half is a double). */
    static double half(int bits) {
        int sign = (bits >>> 15) & 1;
        int exp = (bits >>> 10) & 0x1f;
        int frac = bits & 0x3ff;
        double v;
        if (exp == 0) {
            v = frac * 0x1p-24; // subnormal: frac · 2^-24
        } else if (exp == 31) {
            v = frac == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = (1024 + frac) * Math.scalb(1.0, exp - 25);
        }
        return sign == 0 ? v : -v;
    }

    /** A stored floating-point element type, as the readers widen it to double. */
    enum Stored {
        F64(8), F32(4), F16(2), BF16(2);

        /** Bytes per element. */
        final int bytes;

        Stored(int bytes) {
            this.bytes = bytes;
        }

        /** F64, F32 or F16 by element size (the IEEE types of numpy and HDF5). */
        static Stored ieee(int size) {
            return switch (size) {
                case 8 -> F64;
                case 4 -> F32;
                case 2 -> F16;
                default -> throw new IllegalArgumentException("size: no IEEE float of " + size + " bytes");
            };
        }
    }

    /** Elements widened per bulk copy in {@link #widen}: 64 KiB of float32. */
    private static final int BLOCK = 1 << 14;

    /**
     * Reads {@code n} elements of {@code type} from {@code b} (from its position, in its byte order) into
     * {@code v[at, at + n)} and moves b's position past them. A bulk copy into a small array, then a widening
     * loop: per-element {@code getFloat} on a buffer is not intrinsified by C1, which {@code cartan profile}
     * runs with, and cost about 35 ns an element (1.6 s for one 4096 × 11008 float32 layer).
     *
     * @throws java.nio.BufferUnderflowException if b holds fewer than n elements (callers check lengths first)
     */
    static void widen(ByteBuffer b, Stored type, double[] v, int at, int n) {
        switch (type) {
            case F64 -> {
                DoubleBuffer d = b.asDoubleBuffer();
                d.get(v, at, n);
            }
            case F32 -> {
                FloatBuffer f = b.asFloatBuffer();
                float[] block = new float[Math.max(1, Math.min(n, BLOCK))];
                for (int i = 0; i < n; i += block.length) {
                    int len = Math.min(block.length, n - i);
                    f.get(block, 0, len);
                    for (int j = 0; j < len; j++) {
                        v[at + i + j] = block[j];
                    }
                }
            }
            default -> {
                ShortBuffer h = b.asShortBuffer();
                short[] block = new short[Math.max(1, Math.min(n, BLOCK))];
                boolean half = type == Stored.F16;
                for (int i = 0; i < n; i += block.length) {
                    int len = Math.min(block.length, n - i);
                    h.get(block, 0, len);
                    for (int j = 0; j < len; j++) {
                        int bits = block[j] & 0xffff;
                        v[at + i + j] = half ? half(bits) : bfloat16(bits);
                    }
                }
            }
        }
        b.position(b.position() + n * type.bytes);
    }

    /** bfloat16 (upper 16 bits of a binary32) → double. */
    static double bfloat16(int bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
