package cartan.nn;

/**
 * A finite, indexed set of training or test examples that hands out batches: item i is one input row
 * and its target row, and {@link #batch} stacks the items it is given, in order.
 */
public interface Examples {

    /** Number of items. */
    int size();

    /** The items at these indices, stacked in the order given. */
    Batch batch(int[] indices);

    /** Items [start, start + count) as one batch. */
    default Batch range(int start, int count) {
        if (start < 0 || count < 1 || (long) start + count > size()) {
            throw new IllegalArgumentException("start: items [" + start + ", " + ((long) start + count)
                    + ") are not within the " + size() + " items");
        }
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = start + i;
        }
        return batch(idx);
    }
}
