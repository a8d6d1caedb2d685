package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * The parameters of one layer: weight matrix W ∈ R^{m×n} (maps n inputs to m outputs) and bias
 * b ∈ R^m. Also used for gradients and for directions in parameter space. Treated as immutable
 * by the library: every operation returns new arrays.
 */
public record Params(DMatrixRMaj w, double[] b) {

    public Params {
        Require.finite("w", w);
        if (b == null || b.length != w.numRows) {
            throw new IllegalArgumentException("b: must have length " + w.numRows + " (rows of w), got "
                    + (b == null ? "null" : b.length));
        }
        Require.finite("b", b);
    }

    /** Parameters with the given weight and a zero bias. */
    public static Params weightOnly(DMatrixRMaj w) {
        cartan.Require.finite("w", w);
        return new Params(w, new double[w.numRows]);
    }

    /** Zero parameters of shape m × n. */
    public static Params zeros(int m, int n) {
        return new Params(new DMatrixRMaj(m, n), new double[m]);
    }

    /** Number of scalars (m·n + m). */
    public int size() {
        return w.getNumElements() + b.length;
    }

    /** ⟨this, other⟩ over weights and biases. */
    public double dot(Params other) {
        double s = 0;
        for (int i = 0; i < w.data.length && i < w.getNumElements(); i++) {
            s += w.data[i] * other.w.data[i];
        }
        for (int i = 0; i < b.length; i++) {
            s += b[i] * other.b[i];
        }
        return s;
    }
}
