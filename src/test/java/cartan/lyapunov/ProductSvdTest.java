package cartan.lyapunov;

import cartan.linalg.PrincipalAngles;
import cartan.linalg.RandomMatrices;
import cartan.linalg.SingularValues;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductSvdTest {

    private static DMatrixRMaj explicit(List<DMatrixRMaj> fs) {
        int d = fs.get(0).numRows;
        DMatrixRMaj j = CommonOps_DDRM.identity(d);
        for (DMatrixRMaj m : fs) {
            DMatrixRMaj next = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(m, j, next);
            j = next;
        }
        return j;
    }

    @Test
    void shortProductMatchesExplicitSvd() {
        SplittableRandom random = new SplittableRandom(21);
        List<DMatrixRMaj> fs = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            fs.add(RandomMatrices.gaussian(6, 6, 1, random));
        }
        DMatrixRMaj j = explicit(fs);
        double[] s = SingularValues.of(j);
        ProductSvd p = new ProductSvd(6);
        fs.forEach(p::push);
        ProductSvd.Result r = p.decompose();
        // the explicit SVD is accurate to ε·σ_1 absolute, so compare where that is a small relative error
        for (int i = 0; i < 6; i++) {
            double tol = 1e-13 * s[0] / s[i] + 1e-13;
            assertEquals(Math.log(s[i]), r.logSingularValues()[i], tol);
        }
        DMatrixRMaj v = cartan.lyapunov.SubspaceAlignment.topRight(j, 3);
        assertTrue(PrincipalAngles.betweenOrthonormal(v, r.topRight(3)).maxSine() < 1e-10);
    }

    /** M = O diag(e, 1, e^{-1}) Oᵀ: J_L = O diag(e^L, 1, e^{-L}) Oᵀ, beyond double range for L = 800. */
    @Test
    void gradedProductBeyondDoubleRange() {
        DMatrixRMaj o = RandomMatrices.haarOrthogonal(3, 4);
        DMatrixRMaj od = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(o, CommonOps_DDRM.diag(Math.E, 1, 1 / Math.E), od);
        DMatrixRMaj m = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(od, o, m);
        double[] logs = ProductSvd.logSingularValues(Collections.nCopies(800, m));
        assertEquals(800, logs[0], 1e-9);
        assertEquals(0, logs[1], 1e-9);
        assertEquals(-800, logs[2], 1e-9);
        // right singular vectors are the columns of O (up to sign)
        ProductSvd p = new ProductSvd(3);
        for (int l = 0; l < 800; l++) {
            p.push(m);
        }
        DMatrixRMaj v = p.decompose().rightVectors();
        for (int c = 0; c < 3; c++) {
            double dot = 0;
            for (int r = 0; r < 3; r++) {
                dot += v.get(r, c) * o.get(r, c);
            }
            assertEquals(1, Math.abs(dot), 1e-12);
        }
    }

    /** Σ_k log σ_k(J_L) = Σ_ℓ log|det M_ℓ| at L = 200, where L(λ_1 − λ_d) ≈ 300 ≫ 36. */
    @Test
    void logDeterminantIdentityForLongGinibreProduct() {
        ProductEnsemble g = ProductEnsemble.ginibre(16, 2.0, 5);
        ProductSvd p = new ProductSvd(16);
        double logDet = 0;
        for (int l = 0; l < 200; l++) {
            DMatrixRMaj m = g.next();
            logDet += Math.log(Math.abs(CommonOps_DDRM.det(m)));
            p.push(m);
        }
        double sum = 0;
        for (double x : p.decompose().logSingularValues()) {
            sum += x;
        }
        assertEquals(logDet, sum, 1e-9);
    }

    @Test
    void rejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ProductSvd(0)).getMessage()
                .startsWith("d"));
        ProductSvd p = new ProductSvd(3);
        DMatrixRMaj nan = new DMatrixRMaj(3, 3);
        nan.set(0, 0, Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.push(nan)).getMessage().startsWith("m"));
        assertThrows(IllegalStateException.class, () -> p.push(new DMatrixRMaj(3, 3)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProductSvd.logSingularValues(List.of()))
                .getMessage().startsWith("factors"));
    }
}
