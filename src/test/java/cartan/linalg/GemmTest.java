package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C = α op(A) op(B) + β C against the triple loop, on both sides of the BLAS size threshold. */
class GemmTest {

    static double[][] naive(double alpha, DMatrixRMaj a, boolean ta, DMatrixRMaj b, boolean tb, double beta, DMatrixRMaj c) {
        int m = ta ? a.numCols : a.numRows;
        int k = ta ? a.numRows : a.numCols;
        int n = tb ? b.numRows : b.numCols;
        double[][] out = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += (ta ? a.get(l, i) : a.get(i, l)) * (tb ? b.get(j, l) : b.get(l, j));
                }
                out[i][j] = alpha * s + beta * c.get(i, j);
            }
        }
        return out;
    }

    @Test
    void allTransposeCombinationsSmallAndLarge() {
        for (int[] size : new int[][]{{3, 4, 5}, {40, 50, 60}}) {
            int m = size[0];
            int k = size[1];
            int n = size[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                DMatrixRMaj a = ta ? RandomMatrices.gaussian(k, m, 1, 1) : RandomMatrices.gaussian(m, k, 1, 1);
                DMatrixRMaj b = tb ? RandomMatrices.gaussian(n, k, 1, 2) : RandomMatrices.gaussian(k, n, 1, 2);
                DMatrixRMaj c = RandomMatrices.gaussian(m, n, 1, 3);
                double[][] expected = naive(0.7, a, ta, b, tb, -0.3, c);
                Gemm.mult(0.7, a, ta, b, tb, -0.3, c);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(expected[i][j], c.get(i, j), 1e-12 * k, "entry " + i + "," + j + " ta=" + ta + " tb=" + tb);
                    }
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresWhatCHeld() {
        DMatrixRMaj a = RandomMatrices.gaussian(40, 40, 1, 4);
        DMatrixRMaj c = new DMatrixRMaj(40, 40);
        java.util.Arrays.fill(c.data, Double.NaN);
        Gemm.mult(1, a, false, a, true, 0, c);
        for (double v : c.data) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void shapesThatDoNotChainAreRejected() {
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gemm.mult(a, false, a, false))
                .getMessage().startsWith("b:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Gemm.mult(1, a, false, a, true, 0, new DMatrixRMaj(3, 3)))
                .getMessage().startsWith("c:"));
    }
}
