package cartan.nn;

import cartan.Require;
import cartan.io.IdxArray;
import org.ejml.data.DMatrixRMaj;

/**
 * Labelled images from IDX arrays (MNIST, Fashion-MNIST): item i is image {@code first + i} as a row
 * of pixels / 255 (channels-last, here one channel) with a one-hot target over {@code classes}. The
 * pixels stay as bytes in the {@link IdxArray}; batches are decoded on demand.
 */
public final class ImageExamples implements Examples {

    private final IdxArray images;
    private final int[] labels;
    private final int first;
    private final int count;
    private final int classes;

    private ImageExamples(IdxArray images, int[] labels, int first, int count, int classes) {
        this.images = images;
        this.labels = labels;
        this.first = first;
        this.count = count;
        this.classes = classes;
    }

    /**
     * Items [first, first + count) of an image array and its label vector.
     *
     * @throws IllegalArgumentException if the arrays disagree in length, the range is outside them, or a
     *                                  label is outside [0, classes)
     */
    public static ImageExamples of(IdxArray images, IdxArray labels, int first, int count, int classes) {
        Require.notNull("images", images);
        Require.notNull("labels", labels);
        Require.atLeast("classes", classes, 2);
        if (images.items() != labels.items()) {
            throw new IllegalArgumentException("labels: " + labels.items() + " labels for " + images.items() + " images");
        }
        int[] l = labels.labels(first, count);
        for (int i = 0; i < l.length; i++) {
            if (l[i] < 0 || l[i] >= classes) {
                throw new IllegalArgumentException("labels: entry " + (first + i) + " is " + l[i] + ", must lie in [0, " + classes + ")");
            }
        }
        images.rows(first, 1, 1.0);   // checks the range against the images
        return new ImageExamples(images, l, first, count, classes);
    }

    @Override
    public int size() {
        return count;
    }

    public int pixels() {
        return images.itemSize();
    }

    public int classes() {
        return classes;
    }

    /** The label of item i. */
    public int label(int i) {
        return labels[i];
    }

    @Override
    public Batch batch(int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("indices: must not be empty");
        }
        int w = pixels();
        DMatrixRMaj x = new DMatrixRMaj(indices.length, w);
        int[] l = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            if (i < 0 || i >= count) {
                throw new IllegalArgumentException("indices: entry " + r + " is " + i + ", must lie in [0, " + count + ")");
            }
            long base = (long) (first + i) * w;
            for (int j = 0; j < w; j++) {
                x.data[r * w + j] = images.get(base + j) / 255.0;
            }
            l[r] = labels[i];
        }
        return new Batch(x, Network.oneHot(l, classes), l);
    }
}
