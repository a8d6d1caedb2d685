package cartan.spectrum;

import cartan.linalg.MatrixExponential;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearIdentityTest {

    /** p1_reference.py: numpy SVD of [[1, ε], [0, 1]]; the expansion is ±ε/2 − ε²/4. */
    @Test
    void nilpotentTwoByTwoByHand() {
        NearIdentity n = NearIdentity.of(new DMatrixRMaj(new double[][] {{0, 1}, {0, 0}}));
        assertEquals(0.5, n.linear()[0], 1e-15);
        assertEquals(-0.5, n.linear()[1], 1e-15);
        assertEquals(-0.25, n.second()[0], 1e-15);
        assertEquals(-0.25, n.second()[1], 1e-15);
        double[] exact = {0.0049749797918802, -0.00502497854192177};
        double[] pred = n.predicted(1e-2);
        for (int k = 0; k < 2; k++) {
            assertEquals(exact[k], pred[k], 2e-6); // O(ε³)
        }
    }

    /** Against the SVD route: the remainder after the second-order term shrinks like ε³. */
    @Test
    void expansionMatchesTheSingularValuesToThirdOrder() {
        int d = 12;
        DMatrixRMaj b = RandomMatrices.gaussian(d, d, 1, 8L);
        NearIdentity n = NearIdentity.of(b);
        double[] err = new double[2];
        double[] eps = {1e-2, 1e-3};
        for (int i = 0; i < 2; i++) {
            DMatrixRMaj a = CommonOps_DDRM.add(CommonOps_DDRM.identity(d), eps[i], b, null);
            double[] mu = Spectrum.of(a).cartanCoordinate();
            double[] pred = n.predicted(eps[i]);
            for (int k = 0; k < d; k++) {
                err[i] = Math.max(err[i], Math.abs(mu[k] - pred[k]));
            }
        }
        double slope = Math.log10(err[0] / err[1]);
        assertEquals(3, slope, 0.1);
    }

    /** BCH: the chain differs from exp(εX) by O(ε²) and from exp(εX + ε²Y) by O(ε³). */
    @Test
    void chainGeneratorIsTheSecondOrderBchSeries() {
        int d = 6;
        SplittableRandom rnd = new SplittableRandom(4);
        List<DMatrixRMaj> bs = new ArrayList<>();
        for (int l = 0; l < 4; l++) {
            bs.add(RandomMatrices.gaussian(d, d, 1, rnd));
        }
        List<DMatrixRMaj> xy = NearIdentity.chainGenerator(bs);
        double[] e1 = new double[2];
        double[] e2 = new double[2];
        double[] eps = {1e-2, 1e-3};
        for (int i = 0; i < 2; i++) {
            DMatrixRMaj prod = CommonOps_DDRM.identity(d);
            for (DMatrixRMaj bl : bs) {
                prod = CommonOps_DDRM.mult(CommonOps_DDRM.add(CommonOps_DDRM.identity(d), eps[i], bl, null), prod, null);
            }
            DMatrixRMaj g1 = xy.get(0).copy();
            CommonOps_DDRM.scale(eps[i], g1);
            DMatrixRMaj g2 = CommonOps_DDRM.add(g1, eps[i] * eps[i], xy.get(1), null);
            DMatrixRMaj d1 = CommonOps_DDRM.subtract(prod, MatrixExponential.of(g1), null);
            DMatrixRMaj d2 = CommonOps_DDRM.subtract(prod, MatrixExponential.of(g2), null);
            e1[i] = org.ejml.dense.row.NormOps_DDRM.normF(d1);
            e2[i] = org.ejml.dense.row.NormOps_DDRM.normF(d2);
        }
        assertEquals(2, Math.log10(e1[0] / e1[1]), 0.1);
        assertEquals(3, Math.log10(e2[0] / e2[1]), 0.1);
        assertTrue(e2[1] < e1[1]);
    }
}
