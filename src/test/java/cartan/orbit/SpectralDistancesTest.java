package cartan.orbit;

import cartan.linalg.RandomMatrices;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectralDistancesTest {

    private static DMatrixRMaj spd(int n, SplittableRandom random) {
        DMatrixRMaj g = RandomMatrices.gaussian(n, n, 1, random);
        DMatrixRMaj p = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(g, g, p);
        for (int i = 0; i < n; i++) {
            p.add(i, i, 0.1);
        }
        return p;
    }

    @Test
    void twoByTwoMatchesTheTraceOfSquareRootFormula() {
        // for 2x2 SPD M, tr √M = √(tr M + 2√det M); with M = P^{1/2} Q P^{1/2}: tr M = tr PQ, det M = det P det Q
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            DMatrixRMaj p = spd(2, random);
            DMatrixRMaj q = spd(2, random);
            DMatrixRMaj pq = new DMatrixRMaj(2, 2);
            CommonOps_DDRM.mult(p, q, pq);
            double cross = Math.sqrt(CommonOps_DDRM.trace(pq) + 2 * Math.sqrt(CommonOps_DDRM.det(p) * CommonOps_DDRM.det(q)));
            double expected = CommonOps_DDRM.trace(p) + CommonOps_DDRM.trace(q) - 2 * cross;
            assertEquals(expected, SpectralDistances.buresWassersteinSquared(p, q), 1e-10 * (1 + expected));
        }
    }

    @Test
    void commutingMatricesReduceToHellingerOnEigenvalues() {
        double[] l = {4, 2, 1, 0.5};
        double[] m = {1, 3, 0.25, 2};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected += Math.pow(Math.sqrt(l[i]) - Math.sqrt(m[i]), 2);
        }
        DMatrixRMaj p = CommonOps_DDRM.diag(l);
        DMatrixRMaj q = CommonOps_DDRM.diag(m);
        assertEquals(expected, SpectralDistances.buresWassersteinSquared(p, q), 1e-13);
    }

    @Property(tries = 30)
    void buresIsSymmetricAndOrthogonallyInvariant(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj p = spd(5, random);
        DMatrixRMaj q = spd(5, random);
        DMatrixRMaj r = RandomMatrices.haarOrthogonal(5, random);
        double base = SpectralDistances.buresWassersteinSquared(p, q);
        assertEquals(base, SpectralDistances.buresWassersteinSquared(q, p), 1e-9 * (1 + base));
        assertEquals(base, SpectralDistances.buresWassersteinSquared(conj(r, p), conj(r, q)), 1e-9 * (1 + base));
        assertTrue(base >= 0);
    }

    private static DMatrixRMaj conj(DMatrixRMaj r, DMatrixRMaj p) {
        DMatrixRMaj t = new DMatrixRMaj(p.numRows, p.numCols);
        DMatrixRMaj out = new DMatrixRMaj(p.numRows, p.numCols);
        CommonOps_DDRM.mult(r, p, t);
        CommonOps_DDRM.multTransB(t, r, out);
        for (int i = 0; i < out.numRows; i++) {
            for (int j = i + 1; j < out.numCols; j++) {
                double v = 0.5 * (out.get(i, j) + out.get(j, i));
                out.set(i, j, v);
                out.set(j, i, v);
            }
        }
        return out;
    }

    @Test
    void hellingerAndKlOnSmallVectors() {
        double[] p = {0.5, 0.5, 0};
        double[] q = {0.25, 0.25, 0.5};
        assertEquals(Math.pow(Math.sqrt(0.5) - 0.5, 2) * 2 + 0.5, SpectralDistances.hellingerSquared(p, q), 1e-15);
        assertEquals(Math.log(2), SpectralDistances.klDivergence(p, q), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj nonSymmetric = new DMatrixRMaj(new double[][] {{1, 2}, {0, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpectralDistances.buresWassersteinSquared(nonSymmetric, CommonOps_DDRM.identity(2)));
        assertTrue(e.getMessage().startsWith("P:"), e.getMessage());
        DMatrixRMaj indefinite = CommonOps_DDRM.diag(1, -1);
        e = assertThrows(IllegalArgumentException.class,
                () -> SpectralDistances.buresWassersteinSquared(CommonOps_DDRM.identity(2), indefinite));
        assertTrue(e.getMessage().contains("positive semi-definite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SpectralDistances.buresWassersteinSquared(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(3)));
        assertTrue(e.getMessage().startsWith("Q:"), e.getMessage());
        DMatrixRMaj nan = CommonOps_DDRM.diag(1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> SpectralDistances.buresWassersteinSquared(nan, nan));
        e = assertThrows(IllegalArgumentException.class,
                () -> SpectralDistances.hellingerSquared(new double[] {0.5, 0.6}, new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().startsWith("p:") && e.getMessage().contains("sum to 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SpectralDistances.klDivergence(new double[] {0.5, 0.5}, new double[] {1, 0}));
        assertTrue(e.getMessage().contains("infinite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpectralDistances.klDivergence(new double[0], new double[0]));
    }
}
