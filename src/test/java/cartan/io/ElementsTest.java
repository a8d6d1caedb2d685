package cartan.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
