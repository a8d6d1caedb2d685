package cartan.dln;

import org.ejml.data.DMatrixRMaj;

/**
 * A differentiable loss E on end-to-end matrices, given through its gradient ∇E(X) (a d × d matrix in
 * the Frobenius inner product). The parameter loss of a deep linear network is L = E∘φ, so every
 * dynamics in this package needs only ∇E.
 *
 * <p>Example: {@code LossGradient g = x -> myGradient(x);} or {@link SquareLoss#of(DMatrixRMaj)}.
 */
@FunctionalInterface
public interface LossGradient {

    /** ∇E(X); must be finite and have the shape of X. The argument must not be modified. */
    DMatrixRMaj gradient(DMatrixRMaj x);
}
