package cartan.io;

import java.io.IOException;

/**
 * GGUF metadata values: a uint32 type then the value — integers of 8 to 64 bits, float32/64, a bool byte,
 * a string (uint64 length + UTF-8), or an array (element type, uint64 count, elements; arrays may nest).
 * Arrays are skipped, not kept: only their element type and count are returned
 * ({@link GgufReader.ArrayValue}), so a tokenizer's vocabulary costs no memory; nesting is bounded by
 * {@link #MAX_NESTING}, every length checked against the bytes left.
 */
final class GgufMetadata {

    static final int MAX_NESTING = 8;

    private GgufMetadata() {
    }

    /** One metadata value (strings inside arrays skipped, not kept); arrays are skipped and summarised. */
    static Object value(ByteCursor c, int type, int depth, String key, boolean keep) throws IOException {
        return switch (type) {
            case 0 -> (long) c.u8();
            case 1 -> (long) (byte) c.u8();
            case 2 -> (long) c.u16();
            case 3 -> (long) (short) c.u16();
            case 4 -> c.u32();
            case 5 -> (long) (int) c.u32();
            case 6 -> (double) Float.intBitsToFloat((int) c.u32());
            case 7 -> {
                int b = c.u8();
                if (b > 1) {
                    throw new MalformedWeightsException(c.src + ": metadata '" + key + "': bool byte " + b);
                }
                yield b == 1;
            }
            case 8 -> {
                if (keep) {
                    yield c.string(Integer.MAX_VALUE - 8, "metadata '" + key + "'");
                }
                c.skip(c.u64(), "a string in metadata '" + key + "'");
                yield null;
            }
            case 9 -> {
                if (depth >= MAX_NESTING) {
                    throw new MalformedWeightsException(c.src + ": metadata '" + key + "': arrays nested deeper than "
                            + MAX_NESTING);
                }
                int et = (int) c.u32();
                long n = c.u64();
                if (n < 0 || n > c.left()) {
                    throw new MalformedWeightsException(c.src + ": metadata '" + key + "': array of "
                            + Long.toUnsignedString(n) + " elements cannot fit in the " + c.left() + " bytes left");
                }
                int fixed = fixedSize(et);
                if (fixed > 0) {
                    c.skip(Elements.bytes(n, fixed, c.src), "metadata '" + key + "'");
                } else {
                    for (long i = 0; i < n; i++) {
                        value(c, et, depth + 1, key, false);
                    }
                }
                yield new GgufReader.ArrayValue(typeName(et), n);
            }
            case 10, 11 -> c.u64();
            case 12 -> Double.longBitsToDouble(c.u64());
            default -> throw new MalformedWeightsException(c.src + ": metadata '" + key + "': value type " + type
                    + " is unknown");
        };
    }

    private static int fixedSize(int type) {
        return switch (type) {
            case 0, 1, 7 -> 1;
            case 2, 3 -> 2;
            case 4, 5, 6 -> 4;
            case 10, 11, 12 -> 8;
            default -> 0;
        };
    }

    private static String typeName(int type) {
        String[] names = {"UINT8", "INT8", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32", "BOOL", "STRING",
            "ARRAY", "UINT64", "INT64", "FLOAT64"};
        return type >= 0 && type < names.length ? names[type] : "type " + type;
    }
}
