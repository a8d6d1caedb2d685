package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinalgTest {

    @Test
    void singularValuesAreSortedDescendingAndComplete() {
        // EJML's raw output for diag(1,3,2) is unsorted [1,3,2]
        assertArrayEquals(new double[] {3, 2, 1}, SingularValues.of(CommonOps_DDRM.diag(1, 3, 2)), 1e-14);
        // wide and tall shapes give min(m, n) values
        assertArrayEquals(new double[] {0, 0, 0}, SingularValues.of(new DMatrixRMaj(3, 7)), 0);
        assertEquals(3, SingularValues.of(RandomMatrices.gaussian(3, 7, 1, 2L)).length);
        DMatrixRMaj tall = RandomMatrices.gaussian(9, 4, 1, 3L);
        assertEquals(4, SingularValues.of(tall).length);
    }

    @Test
    void singularValuesMatchEigenvaluesOfTheGramMatrix() {
        // a different algorithm: σ_k² are the eigenvalues of AᵀA (symmetric QR), well conditioned here
        DMatrixRMaj a = RandomMatrices.gaussian(12, 7, 1, 5L);
        DMatrixRMaj gram = new DMatrixRMaj(7, 7);
        CommonOps_DDRM.multTransA(a, a, gram);
        double[] eig = SymmetricMatrixFunction.eigenvalues(gram);
        double[] s = SingularValues.of(a);
        for (int i = 0; i < 7; i++) {
            assertEquals(Math.sqrt(eig[i]), s[i], 1e-12 * s[0]);
        }
    }

    @Test
    void prescribedSingularValuesAreRecovered() {
        double[] values = {5, 3, 3, 1e-3, 0};
        double[] got = SingularValues.of(RandomMatrices.withSingularValues(values, new SplittableRandom(9)));
        assertArrayEquals(values, got, 1e-13);
    }

    @Test
    void squareRootSquaresBackAndPowersCompose() {
        DMatrixRMaj g = RandomMatrices.gaussian(6, 6, 1, 21L);
        DMatrixRMaj s = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.multTransB(g, g, s);
        DMatrixRMaj root = SymmetricMatrixFunction.sqrt(s);
        DMatrixRMaj back = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.mult(root, root, back);
        assertTrue(MatrixFeatures_DDRM.isIdentical(s, back, 1e-10));
        DMatrixRMaj cube = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.mult(s, s, back);
        CommonOps_DDRM.mult(back, s, cube);
        assertTrue(MatrixFeatures_DDRM.isIdentical(cube, SymmetricMatrixFunction.power(s, 3), 1e-8 * CommonOps_DDRM.elementMaxAbs(cube)));
        DMatrixRMaj inv = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.invert(s, inv);
        assertTrue(MatrixFeatures_DDRM.isIdentical(inv, SymmetricMatrixFunction.power(s, -1), 1e-8 * CommonOps_DDRM.elementMaxAbs(inv)));
    }

    @Test
    void logOfATwoByTwoMatchesTheClosedForm() {
        // S = [[2,1],[1,2]] has eigenvalues 3 (v=(1,1)/√2) and 1 (v=(1,−1)/√2): log S = (log 3 / 2)·[[1,1],[1,1]]
        DMatrixRMaj log = SymmetricMatrixFunction.log(new DMatrixRMaj(new double[][] {{2, 1}, {1, 2}}));
        double h = Math.log(3) / 2;
        assertArrayEquals(new double[] {h, h, h, h}, log.data, 1e-14);
    }

    @Test
    void haarOrthogonalIsOrthogonalAndSeeded() {
        DMatrixRMaj q = RandomMatrices.haarOrthogonal(8, 42L);
        DMatrixRMaj qtq = new DMatrixRMaj(8, 8);
        CommonOps_DDRM.multTransA(q, q, qtq);
        assertTrue(MatrixFeatures_DDRM.isIdentity(qtq, 1e-13));
        assertArrayEquals(q.data, RandomMatrices.haarOrthogonal(8, 42L).data, 0);
        // Haar on O(d): E[Q_11] = 0 and E[Q_11²] = 1/d; 4000 draws, 4 standard errors
        SplittableRandom random = new SplittableRandom(1);
        int n = 4000, d = 5;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            double v = RandomMatrices.haarOrthogonal(d, random).get(0, 0);
            sum += v;
            sumSq += v * v;
        }
        double sd = Math.sqrt(1.0 / d);
        assertEquals(0, sum / n, 4 * sd / Math.sqrt(n));
        // Var(Q_11²) = E Q⁴ − (1/d)² = 3/(d(d+2)) − 1/d²
        double varSq = 3.0 / (d * (d + 2)) - 1.0 / (d * d);
        assertEquals(1.0 / d, sumSq / n, 4 * Math.sqrt(varSq / n));
    }

    @Test
    void gaussianEntriesHaveTheRequestedVariance() {
        DMatrixRMaj g = RandomMatrices.gaussian(200, 200, 0.5, 3L);
        double sumSq = Arrays.stream(g.data).map(v -> v * v).sum();
        int n = g.data.length;
        // E v² = 0.25, Var v² = 2·0.25², 4 standard errors
        assertEquals(0.25, sumSq / n, 4 * Math.sqrt(2 * 0.0625 / n));
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SingularValues.of(CommonOps_DDRM.diag(1, Double.NaN)));
        assertTrue(e.getMessage().startsWith("matrix:") && e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SingularValues.of(new DMatrixRMaj(0, 3)));
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricMatrixFunction.sqrt(CommonOps_DDRM.diag(1, -2)));
        assertTrue(e.getMessage().contains("positive semi-definite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricMatrixFunction.log(CommonOps_DDRM.diag(1, 0)));
        assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricMatrixFunction.power(CommonOps_DDRM.diag(1, 0), -1));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricMatrixFunction.sqrt(new DMatrixRMaj(new double[][] {{1, 2}, {0, 1}})));
        assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomMatrices.gaussian(0, 3, 1, 1L));
        assertTrue(e.getMessage().startsWith("rows:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomMatrices.gaussian(2, 3, -1, 1L));
        assertTrue(e.getMessage().startsWith("sigma:"), e.getMessage());
    }
}
