package cartan.io;

/**
 * A linear pass over a pickle's opcodes before it is unpickled (as Python's {@code pickletools.genops}
 * walks them): every argument — a 1-, 2-, 4- or 8-byte integer, a length-prefixed string or byte string,
 * a newline-terminated line — must lie inside the data, so the unpickler never allocates a buffer for a
 * length the data do not hold; the stream must end with STOP. Only the opcodes of the binary protocols
 * 2–5 that {@code torch.save} and Python's pickler emit for a state dict's values are allowed (no
 * protocol-0 text numbers or strings, no INST/OBJ instantiation, no extension registry, no out-of-band
 * buffers); others are refused by name.
 *
 * <p>The pass also bounds what unpickling would allocate. Each opcode is charged an upper bound of the
 * heap the unpickler spends on it ({@link #cost}: a stack slot, a boxed number, a map or set, a memo entry;
 * each pushed value is also charged the container entry it may later become), and the total must stay within
 * {@link #BYTES_PER_BYTE} bytes per pickle byte plus {@link #SLACK}: state dicts' pickles are charged 25–50 bytes
 * per byte (they really allocate about 20), while a stream of one-byte EMPTY_SET or MEMOIZE opcodes, which
 * really allocate 70–90 bytes per byte, is refused.
 */
final class PickleScan {

    /** The longest GLOBAL line (module or name) accepted. */
    static final int MAX_LINE = 512;
    /** The allocation budget per pickle byte. */
    static final long BYTES_PER_BYTE = 60;
    /** The allocation budget every pickle has on top. */
    static final long SLACK = 1 << 20;
    /** What a pushed value may cost: its stack slot, a boxed value, and the container entry it may become. */
    private static final int PUSH = 64;

    private PickleScan() {
    }

    /**
     * Checks the opcode stream.
     *
     * @throws MalformedWeightsException   if an argument runs past the end or STOP is missing
     * @throws UnsupportedWeightsException if an opcode outside the allowed set appears
     */
    static void check(byte[] p, String src) throws MalformedWeightsException, UnsupportedWeightsException {
        int i = 0;
        long spent = 0;
        long budget = BYTES_PER_BYTE * p.length + SLACK;
        while (i < p.length) {
            int op = p[i] & 0xff;
            int at = i;
            i++;
            long arg = switch (op) {
                // no argument
                case '(', '0', '1', '2', 'N', 'Q', 'R', 'a', 'b', 'd', '}', 'e', 'l', ']', 's', 't', ')', 'u',
                     0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x93, 0x94 -> 0;
                case '.' -> -1;
                // fixed-size arguments: PROTO, BININT1, BINGET, BINPUT / BININT2 / BININT, LONG_BINGET, LONG_BINPUT /
                // BINFLOAT, FRAME
                case 0x80, 'K', 'h', 'q' -> 1;
                case 'M' -> 2;
                case 'J', 'j', 'r' -> 4;
                case 'G', 0x95 -> 8;
                // length-prefixed: SHORT_BINUNICODE, SHORT_BINBYTES, SHORT_BINSTRING, LONG1 (1 byte of length);
                // BINUNICODE, BINBYTES, BINSTRING (4); BINUNICODE8, BINBYTES8 (8)
                case 0x8c, 'C', 'U', 0x8a -> 1 + (i < p.length ? (p[i] & 0xffL) : 0);
                case 'X', 'B', 'T' -> 4 + (i + 4 <= p.length ? le(p, i, 4) : 0);
                case 0x8d, 0x8e -> 8 + (i + 8 <= p.length ? le(p, i, 8) : 0);
                // GLOBAL: two lines
                case 'c' -> {
                    int a = line(p, i, src, at);
                    yield a - i + 1 + line(p, a + 1, src, at) - a;
                }
                default -> throw new UnsupportedWeightsException(src + ": pickle opcode " + name(op) + " at byte " + at
                        + " is not used by torch.save for tensors and is refused");
            };
            if (arg < 0) {
                if (i != p.length) {
                    throw new MalformedWeightsException(src + ": " + (p.length - i) + " bytes after the pickle's STOP");
                }
                return;
            }
            if (arg > p.length - i) {
                throw new MalformedWeightsException(src + ": pickle opcode " + name(op) + " at byte " + at + " needs "
                        + Long.toUnsignedString(arg) + " bytes, " + (p.length - i) + " remain");
            }
            if (op == 0x8a && arg > 1 + 9) {
                throw new UnsupportedWeightsException(src + ": pickle integer of " + (arg - 1) + " bytes at byte " + at
                        + " (more than 64 bits)");
            }
            spent += cost(op, arg);
            if (spent > budget) {
                throw new UnsupportedWeightsException(src + ": the pickle would build more objects than a state dict "
                        + "of its " + p.length + " bytes does (opcode " + name(op) + " at byte " + at + ")");
            }
            i += (int) arg;
        }
        throw new MalformedWeightsException(src + ": the pickle ends without STOP");
    }

