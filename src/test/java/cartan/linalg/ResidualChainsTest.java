package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Products against closed forms: diagonal factors, a constant path, and the order of non-commuting factors. */
class ResidualChainsTest {

    @Test
    void diagonalFactorsMultiplyEntrywise() {
        DMatrixRMaj b1 = CommonOps_DDRM.diag(1, -2, 3);
        DMatrixRMaj b2 = CommonOps_DDRM.diag(0.5, 4, -1);
        DMatrixRMaj j = ResidualChains.product(ResidualChains.nearIdentity(List.of(b1, b2), 0.1));
        DMatrixRMaj expected = CommonOps_DDRM.diag(1.1 * 1.05, 0.8 * 1.4, 1.3 * 0.9);
        assertArrayEquals(expected.data, j.data, 1e-14);
    }

    @Test
    void constantPathGivesTheCompoundFactor() {
        double c = 0.7;
        int len = 16;
        DMatrixRMaj j = ResidualChains.product(ResidualChains.euler(t -> CommonOps_DDRM.diag(c, 2 * c), len));
        assertEquals(Math.pow(1 + c / len, len), j.get(0, 0), 1e-13);
        assertEquals(Math.pow(1 + 2 * c / len, len), j.get(1, 1), 1e-13);
        assertEquals(0, j.get(0, 1), 0);
    }

    @Test
    void eulerSamplesTheMidpointsAndTheFirstFactorActsFirst() {
        List<DMatrixRMaj> f = ResidualChains.euler(t -> new DMatrixRMaj(new double[][] {{0, t}, {0, 0}}), 2);
        assertEquals(0.25 / 2, f.get(0).get(0, 1), 0);
        assertEquals(0.75 / 2, f.get(1).get(0, 1), 0);
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {0, 1}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 0}, {3, 1}});
        // J = B·A for the chain (A, B): [[1, 2], [3, 7]]
        assertArrayEquals(new double[] {1, 2, 3, 7}, ResidualChains.product(List.of(a, b)).data, 0);
    }

    @Test
    void badArgumentsAreNamed() {
        rejects("generators", () -> ResidualChains.nearIdentity(List.of(), 0.1));
        rejects("generators", () -> ResidualChains.nearIdentity(List.of(new DMatrixRMaj(2, 3)), 0.1));
        rejects("epsilon", () -> ResidualChains.nearIdentity(List.of(new DMatrixRMaj(2, 2)), Double.NaN));
        rejects("length", () -> ResidualChains.euler(t -> new DMatrixRMaj(2, 2), 0));
        rejects("factors", () -> ResidualChains.product(List.of()));
        rejects("factors", () -> ResidualChains.product(List.of(new DMatrixRMaj(2, 2), new DMatrixRMaj(3, 3))));
    }
}
