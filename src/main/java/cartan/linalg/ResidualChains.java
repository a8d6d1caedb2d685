package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Chains of near-identity factors and their explicit products (notebook 05, P1.7 / E1.7):
 *
 * <ul>
 *   <li>{@link #nearIdentity}: the factors A_ℓ = I + ε B_ℓ;</li>
 *   <li>{@link #euler}: the normalised residual chain A_ℓ = I + B(t_{ℓ−½})/L, t_{ℓ−½} = (ℓ − ½)/L, ℓ = 1..L —
 *       one explicit midpoint-sampled Euler step of U' = B(t) U per factor;</li>
 *   <li>{@link #product}: J_L = A_L ⋯ A_1 by plain matrix products, in that order.</li>
 * </ul>
 */
public final class ResidualChains {

    private ResidualChains() {
    }

    /** The factors I + ε B_ℓ, one per B_ℓ (square, all of one size). */
    public static List<DMatrixRMaj> nearIdentity(List<DMatrixRMaj> generators, double epsilon) {
        Require.notNull("generators", generators);
        Require.finite("epsilon", epsilon);
        if (generators.isEmpty()) {
            throw new IllegalArgumentException("generators: need at least one");
        }
        List<DMatrixRMaj> out = new ArrayList<>();
        for (DMatrixRMaj b : generators) {
            Require.square("generators", b);
            Require.sameShape("generators", generators.get(0), "generators", b);
            out.add(CommonOps_DDRM.add(CommonOps_DDRM.identity(b.numRows), epsilon, b, null));
        }
        return out;
    }

    /** The L factors I + B((ℓ − ½)/L)/L of the normalised residual chain along the path B. */
    public static List<DMatrixRMaj> euler(DoubleFunction<DMatrixRMaj> path, int length) {
        Require.notNull("path", path);
        Require.atLeast("length", length, 1);
        List<DMatrixRMaj> out = new ArrayList<>();
        for (int l = 1; l <= length; l++) {
            DMatrixRMaj b = Require.square("path", path.apply((l - 0.5) / length));
            out.add(CommonOps_DDRM.add(CommonOps_DDRM.identity(b.numRows), 1.0 / length, b, null));
        }
        return out;
    }

    /** J = A_L ⋯ A_1: the product of the factors, the first factor applied first. */
    public static DMatrixRMaj product(List<DMatrixRMaj> factors) {
        Require.notNull("factors", factors);
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("factors: need at least one");
        }
        DMatrixRMaj j = CommonOps_DDRM.identity(Require.square("factors", factors.get(0)).numRows);
        for (DMatrixRMaj a : factors) {
            Require.sameShape("factors", j, "factors", a);
            j = CommonOps_DDRM.mult(a, j, null);
        }
        return j;
    }
}
