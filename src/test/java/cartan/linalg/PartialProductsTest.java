package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartialProductsTest {

    @Test
    void shortChainsAgreeWithExplicitProducts() {
        SplittableRandom rnd = new SplittableRandom(1);
        int d = 6;
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            f.add(RandomMatrices.gaussian(d, d, 1, rnd));
        }
        PartialProducts pp = PartialProducts.of(f);
        DMatrixRMaj j = CommonOps_DDRM.identity(d);
        double logDet = 0;
        for (int l = 1; l <= 8; l++) {
            DMatrixRMaj next = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(f.get(l - 1), j, next);
            j = next;
            logDet += Math.log(Math.abs(CommonOps_DDRM.det(f.get(l - 1))));
            double[] s = SingularValues.of(j);
            double[] ls = pp.logSingularValues(l);
            for (int k = 0; k < d; k++) {
                // the explicit product's sigma_k carries an absolute error of about d·L·eps·sigma_1, so its log
                // is trustworthy to a relative 1e-13·sigma_1/sigma_k (generous factor for d·L = 48)
                double tol = 1e-13 * s[0] / s[k] + 1e-12;
                assertEquals(Math.log(s[k]), ls[k], tol, "l=" + l + " k=" + k);
            }
            assertEquals(logDet, pp.logAbsDeterminant(l), 1e-10);
            double fro = 0;
            for (double v : s) {
                fro += v * v;
            }
            assertEquals(0.5 * Math.log(fro), pp.logFrobeniusNorm(l), 1e-12);
        }
    }

    @Test
    void triangularFactorIsUpperTriangularWithUnitFrobeniusNormAndTheProductsSingularValues() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<DMatrixRMaj> f = List.of(RandomMatrices.gaussian(5, 5, 1, rnd), RandomMatrices.gaussian(5, 5, 1, rnd));
        PartialProducts pp = PartialProducts.of(f);
        assertEquals(5, pp.dimension());
        assertEquals(2, pp.depth());
        DMatrixRMaj r = pp.normalisedTriangularFactor(2);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0, r.get(i, j), 0);
            }
        }
        assertEquals(1, org.ejml.dense.row.NormOps_DDRM.normF(r), 1e-14);
        DMatrixRMaj j = new DMatrixRMaj(5, 5);
        CommonOps_DDRM.mult(f.get(1), f.get(0), j);
        double[] s = SingularValues.of(j);
        double[] sn = pp.normalisedSingularValues(2);
        double fro = org.ejml.dense.row.NormOps_DDRM.normF(j);
        for (int k = 0; k < 5; k++) {
            assertEquals(s[k] / fro, sn[k], 1e-13);
        }
    }

    @Test
    void longChainsDoNotOverflow() {
        // A_l = 2 Q_l with Q_l orthogonal: J_L = 2^L (orthogonal), far beyond double range for L = 2000
        SplittableRandom rnd = new SplittableRandom(2);
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            DMatrixRMaj q = RandomMatrices.haarOrthogonal(4, rnd);
            CommonOps_DDRM.scale(2, q);
            f.add(q);
        }
        double[] ls = PartialProducts.of(f).logSingularValues(2000);
        for (double v : ls) {
            assertEquals(2000 * Math.log(2), v, 1e-8);
        }
    }

    @Test
    void qrAccumulationKeepsSingularValuesThatTheExplicitProductLoses() {
        // A = Q diag(1, 1e-4, 1e-5) Q^T in a fixed rotated frame: J_L = Q diag(1, 1e-4L, 1e-5L) Q^T exactly
        DMatrixRMaj q = RandomMatrices.haarOrthogonal(3, 7L);
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        DMatrixRMaj qd = q.copy();
        double[] diag = {1, 1e-4, 1e-5};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                qd.set(r, c, q.get(r, c) * diag[c]);
            }
        }
        CommonOps_DDRM.multTransB(qd, q, a);
        List<DMatrixRMaj> f = new ArrayList<>();
        DMatrixRMaj explicit = CommonOps_DDRM.identity(3);
        for (int i = 0; i < 30; i++) {
            f.add(a);
            DMatrixRMaj next = new DMatrixRMaj(3, 3);
            CommonOps_DDRM.mult(a, explicit, next);
            explicit = next;
        }
        PartialProducts pp = PartialProducts.of(f);
        double[] ls = pp.logSingularValues(30);
        assertEquals(0, ls[0], 1e-12);
        assertEquals(30 * Math.log(1e-4), ls[1], 1e-9);
        assertEquals(30 * Math.log(1e-5), ls[2], 1e-9);
        assertEquals(30 * Math.log(1e-9), pp.logAbsDeterminant(30), 1e-9);
        // the explicit product cannot see sigma_2 = 1e-120: its computed value sits at the rounding floor
        assertTrue(SingularValues.of(explicit)[1] > 1e-100);
    }

    @Test
    void badInputIsRejected() {
        assertStarts("factors: must contain", () -> PartialProducts.of(List.of()));
        assertStarts("factors: must contain", () -> PartialProducts.of(null));
        assertStarts("factors[0]: must be square", () -> PartialProducts.of(List.of(new DMatrixRMaj(2, 3))));
        assertStarts("factors[1]: must have the shape", () -> PartialProducts.of(
                List.of(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(3))));
        DMatrixRMaj nan = CommonOps_DDRM.identity(2);
        nan.set(0, 1, Double.NaN);
        assertStarts("factors[0]: entry", () -> PartialProducts.of(List.of(nan)));
        DMatrixRMaj singular = new DMatrixRMaj(2, 2, true, 1, 2, 2, 4);
        assertStarts("factors[1]: is singular", () -> PartialProducts.of(List.of(CommonOps_DDRM.identity(2),
                new DMatrixRMaj(2, 2))));
        PartialProducts pp = PartialProducts.of(List.of(CommonOps_DDRM.identity(2)));
        assertStarts("depth", () -> pp.logSingularValues(2));
        assertStarts("depth", () -> pp.logFrobeniusNorm(0));
        assertTrue(singular.get(1, 1) == 4);
    }

    static void assertStarts(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "message \"" + e.getMessage() + "\" should start with " + prefix);
    }
}
