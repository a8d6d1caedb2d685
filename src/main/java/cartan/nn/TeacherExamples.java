package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * A classification task labelled by a teacher network (notebook 22): inputs x_i (the rows of an n×d matrix) and
 * labels y_i = argmax_k f(x_i)_k of the teacher's outputs (the first maximum on ties), so a student network can
 * learn it without any data download. Targets are one-hot rows of width {@code classes}.
 */
public final class TeacherExamples implements Examples {

    private final DMatrixRMaj x;
    private final int[] labels;
    private final int classes;

    private TeacherExamples(DMatrixRMaj x, int[] labels, int classes) {
        this.x = x;
        this.labels = labels;
        this.classes = classes;
    }

    /** The rows of x labelled by the teacher's argmax over its first {@code classes} outputs. */
    public static TeacherExamples of(DMatrixRMaj x, Network teacher, int classes) {
        Require.finite("x", x);
        Require.notNull("teacher", teacher);
        Require.atLeast("classes", classes, 2);
        DMatrixRMaj z = teacher.predict(x, x.numRows);
        if (z.numCols < classes) {
            throw new IllegalArgumentException("classes: the teacher has only " + z.numCols + " outputs, asked for " + classes);
        }
        int[] labels = new int[x.numRows];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (z.get(i, k) > z.get(i, best)) {
                    best = k;
                }
            }
            labels[i] = best;
        }
        return new TeacherExamples(x.copy(), labels, classes);
    }

    /** The label of every item (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    @Override
    public int size() {
        return x.numRows;
    }

    @Override
    public Batch batch(int[] indices) {
        Require.notNull("indices", indices);
        int d = x.numCols;
        DMatrixRMaj b = new DMatrixRMaj(indices.length, d);
        int[] l = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            if (indices[r] < 0 || indices[r] >= x.numRows) {
                throw new IllegalArgumentException("indices: entry " + r + " is " + indices[r] + ", outside 0.."
                        + (x.numRows - 1));
            }
            System.arraycopy(x.data, indices[r] * d, b.data, r * d, d);
            l[r] = labels[indices[r]];
        }
        return new Batch(b, Network.oneHot(l, classes), l);
    }
}
