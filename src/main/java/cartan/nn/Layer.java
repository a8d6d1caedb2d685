package cartan.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * One stage of a {@link Network}: a map from a batch of inputs (B × inputSize, one sample per row)
 * to a batch of outputs (B × outputSize), with the four passes forward-over-reverse needs.
 *
 * <p>Notation: for a layer y = f(x; W, b) and a direction (V, v_b) in parameter space, the
 * R-operator R{·} = d/dt|_{t=0} of the quantity along θ + t·(V, v_b) (Pearlmutter 1994). The
 * backward pass takes g_y = ∂L/∂y and returns g_x = ∂L/∂x and the parameter gradients; the R-backward
 * pass differentiates those along the direction, which gives the Hessian-vector product.
 *
 * <p>Samples made of tokens or positions (sequences, images) are stored as one row of length
 * positions × channels, position-major (channels last).
 *
 * <p>A {@code null} matrix stands for zero everywhere in these passes.
 */
public sealed interface Layer permits WeightLayer, MaxPool2d, Activation, LayerNorm, SelfAttention, TokenMeanPool {

    /** A short name such as {@code dense(784→128)}. */
    String name();

    int inputSize();

    int outputSize();

    /** Shape {m, n} of the weight matrix W ∈ R^{m×n} (y = W x + b), or {@code null} if the layer has no parameters. */
    int[] weightShape();

    /** Forward pass: the returned cache holds the output and whatever the backward passes need. */
    Cache forward(DMatrixRMaj in, Params p);

    /** Backward: given g_out, sets {@code gradIn} (if {@code needInputGrad}) and the parameter gradient. */
    Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad);

    /** R-forward: R{out} from R{in} and the direction V (either may be null). Returns null if both are zero. */
    DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v);

    /**
     * R-backward: R{g_in} (if {@code needInputGrad}) and R{∂L/∂W}, R{∂L/∂b} (if {@code needParams};
     * otherwise the parameter part may be null, which saves the largest products when only a lower
     * layer's block of H v is wanted).
     */
    Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                   DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams);

    /** Forward-pass state: the output and a layer-specific extra (im2col patches, argmax indices). */
    record Cache(DMatrixRMaj out, Object extra) {
    }

    /** Input gradient (possibly null) and parameter gradient (null for parameterless layers). */
    record Grad(DMatrixRMaj in, Params params) {
    }
}
