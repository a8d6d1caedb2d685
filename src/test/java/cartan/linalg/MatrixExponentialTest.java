package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MatrixExponentialTest {

    static void assertMatrix(double[][] expected, DMatrixRMaj got, double tol) {
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], got.get(r, c), tol, "entry " + r + "," + c);
            }
        }
    }

    @Test
    void closedForms() {
        // diagonal: exp of the entries
        assertMatrix(new double[][] {{Math.exp(1.5), 0}, {0, Math.exp(-2)}},
                MatrixExponential.of(new DMatrixRMaj(new double[][] {{1.5, 0}, {0, -2}})), 1e-13);
        // rotation generator: exp([[0, −θ], [θ, 0]]) = [[cos θ, −sin θ], [sin θ, cos θ]]
        double t = 0.7;
        assertMatrix(new double[][] {{Math.cos(t), -Math.sin(t)}, {Math.sin(t), Math.cos(t)}},
                MatrixExponential.of(new DMatrixRMaj(new double[][] {{0, -t}, {t, 0}})), 1e-14);
        // nilpotent: exp([[0, 1], [0, 0]]) = [[1, 1], [0, 1]]
        assertMatrix(new double[][] {{1, 1}, {0, 1}}, MatrixExponential.of(new DMatrixRMaj(new double[][] {{0, 1}, {0, 0}})), 1e-15);
        // exp(X) exp(−X) = I for a random X with norm ~ 5
        DMatrixRMaj x = RandomMatrices.gaussian(8, 8, 0.6, 2L);
        DMatrixRMaj minus = x.copy();
        CommonOps_DDRM.scale(-1, minus);
        DMatrixRMaj prod = CommonOps_DDRM.mult(MatrixExponential.of(x), MatrixExponential.of(minus), null);
        assertMatrix(new double[][] {{1, 0, 0, 0, 0, 0, 0, 0}}, prod, 1e-11);
        assertEquals(1, prod.get(7, 7), 1e-11);
        assertThrows(IllegalArgumentException.class, () -> MatrixExponential.of(new DMatrixRMaj(2, 3)));
    }
}