    /**
     * An upper bound of the bytes the unpickler allocates for one opcode with an argument of {@code arg} bytes
     * (measured on razorvine 1.5 under HotSpot with compressed pointers, then rounded up).
     */
    static long cost(int op, long arg) {
        return switch (op) {
            case '}', 'd' -> 96 + PUSH;            // EMPTY_DICT, DICT: an ordered map
            case 0x8f, 0x91 -> 128 + PUSH;         // EMPTY_SET, FROZENSET: a HashSet and its HashMap
            case ']', 'l' -> 64 + PUSH;            // EMPTY_LIST, LIST
            case ')', 't', 0x85, 0x86, 0x87 -> 48 + PUSH; // tuples: an Object[] (elements charged when pushed)
            case 0x94, 'q', 'r' -> 80;             // MEMOIZE, BINPUT, LONG_BINPUT: a memo entry and its key
            case 'u', 's', 'a', 'e', 0x90 -> 64;   // SETITEMS, SETITEM, APPEND, APPENDS, ADDITEMS: growth, a temp list
            case 'R', 0x81 -> 256;                 // REDUCE, NEWOBJ: a tensor record with its size and stride arrays
            case 'Q' -> 128;                       // BINPERSID: a storage record, remembered by key
            case 'c', 0x93 -> 8L * arg + 256 + PUSH; // GLOBAL, STACK_GLOBAL: two strings and a constructor
            case 'X', 0x8c, 0x8d, 'T', 'U' -> 3 * arg + 64 + PUSH; // strings: the bytes and the String
            case 'B', 'C', 0x8e -> arg + 32 + PUSH;   // bytes
            case 0x8a -> 96 + PUSH;                // LONG1: a BigInteger on the way
            case 0x80, 0x95, '.', '0', '1', 'b' -> 16; // PROTO, FRAME, STOP, POP, POP_MARK, BUILD
            default -> PUSH;                       // MARK, NONE, booleans, DUP, BINGET, numbers, floats
        };
    }

    /** The index of the newline ending the line that starts at {@code from}. */
    private static int line(byte[] p, int from, String src, int at) throws MalformedWeightsException {
        for (int k = from; k < p.length && k - from <= MAX_LINE; k++) {
            if (p[k] == '\n') {
                return k;
            }
        }
        throw new MalformedWeightsException(src + ": pickle GLOBAL at byte " + at
                + " has no newline-terminated name within " + MAX_LINE + " bytes");
    }

    /** Unsigned little-endian integer of {@code n} bytes, capped at 2⁶² (no pickle is that long). */
    private static long le(byte[] p, int at, int n) {
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = v << 8 | (p[at + k] & 0xff);
        }
        return v < 0 || v > 1L << 62 ? 1L << 62 : v;
    }

    private static String name(int op) {
        return switch (op) {
            case 'I' -> "INT";
            case 'L' -> "LONG";
            case 'F' -> "FLOAT";
            case 'S' -> "STRING";
            case 'V' -> "UNICODE";
            case 'P' -> "PERSID";
            case 'g' -> "GET";
            case 'p' -> "PUT";
            case 'i' -> "INST";
            case 'o' -> "OBJ";
            case 0x82, 0x83, 0x84 -> "EXT" + (op == 0x82 ? 1 : op == 0x83 ? 2 : 4);
            case 0x8b -> "LONG4";
            case 0x92 -> "NEWOBJ_EX";
            case 0x96 -> "BYTEARRAY8";
            case 0x97 -> "NEXT_BUFFER";
            case 0x98 -> "READONLY_BUFFER";
            default -> op >= 0x20 && op < 0x7f ? "'" + (char) op + "'" : String.format("0x%02x", op);
        };
    }
}
