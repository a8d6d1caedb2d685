package cartan.io;

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

    /** bfloat16 (upper 16 bits of a binary32) → double. */
    static double bfloat16(int bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
