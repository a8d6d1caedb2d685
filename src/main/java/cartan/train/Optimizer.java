package cartan.train;

import cartan.nn.Params;

/**
 * One training method: from the parameters and the exact gradient of a batch, the parameters after one
 * step. Optimisers keep state (momentum, moment estimates) and belong to one training run.
 *
 * <p>All of them treat each weight layer's W as a matrix and its bias b as a vector; parameterless
 * layers have {@code null} blocks, which stay {@code null}.
 */
public interface Optimizer {

    /** A short name for tables, e.g. {@code adamw}. */
    String name();

    /**
     * The parameters after one step with learning rate {@code lr} (the base rate times the schedule).
     *
     * @param params   current parameters, one block per layer (null for parameterless layers)
     * @param gradient the gradient in the same layout
     * @param lr       this step's learning rate
     */
    Params[] step(Params[] params, Params[] gradient, double lr);

    /** θ − lr·d for a layer (null stays null). */
    static Params minus(Params p, double lr, org.ejml.data.DMatrixRMaj dw, double[] db) {
        org.ejml.data.DMatrixRMaj w = p.w().copy();
        for (int i = 0; i < w.getNumElements(); i++) {
            w.data[i] -= lr * dw.data[i];
        }
        double[] b = p.b().clone();
        for (int i = 0; i < b.length; i++) {
            b[i] -= lr * db[i];
        }
        return new Params(w, b);
    }
}
