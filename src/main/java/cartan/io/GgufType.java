package cartan.io;

/**
 * The tensor element types of GGUF ({@code enum ggml_type} of ggml), with the block layout that fixes a
 * tensor's byte size: a row of {@code ne₀} elements is {@code ne₀ / blockSize} blocks of {@code blockBytes}
 * bytes each (1 element per "block" for the plain types). Every type's size is known, so a file's offsets
 * can be checked whatever it holds; {@link #read()} says whether {@link GgufReader} decodes it,
 * {@link #integer()} whether it is an integer tensor (skipped, as the safetensors reader skips them).
 */
enum GgufType {
    F32(0, 1, 4), F16(1, 1, 2), Q4_0(2, 32, 18), Q4_1(3, 32, 20), Q5_0(6, 32, 22), Q5_1(7, 32, 24),
    Q8_0(8, 32, 34), Q8_1(9, 32, 36), Q2_K(10, 256, 84), Q3_K(11, 256, 110), Q4_K(12, 256, 144),
    Q5_K(13, 256, 176), Q6_K(14, 256, 210), Q8_K(15, 256, 292), IQ2_XXS(16, 256, 66), IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98), IQ1_S(19, 256, 50), IQ4_NL(20, 32, 18), IQ3_S(21, 256, 110), IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136), I8(24, 1, 1), I16(25, 1, 2), I32(26, 1, 4), I64(27, 1, 8), F64(28, 1, 8),
    IQ1_M(29, 256, 56), BF16(30, 1, 2), TQ1_0(34, 256, 54), TQ2_0(35, 256, 66), MXFP4(39, 32, 17);

    /** The id in the file. */
    final int id;
    /** Elements per block. */
    final int blockSize;
    /** Bytes per block. */
    final int blockBytes;

    GgufType(int id, int blockSize, int blockBytes) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** The type with this id, or null for an id ggml does not define (or no longer does). */
    static GgufType of(long id) {
        for (GgufType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** Whether {@link GgufReader} decodes it: F32, F16, BF16, F64 and Q8_0. */
    boolean read() {
        return this == F32 || this == F16 || this == BF16 || this == F64 || this == Q8_0;
    }

    /** Whether it is an integer type (I8 … I64): such tensors are skipped, not refused. */
    boolean integer() {
        return this == I8 || this == I16 || this == I32 || this == I64;
    }
}
