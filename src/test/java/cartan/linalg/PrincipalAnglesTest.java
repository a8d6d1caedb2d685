package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrincipalAnglesTest {

    /** span(e1, e2) against span(e1, cos θ e2 + sin θ e3) has angles (0, θ) by construction. */
    private static DMatrixRMaj[] planes(double theta) {
        DMatrixRMaj a = new DMatrixRMaj(4, 2);
        a.set(0, 0, 1);
        a.set(1, 1, 1);
        DMatrixRMaj b = new DMatrixRMaj(4, 2);
        b.set(0, 0, 1);
        b.set(1, 1, Math.cos(theta));
        b.set(2, 1, Math.sin(theta));
        return new DMatrixRMaj[]{a, b};
    }

    @Test
    void knownAnglesFromOrthonormalAndSkewedBases() {
        DMatrixRMaj[] p = planes(0.7);
        PrincipalAngles orth = PrincipalAngles.betweenOrthonormal(p[0], p[1]);
        assertEquals(0, orth.angles()[0], 1e-14);
        assertEquals(0.7, orth.angles()[1], 1e-14);
        assertEquals(Math.sin(0.7), orth.maxSine(), 1e-14);
        assertEquals(Math.cos(0.7), orth.cosines()[1], 1e-14);
        // the same spans through non-orthonormal bases: right-multiply by an invertible 2x2
        DMatrixRMaj mix = new DMatrixRMaj(new double[][]{{2, -1}, {0.5, 3}});
        DMatrixRMaj a = new DMatrixRMaj(4, 2);
        DMatrixRMaj b = new DMatrixRMaj(4, 2);
        CommonOps_DDRM.mult(p[0], mix, a);
        CommonOps_DDRM.mult(p[1], mix, b);
        PrincipalAngles skew = PrincipalAngles.between(a, b);
        assertEquals(0, skew.angles()[0], 1e-14);
        assertEquals(0.7, skew.angles()[1], 1e-14);
    }

    @Test
    void tinyAnglesKeepRelativeAccuracy() {
        // cos(1e-10) rounds to 1, so a cosine-based angle would be 0; the residual keeps it
        DMatrixRMaj[] p = planes(1e-10);
        double s = PrincipalAngles.between(p[0], p[1]).maxSine();
        assertEquals(1e-10, s, 1e-22);
    }

    @Test
    void maxSineEqualsProjectorDistanceForRandomSubspaces() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            DMatrixRMaj a = RandomMatrices.gaussian(9, 3, 1, random);
            DMatrixRMaj b = RandomMatrices.gaussian(9, 3, 1, random);
            // independent: ‖P_A − P_B‖₂ with P = X (XᵀX)⁻¹ Xᵀ built by normal equations
            DMatrixRMaj diff = projector(a);
            CommonOps_DDRM.subtractEquals(diff, projector(b));
            double expected = SingularValues.of(diff)[0];
            assertEquals(expected, PrincipalAngles.maxSine(a, b), 1e-10);
        }
    }

    private static DMatrixRMaj projector(DMatrixRMaj x) {
        DMatrixRMaj g = new DMatrixRMaj(x.numCols, x.numCols);
        CommonOps_DDRM.multTransA(x, x, g);
        CommonOps_DDRM.invert(g);
        DMatrixRMaj xg = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.mult(x, g, xg);
        DMatrixRMaj p = new DMatrixRMaj(x.numRows, x.numRows);
        CommonOps_DDRM.multTransB(xg, x, p);
        return p;
    }

    @Test
    void unequalDimensionsUseTheSmallerSubspace() {
        DMatrixRMaj line = new DMatrixRMaj(3, 1);
        line.set(0, 0, 1);
        line.set(1, 0, 1);
        DMatrixRMaj plane = new DMatrixRMaj(3, 2);
        plane.set(0, 0, 1);
        plane.set(2, 1, 1);
        PrincipalAngles pa = PrincipalAngles.between(plane, line);
        assertEquals(1, pa.size());
        assertEquals(Math.PI / 4, pa.angles()[0], 1e-14);
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj ok = new DMatrixRMaj(3, 1, true, 1, 0, 0);
        DMatrixRMaj nan = new DMatrixRMaj(3, 1, true, 1, Double.NaN, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PrincipalAngles.between(nan, ok))
                .getMessage().startsWith("a"));
        DMatrixRMaj dependent = new DMatrixRMaj(3, 2, true, 1, 2, 1, 2, 1, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PrincipalAngles.between(ok, dependent))
                .getMessage().startsWith("b"));
        DMatrixRMaj wide = new DMatrixRMaj(2, 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PrincipalAngles.between(wide, wide))
                .getMessage().startsWith("a"));
        DMatrixRMaj fourRows = new DMatrixRMaj(4, 1, true, 1, 0, 0, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PrincipalAngles.between(ok, fourRows))
                .getMessage().startsWith("b"));
        DMatrixRMaj notUnit = new DMatrixRMaj(3, 1, true, 2, 0, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PrincipalAngles.betweenOrthonormal(notUnit, ok))
                .getMessage().startsWith("qa"));
    }
}
