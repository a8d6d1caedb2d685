package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link QrIteration} on both backends against EJML's QR, closed forms and the Ginibre Lyapunov spectrum. */
class QrIterationBackendsTest {

    /** The QR of a d × k matrix A: one step from the identity frame with M = [A 0], so M Q_0 = A. */
    private static double[] factor(DMatrixRMaj a, Backend backend) {
        DMatrixRMaj m = new DMatrixRMaj(a.numRows, a.numRows);
        CommonOps_DDRM.insert(a, m, 0, 0);
        try (QrIteration qr = QrIteration.identityFrame(a.numRows, a.numCols, backend)) {
            qr.push(m);
            a.setTo(qr.frame());
            return qr.logDiagonal();
        }
    }

    /** One step from the frame q: q ← Q of W q, returns log R_ii. */
    private static double[] multiplyAndFactor(DMatrixRMaj w, DMatrixRMaj q, Backend backend) {
        try (QrIteration qr = QrIteration.of(q, backend)) {
            qr.push(w);
            q.setTo(qr.frame());
            return qr.logDiagonal();
        }
    }


    private static List<Backend> backends() {
        List<Backend> b = new ArrayList<>(List.of(Backend.EJML));
        if (Lapack.enabled()) {
            b.add(Backend.LAPACK);
        }
        return b;
    }

    @Test
    void factorMatchesEjmlQrWithPositiveDiagonal() {
        for (int[] sh : new int[][] {{30, 30}, {50, 20}, {7, 1}}) {
            DMatrixRMaj a = RandomMatrices.gaussian(sh[0], sh[1], 1, 77L + sh[1]);
            // reference: EJML's QR directly, signs of diag(R) moved into Q by hand
            QRDecomposition<DMatrixRMaj> ref = DecompositionFactory_DDRM.qr(sh[0], sh[1]);
            ref.decompose(a.copy());
            DMatrixRMaj r = ref.getR(null, true);
            DMatrixRMaj q = ref.getQ(null, true);
            double[] logs = new double[sh[1]];
            for (int j = 0; j < sh[1]; j++) {
                logs[j] = Math.log(Math.abs(r.get(j, j)));
                if (r.get(j, j) < 0) {
                    for (int i = 0; i < sh[0]; i++) {
                        q.set(i, j, -q.get(i, j));
                    }
                }
            }
            for (Backend backend : backends()) {
                DMatrixRMaj work = a.copy();
                double[] got = factor(work, backend);
                assertArrayEquals(logs, got, 1e-12, backend + " logs");
                assertArrayEquals(q.data, work.data, 1e-12, backend + " Q");
            }
        }
    }

    @Test
    void qTimesRReconstructsTheInputAndQIsOrthonormal() {
        DMatrixRMaj a = RandomMatrices.gaussian(40, 25, 1, 5L);
        for (Backend backend : backends()) {
            DMatrixRMaj q = a.copy();
            {
                double[] logs = factor(q, backend);
                DMatrixRMaj qtq = new DMatrixRMaj(25, 25);
                CommonOps_DDRM.multTransA(q, q, qtq);
                assertTrue(CommonOps_DDRM.identity(25).data.length == qtq.data.length);
                for (int i = 0; i < 25; i++) {
                    for (int j = 0; j < 25; j++) {
                        assertEquals(i == j ? 1 : 0, qtq.get(i, j), 1e-13, backend + " QᵀQ");
                    }
                }
                // R = Qᵀ A must be upper triangular with diagonal exp(logs)
                DMatrixRMaj r = new DMatrixRMaj(25, 25);
                CommonOps_DDRM.multTransA(q, a, r);
                for (int i = 0; i < 25; i++) {
                    assertEquals(Math.exp(logs[i]), r.get(i, i), 1e-12 * Math.exp(logs[i]), backend + " R_ii");
                    for (int j = 0; j < i; j++) {
                        assertEquals(0, r.get(i, j), 1e-12, backend + " R below the diagonal");
                    }
                }
            }
        }
    }

