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

    /**
     * Masked factors D_ℓ W_ℓ with m = 4 of d = 8 units: the nonzero singular values of J_L are those of the
     * m × m product (P_Lᵀ W_L P_{L−1}) ⋯ (P_2ᵀ W_2 P_1) (P_1ᵀ W_1) with P_ℓ the active coordinates,
     * computed here through the invertible ProductSvd after an LQ step (an independent route).
     */
    @Test
    void singularFactorsMatchTheCompressedProduct() {
        int d = 8;
        int m = 4;
        int depth = 150;
        SplittableRandom random = new SplittableRandom(8);
        ProductSvd gated = ProductSvd.ofSingularFactors(d);
        ProductSvd compressed = new ProductSvd(m);
        int[] previous = null;
        for (int l = 0; l < depth; l++) {
            int[] active = randomSubset(d, m, random);
            DMatrixRMaj w = RandomMatrices.gaussian(d, d, 1 / Math.sqrt(d), random);
            DMatrixRMaj masked = new DMatrixRMaj(d, d);
            for (int i : active) {
                for (int c = 0; c < d; c++) {
                    masked.set(i, c, w.get(i, c));
                }
            }
            gated.push(masked);
            if (previous == null) {
                // P_1ᵀ W_1 = L Qᵀ (m × d): the singular values of X P_1ᵀW_1 are those of X L
                DMatrixRMaj g1 = new DMatrixRMaj(m, d);
                for (int r = 0; r < m; r++) {
                    for (int c = 0; c < d; c++) {
                        g1.set(r, c, w.get(active[r], c));
                    }
                }
                DMatrixRMaj gram = new DMatrixRMaj(m, m);
                CommonOps_DDRM.multTransB(g1, g1, gram);
                org.ejml.interfaces.decomposition.CholeskyDecomposition_F64<DMatrixRMaj> chol =
                        org.ejml.dense.row.factory.DecompositionFactory_DDRM.chol(m, true);
                assertTrue(chol.decompose(gram));
                compressed.push(chol.getT(null)); // L with L Lᵀ = G₁G₁ᵀ
            } else {
                DMatrixRMaj g = new DMatrixRMaj(m, m);
                for (int r = 0; r < m; r++) {
                    for (int c = 0; c < m; c++) {
                        g.set(r, c, w.get(active[r], previous[c]));
                    }
                }
                compressed.push(g);
            }
            previous = active;
        }
        double[] a = gated.decompose().logSingularValues();
        double[] b = compressed.decompose().logSingularValues();
        assertTrue(b[0] - b[m - 1] > 40, "the test needs a spread beyond what an explicit product resolves");
        for (int k = 0; k < m; k++) {
            assertEquals(b[k], a[k], 1e-9 * Math.max(1, Math.abs(b[k])));
        }
        assertTrue(a[m] < b[m - 1] - 500, "values beyond the rank are rounding level: " + a[m]);
        // a zero factor gives a zero product: every log σ is −∞ and nothing is NaN
        gated.push(new DMatrixRMaj(d, d));
        for (double x : gated.decompose().logSingularValues()) {
            assertEquals(Double.NEGATIVE_INFINITY, x);
        }
    }

    private static int[] randomSubset(int d, int m, SplittableRandom random) {
        int[] perm = new int[d];
        for (int i = 0; i < d; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(d - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(perm, m);
        java.util.Arrays.sort(out);
        return out;
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
