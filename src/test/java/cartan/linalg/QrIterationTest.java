package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrIterationTest {

    static List<Backend> backends() {
        List<Backend> b = new ArrayList<>(List.of(Backend.EJML));
        if (Lapack.enabled()) {
            b.add(Backend.LAPACK);
        }
        return b;
    }


    private static DMatrixRMaj firstColumns(DMatrixRMaj m, int k) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, k);
        CommonOps_DDRM.extract(m, 0, m.numRows, 0, k, out, 0, 0);
        return out;
    }

    /**
     * For a short product the accumulated log R_jj must reproduce the explicit J Q_0: the sum over
     * steps of log R_jj for j ≤ i is log of the i-dimensional volume of the first i columns of J Q_0,
     * and the final frame is the sign-fixed Q of J Q_0 (EJML's QR of the explicit product).
     */
    @Test
    void matchesExplicitQrOfShortProduct() {
        // (6, 4): one panel; (11, 9): blocked frame update plus remainder reflectors and a blocked trailing
        // update in the QR; (9, 9): full frame
        for (Backend b : backends()) {
            matchesExplicitQr(6, 4, b);
            matchesExplicitQr(11, 9, b);
            matchesExplicitQr(9, 9, b);
            // (20, 18): eight-reflector blocks in both the frame update and the QR trailing update
            matchesExplicitQr(20, 18, b);
        }
    }

    private static void matchesExplicitQr(int d, int k, Backend backend) {
        SplittableRandom random = new SplittableRandom(3 + d + k);
        DMatrixRMaj q0 = firstColumns(RandomMatrices.haarOrthogonal(d, random), k);
        QrIteration qr = QrIteration.of(q0, backend);
        DMatrixRMaj j = q0.copy();
        double[] sum = new double[k];
        for (int l = 0; l < 5; l++) {
            DMatrixRMaj m = RandomMatrices.gaussian(d, d, 1, random);
            qr.push(m);
            for (int c = 0; c < k; c++) {
                sum[c] += qr.logDiagonal(c);
            }
            DMatrixRMaj next = new DMatrixRMaj(d, k);
            CommonOps_DDRM.mult(m, j, next);
            j = next;
        }
        QRDecomposition<DMatrixRMaj> ref = DecompositionFactory_DDRM.qr(d, k);
        ref.decompose(j.copy());
        DMatrixRMaj qRef = ref.getQ(null, true);
        DMatrixRMaj rRef = ref.getR(null, true);
        DMatrixRMaj frame = qr.frame();
        for (int c = 0; c < k; c++) {
            assertEquals(Math.log(Math.abs(rRef.get(c, c))), sum[c], 1e-11);
            double s = Math.signum(rRef.get(c, c));
            for (int r = 0; r < d; r++) {
                assertEquals(s * qRef.get(r, c), frame.get(r, c), 1e-12);
            }
        }
    }

    @Test
    void lastStepIsAQrFactorisation() {
        for (Backend b : backends()) {
            lastStepIsAQrFactorisation(b);
        }
    }

    private static void lastStepIsAQrFactorisation(Backend backend) {
        int d = 5;
        SplittableRandom random = new SplittableRandom(11);
        QrIteration qr = QrIteration.identityFrame(d, 3, backend);
        qr.push(RandomMatrices.gaussian(d, d, 1, random));
        DMatrixRMaj before = qr.frame();
        DMatrixRMaj m = RandomMatrices.gaussian(d, d, 1, random);
        qr.push(m);
        DMatrixRMaj mq = new DMatrixRMaj(d, 3);
        CommonOps_DDRM.mult(m, before, mq);
        DMatrixRMaj qrProduct = new DMatrixRMaj(d, 3);
        CommonOps_DDRM.mult(qr.frame(), qr.lastR(), qrProduct);
        for (int i = 0; i < mq.data.length; i++) {
            assertEquals(mq.data[i], qrProduct.data[i], 1e-12);
        }
        DMatrixRMaj r = qr.lastR();
        for (int i = 0; i < 3; i++) {
            assertTrue(r.get(i, i) > 0, "positive diagonal");
            assertEquals(Math.log(r.get(i, i)), qr.logDiagonal(i), 1e-15);
        }
    }

    /** log|det J| = Σ_ℓ Σ_j log R_jj for k = d (independent: Σ_ℓ log|det M_ℓ| by EJML's LU). */
    @Test
    void fullFrameSumsToLogDeterminant() {
        for (Backend b : backends()) {
            fullFrameSumsToLogDeterminant(b);
        }
    }

    private static void fullFrameSumsToLogDeterminant(Backend backend) {
        int d = 7;
        SplittableRandom random = new SplittableRandom(5);
        QrIteration qr = QrIteration.identityFrame(d, d, backend);
        List<DMatrixRMaj> fs = new ArrayList<>();
        double total = 0;
        for (int l = 0; l < 4; l++) {
            DMatrixRMaj m = RandomMatrices.gaussian(d, d, 1, random);
            fs.add(m);
            qr.push(m);
            for (double x : qr.logDiagonal()) {
                total += x;
            }
        }
        double expected = 0;
        for (DMatrixRMaj m : fs) {
            expected += Math.log(Math.abs(CommonOps_DDRM.det(m)));
        }
        assertEquals(expected, total, 1e-11);
    }

    @Test
    void rejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QrIteration.identityFrame(3, 4))
                .getMessage().startsWith("k"));
        DMatrixRMaj notOrth = new DMatrixRMaj(3, 1, true, 1, 1, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> QrIteration.of(notOrth))
                .getMessage().startsWith("initialFrame"));
        for (Backend b : backends()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> QrIteration.of(notOrth, b))
                    .getMessage().startsWith("initialFrame"));
            QrIteration qr = QrIteration.identityFrame(3, 2, b);
            DMatrixRMaj nan = new DMatrixRMaj(3, 3);
            nan.set(1, 2, Double.NaN);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> qr.push(nan)).getMessage().startsWith("m"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> qr.push(new DMatrixRMaj(4, 4)))
                    .getMessage().startsWith("m"));
        }
    }
}
