package cartan.lyapunov;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubspaceAlignmentTest {

    /** The product lemma holds on random draws with log-normal spectra (a theorem, so no slack). */
    @Test
    void boundHoldsOnRandomTrials() {
        SplittableRandom random = new SplittableRandom(12);
        for (int t = 0; t < 200; t++) {
            double[] s = new double[6];
            for (int i = 0; i < 6; i++) {
                s[i] = Math.exp(1.5 * RandomMatrices.standardNormal(random));
            }
            DMatrixRMaj a = RandomMatrices.withSingularValues(s, random);
            DMatrixRMaj b = RandomMatrices.gaussian(6, 6, 1, random);
            double bound = SubspaceAlignment.bound(a, b, 2);
            assertTrue(SubspaceAlignment.leftDrift(a, b, 2) <= bound * (1 + 1e-9));
            assertTrue(SubspaceAlignment.rightDrift(b, a, 2) <= bound * (1 + 1e-9));
        }
    }

    /** Orthogonal B leaves AAᵀ (left) and AᵀA (right) unchanged, so the drifts vanish exactly. */
    @Test
    void orthogonalFactorsDoNotMoveTheSubspaces() {
        SplittableRandom random = new SplittableRandom(2);
        DMatrixRMaj a = RandomMatrices.withSingularValues(new double[]{5, 3, 1, 0.5}, random);
        DMatrixRMaj o = RandomMatrices.haarOrthogonal(4, random);
        assertEquals(0, SubspaceAlignment.leftDrift(a, o, 2), 1e-12);
        assertEquals(0, SubspaceAlignment.rightDrift(o, a, 2), 1e-12);
        assertEquals(1.0 / 3, SubspaceAlignment.bound(a, o, 2), 1e-12);
    }

    /** A constant symmetric factor: V_1(J_ℓ) is fixed and σ_2/σ_1 = (λ_2/λ_1)^ℓ. */
    @Test
    void constantSymmetricFactorAlongDepth() {
        DMatrixRMaj o = RandomMatrices.haarOrthogonal(3, 8);
        DMatrixRMaj od = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(o, CommonOps_DDRM.diag(2, 1.5, 0.5), od);
        DMatrixRMaj m = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(od, o, m);
        SubspaceAlignment.DepthProfile p = SubspaceAlignment.alongDepth(Collections.nCopies(30, m), 1);
        for (int l = 1; l <= 30; l++) {
            assertEquals(0, p.sinTheta()[l - 1], 1e-10);
            assertEquals(Math.pow(0.75, l), p.ratio()[l - 1], 1e-12 * Math.pow(0.75, l) + 1e-15);
        }
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj a = CommonOps_DDRM.diag(3, 2, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubspaceAlignment.bound(a, a, 3))
                .getMessage().startsWith("k"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SubspaceAlignment.bound(a, CommonOps_DDRM.diag(1, 0, 1), 1)).getMessage().startsWith("b"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SubspaceAlignment.leftDrift(a, CommonOps_DDRM.diag(1, 1), 1)).getMessage().startsWith("b"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SubspaceAlignment.alongDepth(Collections.nCopies(3, a), 3)).getMessage().startsWith("k"));
    }
}
