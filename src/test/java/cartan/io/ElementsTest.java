package cartan.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Half and bfloat16 decoding. */
class ElementsTest {

    @Test
    void halfMatchesNumpyOnSpecialPatterns() {
        JsonNode e = Fixtures.expected();
        for (int i = 0; i < e.get("half_bits").size(); i++) {
            int bits = e.get("half_bits").get(i).asInt();
            JsonNode v = e.get("half_values").get(i);
            double expected = v.isTextual() ? (v.asText().equals("inf") ? Double.POSITIVE_INFINITY
                    : Double.NEGATIVE_INFINITY) : v.asDouble();
            assertEquals(expected, Elements.half(bits), 0, "0x" + Integer.toHexString(bits));
        }
        for (int i = 0; i < e.get("bf16_bits").size(); i++) {
            assertEquals(e.get("bf16_values").get(i).asDouble(), Elements.bfloat16(e.get("bf16_bits").get(i).asInt()),
                    0);
        }
    }

    /** Every normal half against re-biasing its exponent into a binary32 bit pattern (a different route). */
    @Test
    void everyNormalHalfEqualsItsBinary32Rebias() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int exp = (bits >>> 10) & 0x1f;
            if (exp == 0 || exp == 31) {
                continue;
            }
            int f32 = (bits & 0x8000) << 16 | (exp - 15 + 127) << 23 | (bits & 0x3ff) << 13;
            assertEquals(Float.intBitsToFloat(f32), Elements.half(bits), 0, Integer.toHexString(bits));
        }
        assertEquals(Double.NaN, Elements.half(0x7e00), 0);
    }

    /**
     * The bulk widening against the element values the bytes were written from (float → double is exact, so
     * equality is exact), in both byte orders, across block boundaries (n = 2·16384 + 5), starting mid-buffer
     * and into an offset of the destination; the buffer's position ends just past the elements read.
     */
    @Test
    void widenReadsEveryElementInEitherByteOrder() {
        Random rnd = new Random(11);
        int n = 2 * (1 << 14) + 5;
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            float[] f = new float[n];
            double[] d = new double[n];
            short[] h = new short[n];
            ByteBuffer bf = ByteBuffer.allocate(3 + 4 * n + 7).order(order);
            ByteBuffer bd = ByteBuffer.allocate(3 + 8 * n).order(order);
            ByteBuffer bh = ByteBuffer.allocate(3 + 2 * n).order(order);
            bf.position(3);
            bd.position(3);
            bh.position(3);
            for (int i = 0; i < n; i++) {
                f[i] = (float) rnd.nextGaussian() * (1 << rnd.nextInt(20));
                d[i] = rnd.nextGaussian() * 1e-300;
                h[i] = (short) rnd.nextInt(0x10000);
                bf.putFloat(f[i]);
                bd.putDouble(d[i]);
                bh.putShort(h[i]);
            }
            bf.position(3);
            bd.position(3);
            bh.position(3);
            double[] vf = new double[n + 2];
            double[] vd = new double[n + 2];
            double[] vh = new double[n + 2];
            double[] vb = new double[n + 2];
            Elements.widen(bf, Elements.Stored.F32, vf, 2, n);
            Elements.widen(bd, Elements.Stored.F64, vd, 2, n);
            Elements.widen(bh, Elements.Stored.F16, vh, 2, n);
            bh.position(3);
            Elements.widen(bh, Elements.Stored.BF16, vb, 2, n);
            assertEquals(3 + 4 * n, bf.position(), order + " F32 position");
            assertEquals(3 + 8 * n, bd.position(), order + " F64 position");
            assertEquals(3 + 2 * n, bh.position(), order + " BF16 position");
            for (int i = 0; i < n; i++) {
                assertEquals(f[i], vf[i + 2], 0, order + " F32 " + i);
                assertEquals(d[i], vd[i + 2], 0, order + " F64 " + i);
                int bits = h[i] & 0xffff;
                // bfloat16 is the upper half of a binary32; half against the re-bias above where it is normal
                assertEquals(Float.intBitsToFloat(bits << 16), vb[i + 2], 0, order + " BF16 " + i);
                int exp = (bits >>> 10) & 0x1f;
                if (exp != 0 && exp != 31) {
                    int f32 = (bits & 0x8000) << 16 | (exp - 15 + 127) << 23 | (bits & 0x3ff) << 13;
                    assertEquals(Float.intBitsToFloat(f32), vh[i + 2], 0, order + " F16 " + i);
                }
            }
            assertEquals(0.0, vf[0] + vf[1] + vd[0] + vd[1], 0, "nothing written before the offset");
        }
    }

    @Test
    void widenRefusesToReadPastTheBuffer() {
        ByteBuffer b = ByteBuffer.allocate(4 * 10);
        assertThrows(java.nio.BufferUnderflowException.class,
                () -> Elements.widen(b, Elements.Stored.F32, new double[11], 0, 11));
        assertEquals(Elements.Stored.F16, Elements.Stored.ieee(2));
        assertThrows(IllegalArgumentException.class, () -> Elements.Stored.ieee(3));
    }
}
