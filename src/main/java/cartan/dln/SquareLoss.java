package cartan.dln;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * The square loss E(X) = ½‖X − Y‖²_F with gradient ∇E(X) = X − Y.
 *
 * @param target the target Y (kept as a private copy)
 */
public record SquareLoss(DMatrixRMaj target) implements LossGradient {

    /** The square loss towards target Y (copied). */
    public static SquareLoss of(DMatrixRMaj target) {
        return new SquareLoss(Require.finite("target", target).copy());
    }

    /** E(X) = ½‖X − Y‖²_F. */
    public double value(DMatrixRMaj x) {
        Require.finite("x", x);
        Require.sameShape("target", target, "x", x);
        DMatrixRMaj r = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.subtract(x, target, r);
        double n = NormOps_DDRM.normF(r);
        return 0.5 * n * n;
    }

    /** ∇E(X) = X − Y. */
    @Override
    public DMatrixRMaj gradient(DMatrixRMaj x) {
        Require.finite("x", x);
        Require.sameShape("target", target, "x", x);
        DMatrixRMaj r = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.subtract(x, target, r);
        return r;
    }

    /** A copy of the target Y. */
    @Override
    public DMatrixRMaj target() {
        return target.copy();
    }
}
