package cartan.dln;

import cartan.linalg.RandomMatrices;
import cartan.linalg.SymmetricMatrixFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static cartan.dln.DlnTesting.assertBadArgument;
import static cartan.dln.DlnTesting.diffNorm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JacobiBasisTest {

    @Test
    void eigenvaluesMatchANumericalEigensolver() {
        for (int n = 2; n <= 9; n++) {
            DMatrixRMaj t = JacobiBasis.sectorMatrix(1.3, 0.7, n);
            double[] numeric = SymmetricMatrixFunction.eigenvalues(t); // descending
            double[] closed = JacobiBasis.eigenvalues(1.3, 0.7, n);     // ascending in k
            Arrays.sort(closed);
            for (int k = 0; k < n - 1; k++) {
                assertEquals(numeric[n - 2 - k], closed[k], 1e-13, "N=" + n);
            }
        }
    }

    @Test
    void sineVectorsAreOrthonormalEigenvectors() {
        int n = 7;
        DMatrixRMaj t = JacobiBasis.sectorMatrix(1.1, 0.4, n);
        for (int k = 1; k < n; k++) {
            double[] phi = JacobiBasis.eigenvector(n, k);
            DMatrixRMaj v = new DMatrixRMaj(n - 1, 1, true, phi);
            DMatrixRMaj tv = new DMatrixRMaj(n - 1, 1);
            CommonOps_DDRM.mult(t, v, tv);
            CommonOps_DDRM.scale(1 / JacobiBasis.eigenvalue(1.1, 0.4, n, k), tv);
            assertTrue(diffNorm(tv, v) < 1e-13);
            for (int l = 1; l < n; l++) {
                double[] psi = JacobiBasis.eigenvector(n, l);
                double dot = 0;
                for (int p = 0; p < n - 1; p++) {
                    dot += phi[p] * psi[p];
                }
                assertEquals(k == l ? 1 : 0, dot, 1e-14);
            }
        }
    }

    @Test
    void determinantIsTheGeometricSum() {
        for (int n = 2; n <= 8; n++) {
            double x = 1.25;
            double y = 0.8;
            double prod = 1;
            for (double mu : JacobiBasis.eigenvalues(x, y, n)) {
                prod *= mu;
            }
            double closed = (Math.pow(x, 2 * n) - Math.pow(y, 2 * n)) / (x * x - y * y);
            assertEquals(closed, prod, 1e-13 * closed);
            assertEquals(closed, JacobiBasis.sectorDeterminant(x, y, n), 1e-13 * closed);
            assertEquals(closed, CommonOps_DDRM.det(JacobiBasis.sectorMatrix(x, y, n)), 1e-12 * closed);
            // collision: N λ^{2N−2}
            assertEquals(n * Math.pow(x, 2 * n - 2), JacobiBasis.sectorDeterminant(x, x, n), 1e-13 * n * Math.pow(x, 2 * n - 2));
        }
    }

    @Test
    void sectorOfTheOrbitGramIsTheJacobiMatrix() {
        // Gram of the standard generators of one sector (i, j) across layers equals T_ij
        SplittableRandom rnd = new SplittableRandom(8);
        int n = 5;
        FibrePoint pt = BalancedManifold.fibrePoint(RandomMatrices.withSingularValues(new double[]{2, 1.2, 0.5}, rnd), n, rnd);
        double[] lam = pt.lambda();
        DMatrixRMaj t = JacobiBasis.sectorMatrix(lam[0], lam[2], n);
        for (int p = 1; p < n; p++) {
            for (int q = 1; q < n; q++) {
                assertEquals(t.get(p - 1, q - 1), pt.orbitTangent(p, 0, 2).inner(pt.orbitTangent(q, 0, 2)), 1e-13);
            }
        }
    }

    @Test
    void orthonormalBasisIsOrthonormalAndSpansTheOrbit() {
        SplittableRandom rnd = new SplittableRandom(9);
        int d = 4;
        int n = 4;
        FibrePoint pt = BalancedManifold.fibrePoint(RandomMatrices.gaussian(d, d, 1, rnd), n, rnd);
        List<DeepLinearNetwork> basis = JacobiBasis.orthonormalOrbitBasis(pt);
        assertEquals((n - 1) * d * (d - 1) / 2, basis.size());
        DMatrixRMaj g = BalancedManifold.gram(basis);
        assertTrue(diffNorm(g, CommonOps_DDRM.identity(basis.size())) < 1e-13);
        // every standard orbit tangent is reproduced by its projection on the basis
        for (DeepLinearNetwork v : pt.orbitTangents()) {
            DeepLinearNetwork proj = DeepLinearNetwork.zero(n, d);
            for (DeepLinearNetwork b : basis) {
                proj = proj.plus(b, b.inner(v));
            }
            assertTrue(proj.plus(v, -1).norm() < 1e-13);
        }
        assertEquals(0, JacobiBasis.orthonormalOrbitBasis(BalancedManifold.fibrePoint(CommonOps_DDRM.identity(2), 1, rnd)).size());
    }

    @Test
    void badInput() {
        assertBadArgument("N", () -> JacobiBasis.sectorMatrix(1, 2, 1));
        assertBadArgument("lambdaI", () -> JacobiBasis.sectorMatrix(0, 2, 3));
        assertBadArgument("k", () -> JacobiBasis.eigenvalue(1, 2, 3, 3));
        assertBadArgument("k", () -> JacobiBasis.eigenvector(3, 0));
        assertBadArgument("point", () -> JacobiBasis.orthonormalOrbitBasis(null));
    }
}
