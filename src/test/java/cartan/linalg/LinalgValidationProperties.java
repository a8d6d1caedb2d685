package cartan.linalg;

import cartan.ValidationSweep;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to every public entry point of cartan.linalg is an IllegalArgumentException naming the
 * argument; singular values are orthogonally invariant and positively homogeneous, never NaN.
 */
class LinalgValidationProperties {

    static final DMatrixRMaj NAN = new DMatrixRMaj(new double[][]{{1, Double.NaN}, {0, 1}});

    @Test
    void reflectiveSweep() {
        for (Class<?> c : List.of(SingularValues.class, GramEigenvalues.class, SymmetricMatrixFunction.class,
                RandomMatrices.class, PartialProducts.class, MatrixExponential.class)) {
            ValidationSweep.assertAllRejected(c);
        }
    }

    @Test
    void handWrittenBadInput() {
        rejects("matrix", () -> SingularValues.of(NAN));
        rejects("matrix", () -> SingularValues.of(new DMatrixRMaj(0, 3)));
        rejects("w", () -> GramEigenvalues.of(NAN));
        rejects("w", () -> GramEigenvalues.of(new DMatrixRMaj(3, 0)));
        rejects("w", () -> GramEigenvalues.of(null));
        rejects("matrix", () -> SymmetricMatrixFunction.sqrt(new DMatrixRMaj(new double[][]{{1, 2}, {0, 1}})));
        rejects("matrix", () -> SymmetricMatrixFunction.log(new DMatrixRMaj(new double[][]{{1, 2, 3}})));
        rejects("p", () -> SymmetricMatrixFunction.power(CommonOps_DDRM.identity(2), Double.NaN));
        rejects("values", () -> RandomMatrices.withSingularValues(new double[]{1, Double.POSITIVE_INFINITY}, new java.util.SplittableRandom(1)));
        rejects("sigma", () -> RandomMatrices.gaussian(2, 2, Double.NaN, 1L));
        rejects("rows", () -> RandomMatrices.gaussian(0, 2, 1, 1L));
        rejects("factors", () -> PartialProducts.of(List.of(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(3))));
    }

    @Property(tries = 40)
    void singularValuesAreOrthogonallyInvariantAndHomogeneous(@ForAll @IntRange(min = 1, max = 8) int m,
                                                              @ForAll @IntRange(min = 1, max = 8) int n,
                                                              @ForAll long seed,
                                                              @ForAll @DoubleRange(min = -1e3, max = 1e3) double c) {
        DMatrixRMaj a = RandomMatrices.gaussian(m, n, 1, seed);
        DMatrixRMaj u = RandomMatrices.haarOrthogonal(m, seed + 1);
        DMatrixRMaj v = RandomMatrices.haarOrthogonal(n, seed + 2);
        DMatrixRMaj uav = new DMatrixRMaj(m, n);
        DMatrixRMaj ua = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(u, a, ua);
        CommonOps_DDRM.mult(ua, v, uav);
        DMatrixRMaj ca = a.copy();
        CommonOps_DDRM.scale(c, ca);
        double[] s = SingularValues.of(a);
        double[] s2 = SingularValues.of(uav);
        double[] s3 = SingularValues.of(ca);
        for (int k = 0; k < s.length; k++) {
            assertTrue(Double.isFinite(s[k]) && s[k] >= 0 && (k == 0 || s[k] <= s[k - 1]));
            assertEquals(s[k], s2[k], 1e-12 * s[0] * Math.max(m, n));
            assertEquals(Math.abs(c) * s[k], s3[k], 1e-12 * Math.abs(c) * s[0] * Math.max(m, n) + 1e-300);
        }
    }
}
