package cartan.io;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * An array read from an IDX file (LeCun's MNIST format): a shape and the raw big-endian element
 * bytes, decoded on access so that 47 MB of uint8 pixels stay 47 MB in memory.
 *
 * @param shape dimensions, first = number of items
 * @param type  element type code (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64)
 * @param bytes element bytes, big-endian, row-major
 */
public record IdxArray(int[] shape, int type, byte[] bytes) {

    /** Number of bytes per element for a type code, or −1 if the code is unknown. */
    public static int elementSize(int type) {
        return switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> -1;
        };
    }

    /** Number of items (the first dimension). */
    public int items() {
        return shape[0];
    }

    /** Elements per item (product of the remaining dimensions; 1 for a vector). */
    public int itemSize() {
        int s = 1;
        for (int i = 1; i < shape.length; i++) {
            s *= shape[i];
        }
        return s;
    }

    /** Element i (flat, row-major) as a double. */
    public double get(long i) {
        int es = elementSize(type);
        int o = Math.toIntExact(i * es);
        return switch (type) {
            case 0x08 -> bytes[o] & 0xFF;
            case 0x09 -> bytes[o];
            case 0x0B -> (short) (((bytes[o] & 0xFF) << 8) | (bytes[o + 1] & 0xFF));
            case 0x0C -> readInt(o);
            case 0x0D -> Float.intBitsToFloat(readInt(o));
            case 0x0E -> Double.longBitsToDouble(((long) readInt(o) << 32) | (readInt(o + 4) & 0xFFFFFFFFL));
            default -> throw new IllegalStateException("type 0x" + Integer.toHexString(type));
        };
    }

    private int readInt(int o) {
        return ((bytes[o] & 0xFF) << 24) | ((bytes[o + 1] & 0xFF) << 16) | ((bytes[o + 2] & 0xFF) << 8) | (bytes[o + 3] & 0xFF);
    }

    /**
     * Items [start, start+count) as a count × itemSize matrix, each element multiplied by
     * {@code scale} (e.g. 1/255 for MNIST pixels).
     */
    public DMatrixRMaj rows(int start, int count, double scale) {
        checkRange(start, count);
        Require.finite("scale", scale);
        int w = itemSize();
        DMatrixRMaj m = new DMatrixRMaj(count, w);
        long base = (long) start * w;
        for (int i = 0; i < count * w; i++) {
            m.data[i] = get(base + i) * scale;
        }
        return m;
    }

    /** Items [start, start+count) of a one-dimensional integer array (labels). */
    public int[] labels(int start, int count) {
        if (shape.length != 1) {
            throw new IllegalArgumentException("labels: the array has shape " + Arrays.toString(shape) + ", not a vector");
        }
        checkRange(start, count);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            double v = get(start + i);
            out[i] = (int) v;
        }
        return out;
    }

    private void checkRange(int start, int count) {
        if (start < 0 || count < 1 || (long) start + count > items()) {
            throw new IllegalArgumentException("start: items [" + start + ", " + ((long) start + count)
                    + ") are not within the " + items() + " items");
        }
    }

    @Override
    public String toString() {
        return "IdxArray[shape=" + Arrays.toString(shape) + ", type=0x" + Integer.toHexString(type) + "]";
    }
}
