package cartan.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Inputs X (B × inputs) and targets Y (B × outputs) of a batch; {@code labels} are the class labels
 * of a classification batch (null for sequences, whose targets are one-hot per position).
 */
public record Batch(DMatrixRMaj x, DMatrixRMaj y, int[] labels) {

    public Batch {
        cartan.Require.notNull("x", x);
        cartan.Require.notNull("y", y);
        if (x.numRows != y.numRows) {
            throw new IllegalArgumentException("y: must have the " + x.numRows + " rows of x, got " + y.numRows);
        }
    }

    public int size() {
        return x.numRows;
    }
}
