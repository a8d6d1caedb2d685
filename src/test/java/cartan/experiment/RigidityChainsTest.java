package cartan.experiment;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chain populations of notebook 03 against closed forms and EJML's SVD of explicit products. */
class RigidityChainsTest {

    private static double[] svd(DMatrixRMaj a) {
        double[] s = SingularOps_DDRM.singularValues(a);
        Arrays.sort(s);
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[s.length - 1 - i];
        }
        return out;
    }

    @Test
    void unbentLawIsTheExactPowerLaw() {
        int d = 16;
        double logKappa = 2.3;
        double[] s = RigidityChains.nearPowerLaw(d, logKappa, 0, new SplittableRandom(1));
        for (int k = 1; k <= d; k++) {
            assertEquals(Math.pow(k, -logKappa / Math.log(d)), s[k - 1], 1e-13, "rank " + k);
        }
    }

    @Test
    void bentLawKeepsItsConditionNumberAndOrder() {
        double[] s = RigidityChains.nearPowerLaw(32, 1.7, 0.3, new SplittableRandom(5));
        assertEquals(1.0, s[0], 0);
        assertEquals(1.7, Math.log(s[0] / s[31]), 1e-12);
        for (int k = 1; k < 32; k++) {
            assertTrue(s[k] <= s[k - 1], "sorted at " + k);
        }
    }

    @Test
    void inFrameHasTheGivenSingularValuesAndIsSymmetric() {
        DMatrixRMaj q = cartan.linalg.RandomMatrices.haarOrthogonal(6, 3L);
        double[] s = {3, 2, 1.5, 1, 0.5, 0.25};
        DMatrixRMaj a = RigidityChains.inFrame(q, s);
        double[] got = svd(a);
        for (int k = 0; k < 6; k++) {
            assertEquals(s[k], got[k], 1e-12);
        }
        DMatrixRMaj at = CommonOps_DDRM.transpose(a, null);
        for (int i = 0; i < a.data.length; i++) {
            assertEquals(a.data[i], at.data[i], 1e-13);
        }
    }

    @Test
    void zeroSlackChainsHaveNoSlackAndStayInTheirBudget() {
        int d = 8;
        RigidityChains z = RigidityChains.zeroSlack(d, new SplittableRandom(2605));
        assertEquals(12, z.size());
        assertEquals(List.of(10, 10, 10, 30, 30, 30, 100, 100, 100, 30, 30, 30),
                java.util.stream.IntStream.range(0, 12).map(z::depth).boxed().toList());
        assertEquals(9 * 140 / 3 + 90, z.layers());
        for (int c : new int[] {0, 5, 10}) {
            List<DMatrixRMaj> f = z.chain(c);
            DMatrixRMaj j = CommonOps_DDRM.identity(d);
            double sumTop = 0;
            double sumLogKappa = 0;
            for (DMatrixRMaj a : f) {
                double[] s = svd(a);
                sumTop += Math.log(s[0]);
                sumLogKappa += Math.log(s[0] / s[d - 1]);
                j = CommonOps_DDRM.mult(a, j, null);
            }
            assertEquals(sumTop, Math.log(svd(j)[0]), 1e-9, "zero slack in chain " + c);
            double logM = z.logBudgets()[c];
            assertTrue(sumLogKappa <= logM * (1 + 1e-9), "chain " + c + " spends " + sumLogKappa + " of " + logM);
            if (c < 9) {
                assertTrue(sumLogKappa >= 0.5 * logM * (1 - 1e-9), "u_l >= 1/2 in chain " + c);
            } else {
                assertEquals(logM, sumLogKappa, 1e-9, "an uneven split spends the whole budget");
            }
        }
    }

    @Test
    void generalPopulationHasItsKindsAndCrushers() {
        int d = 8;
        SplittableRandom rnd = new SplittableRandom(7);
        RigidityChains z = RigidityChains.zeroSlack(d, rnd);
        RigidityChains g = RigidityChains.general(d, z, rnd);
        assertEquals(12, g.size());
        assertEquals("random frames", g.kinds().get(0));
        assertEquals("backtracking", g.kinds().get(4));
        assertEquals("residual network", g.kinds().get(8));
        assertEquals(48, g.depth(8));
        assertTrue(g.chain(9) == z.chain(1) && g.chain(11) == z.chain(7));
        double[] crusher = svd(g.chain(4).get(3));
        assertEquals(1.0, crusher[0], 1e-12);
        assertEquals(1.0, crusher[d - 2], 1e-12);
        assertTrue(crusher[d - 1] >= 0.05 - 1e-12 && crusher[d - 1] <= 0.5 + 1e-12, "crusher value " + crusher[d - 1]);
        double beta = Math.log(1e3) / (30 * Math.log(d));
        double[] rf = svd(g.chain(0).get(0));
        for (int k = 1; k <= d; k++) {
            assertEquals(Math.pow(k, -beta) / Math.pow(1, -beta), rf[k - 1] / rf[0], 1e-12);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertStarts("d", () -> RigidityChains.nearPowerLaw(1, 1, 0, new SplittableRandom(1)));
        assertStarts("logKappa", () -> RigidityChains.nearPowerLaw(4, -1, 0, new SplittableRandom(1)));
        assertStarts("zeroSlack", () -> RigidityChains.general(4, null, new SplittableRandom(1)));
        assertStarts("sigma", () -> RigidityChains.randomFrames(new double[] {1, 0}, 2, new SplittableRandom(1)));
        assertStarts("kinds", () -> new RigidityChains(List.of(), List.of("x"), new double[0]));
    }

    static void assertStarts(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "message \"" + e.getMessage() + "\" should start with " + prefix);
    }
}
