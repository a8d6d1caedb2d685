package cartan.curvature;

import cartan.linalg.RandomMatrices;
import cartan.linalg.SingularValues;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SpectralNewtonTest {

    @Test
    void diagonalGradientGetsTheTransferOnItsDiagonal() {
        DMatrixRMaj g = new DMatrixRMaj(new double[][]{{3, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 0.5, 0}});
        DMatrixRMaj sn = SpectralNewton.step(g, 1.5, 0.1);
        double[] s = {3, 2, 0.5};
        for (int i = 0; i < 3; i++) {
            assertEquals(s[i] / (Math.pow(s[i], 1.5) + 0.1), sn.get(i, i), 1e-14);
        }
        assertEquals(0, sn.get(0, 1), 1e-14);
    }

    @Test
    void polarFactorIsOrthogonalAndSymmetrisesG() {
        DMatrixRMaj g = RandomMatrices.gaussian(5, 8, 1, 3);
        DMatrixRMaj p = SpectralNewton.polar(g);
        for (double s : SingularValues.of(p)) {
            assertEquals(1, s, 1e-12);
        }
        // Gᵀ... U Vᵀ is the polar factor iff P Gᵀ = U Σ Uᵀ is symmetric positive semidefinite
        DMatrixRMaj pg = new DMatrixRMaj(5, 5);
        CommonOps_DDRM.multTransB(p, g, pg);
        for (int i = 0; i < 5; i++) {
            assertTrue(pg.get(i, i) > 0);
            for (int j = 0; j < 5; j++) {
                assertEquals(pg.get(i, j), pg.get(j, i), 1e-12);
            }
        }
    }

    @Test
    void oneUndampedStepSolvesTheAlignedQuadratic() {
        // E3.7: L(E) = ½⟨E, C_δ E C_A⟩, C_δ = Q diag(a) Qᵀ, C_A = P diag(b) Pᵀ, E0 = Q diag(e) Pᵀ with
        // e_k = (a_k b_k)^{1/α − 1}: G = C_δ E0 C_A = Q diag(a b e) Pᵀ and one SN step with d = 0 gives E0.
        int n = 8;
        double alpha = 1.6;
        DMatrixRMaj q = RandomMatrices.haarOrthogonal(n, 1);
        DMatrixRMaj pp = RandomMatrices.haarOrthogonal(n, 2);
        DMatrixRMaj e0 = new DMatrixRMaj(n, n);
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            double a = Math.pow(k + 1, -0.8);
            double b = Math.pow(k + 1, -0.5);
            double e = Math.pow(a * b, 1 / alpha - 1);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    e0.add(i, j, q.get(i, k) * e * pp.get(j, k));
                    g.add(i, j, q.get(i, k) * a * b * e * pp.get(j, k));
                }
            }
        }
        DMatrixRMaj step = SpectralNewton.step(g, alpha, 0);
        for (int i = 0; i < n * n; i++) {
            assertEquals(e0.data[i], step.data[i], 1e-10);
        }
    }

    @Test
    void badInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralNewton.step(new DMatrixRMaj(2, 2), 2, -1))
                .getMessage().startsWith("damping"));
        DMatrixRMaj g = new DMatrixRMaj(2, 2);
        g.set(0, 0, Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralNewton.polar(g)).getMessage().startsWith("g"));
    }

    @Test
    void polarMatrixFunctionRouteEqualsTheSvdRoute() {
        // (P^α + d)^{-1} G through the Gram eigendecomposition vs U diag(σ/(σ^α + d)) Vᵀ through the SVD,
        // wide, tall and rank-deficient
        DMatrixRMaj wide = RandomMatrices.gaussian(5, 9, 1, 11);
        DMatrixRMaj tall = RandomMatrices.gaussian(9, 4, 1, 12);
        DMatrixRMaj low = new DMatrixRMaj(6, 7);
        CommonOps_DDRM.mult(RandomMatrices.gaussian(6, 2, 1, 13), RandomMatrices.gaussian(2, 7, 1, 14), low);
        for (DMatrixRMaj g : new DMatrixRMaj[]{wide, tall, low}) {
            for (double alpha : new double[]{1, 1.7, 2}) {
                DMatrixRMaj a = SpectralNewton.viaPolar(g, alpha, 0.1);
                DMatrixRMaj b = SpectralNewton.step(g, alpha, 0.1);
                for (int i = 0; i < a.getNumElements(); i++) {
                    assertEquals(b.data[i], a.data[i], 1e-11, "alpha " + alpha);
                }
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpectralNewton.viaPolar(wide, 2, 0))
                .getMessage().startsWith("damping"));
    }

    @Test
    void newtonSchulzKeepsTheSingularVectorsAndPushesSingularValuesTowardOne() {
        DMatrixRMaj g = RandomMatrices.withSingularValues(new double[]{5, 2, 1, 0.3, 0.1}, new java.util.SplittableRandom(15));
        DMatrixRMaj x = SpectralNewton.newtonSchulz(g, 5);
        double[] s = SingularValues.of(x);
        for (double v : s) {
            assertTrue(v > 0.6 && v < 1.25, "singular value " + v);   // Muon's iteration: roughly [0.7, 1.2]
        }
        // X is a polynomial in G Gᵀ times G, so X Gᵀ is symmetric (same singular vectors)
        DMatrixRMaj xg = new DMatrixRMaj(5, 5);
        CommonOps_DDRM.multTransB(x, g, xg);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(xg.get(i, j), xg.get(j, i), 1e-10);
            }
        }
        DMatrixRMaj tall = SpectralNewton.newtonSchulz(CommonOps_DDRM.transpose(g, null), 5);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(x.get(i, j), tall.get(j, i), 1e-12);
            }
        }
    }
}