    @Test
    void orthogonalColumnsWithKnownNormsGiveTheirLogNorms() {
        // A = H diag(c) with H orthogonal: A = Q R with Q = H, R = diag(c), so logs = log c exactly
        DMatrixRMaj h = RandomMatrices.haarOrthogonal(12, 3L);
        double[] c = {5, 1, 0.25, 3, 1e-6, 2, 7, 0.5, 1, 9, 1e3, 0.1};
        DMatrixRMaj a = h.copy();
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                a.set(i, j, h.get(i, j) * c[j]);
            }
        }
        for (Backend backend : backends()) {
            DMatrixRMaj work = a.copy();
            {
                double[] logs = factor(work, backend);
                for (int j = 0; j < 12; j++) {
                    assertEquals(Math.log(c[j]), logs[j], 1e-9, backend + " log c_" + j);
                }
            }
        }
    }

    @Test
    void multiplyAndFactorEqualsFactorOfTheProduct() {
        DMatrixRMaj w = RandomMatrices.gaussian(20, 20, 1, 11L);
        DMatrixRMaj q0 = RandomMatrices.haarOrthogonal(20, 12L);
        DMatrixRMaj q = new DMatrixRMaj(20, 6);
        CommonOps_DDRM.extract(q0, 0, 20, 0, 6, q, 0, 0);
        DMatrixRMaj product = new DMatrixRMaj(20, 6);
        CommonOps_DDRM.mult(w, q, product);
        for (Backend backend : backends()) {
            {
                DMatrixRMaj viaProduct = product.copy();
                double[] expected = factor(viaProduct, backend);
                DMatrixRMaj inPlace = q.copy();
                double[] got = multiplyAndFactor(w, inPlace, backend);
                assertArrayEquals(expected, got, 1e-12, backend.toString());
                assertArrayEquals(viaProduct.data, inPlace.data, 1e-12, backend.toString());
            }
        }
    }

    @Test
    void benettinOnGinibreProductsReproducesTheExactLyapunovSpectrum() {
        // W with i.i.d. N(0, 1/d) entries: λ_i = ½ [log(2/d) + ψ((d − i + 1)/2)], i = 1..d (Newman 1986)
        int d = 6;
        int length = 4000;
        SplittableRandom rng = new SplittableRandom(2026);
        DMatrixRMaj[] pool = new DMatrixRMaj[length];
        for (int l = 0; l < length; l++) {
            pool[l] = RandomMatrices.gaussian(d, d, 1 / Math.sqrt(d), rng);
        }
        for (Backend backend : backends()) {
            double[] lambda = new double[d];
            try (QrIteration step = QrIteration.identityFrame(d, d, backend)) {
                for (DMatrixRMaj w : pool) {
                    step.push(w);
                    double[] logs = step.logDiagonal();
                    for (int i = 0; i < d; i++) {
                        lambda[i] += logs[i] / length;
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                double exact = 0.5 * (Math.log(2.0 / d) + org.hipparchus.special.Gamma.digamma((d - i) / 2.0));
                // each log R_ii is i.i.d. across steps with variance ¼ ψ'((d − i)/2) ≤ ¼ π²/2; 5 standard errors
                double se = Math.sqrt(0.25 * org.hipparchus.special.Gamma.trigamma((d - i) / 2.0) / length);
                assertEquals(exact, lambda[i], 5 * se, backend + " λ_" + (i + 1));
            }
        }
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QrIteration.identityFrame(3, 4));
        assertTrue(e.getMessage().startsWith("k"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QrIteration.identityFrame(3, 0));
        assertTrue(e.getMessage().startsWith("k"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QrIteration.of(new DMatrixRMaj(2, 4)));
        assertTrue(e.getMessage().startsWith("initialFrame"), e.getMessage());
        for (Backend backend : backends()) {
            try (QrIteration step = QrIteration.identityFrame(4, 2, backend)) {
                e = assertThrows(IllegalArgumentException.class, () -> step.push(new DMatrixRMaj(4, 3)));
                assertTrue(e.getMessage().startsWith("m"), e.getMessage());
                DMatrixRMaj nan = new DMatrixRMaj(4, 4);
                nan.set(2, 2, Double.NaN);
                e = assertThrows(IllegalArgumentException.class, () -> step.push(nan));
                assertTrue(e.getMessage().startsWith("m"), e.getMessage());
            }
        }
    }
}
