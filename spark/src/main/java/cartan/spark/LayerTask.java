package cartan.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What one Spark task needs to measure one layer of one model — a few hundred bytes, never the matrix: where the
 * model is, which of its matrices (position in the profile and name), and, for a safetensors file, where that
 * tensor's bytes lie, so the task reads exactly that byte range ({@link #slice()}).
 *
 * @param modelIndex position of the model in the sweep (the table's row order)
 * @param model      the {@code model} column: the path as given or found in a checkpoint directory
 * @param step       the training step parsed from the name, or null
 * @param path       the model's absolute path (a file, a directory or a sharded checkpoint)
 * @param size       the file's size in bytes when planned (−1 for a directory or a short name)
 * @param modified   the file's modification time in ms when planned (−1 for a directory or a short name)
 * @param index      the layer's position among the model's selected layers: the profile's {@code index} column,
 *                   and the bootstrap seed's argument, as in {@code bin/cartan profile}
 * @param name       the layer's display name in the model
 * @param rows       its rows
 * @param cols       its columns
 * @param slice      the byte range of a safetensors tensor, or null: then the task reopens the model's header
 *                   (cached per executor) and loads the layer by name
 */
public record LayerTask(int modelIndex, String model, Long step, String path, long size, long modified, int index,
                        String name, int rows, int cols, Slice slice) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * A safetensors tensor located in its file: the fields of a {@link cartan.io.TensorSlice}, as strings.
     *
     * @param tensorName the file's name for it
     * @param kind       the layer kind ({@link cartan.io.LayerKind} name)
     * @param layout     the conv layout ({@link cartan.io.ConvLayout} name)
     * @param dtype      F64, F32, F16 or BF16
     * @param shape      the stored shape
     * @param position   absolute offset of the first byte
     * @param length     number of bytes
     */
    public record Slice(String tensorName, String kind, String layout, String dtype, int[] shape, long position,
                        long length) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Slice {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slice s && tensorName.equals(s.tensorName) && kind.equals(s.kind)
                    && layout.equals(s.layout) && dtype.equals(s.dtype) && Arrays.equals(shape, s.shape)
                    && position == s.position && length == s.length;
        }

        @Override
        public int hashCode() {
            return tensorName.hashCode() * 31 + Long.hashCode(position);
        }

        @Override
        public String toString() {
            return dtype + Arrays.toString(shape) + " at [" + position + ", +" + length + ")";
        }
    }

    /** The layer's SVD cost m·n·min(m, n), for largest-first scheduling. */
    public double cost() {
        return (double) rows * cols * Math.min(rows, cols);
    }
}
