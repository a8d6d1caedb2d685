package cartan.dln;

import cartan.linalg.RandomMatrices;
import cartan.linalg.SingularValues;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static cartan.dln.DlnTesting.assertBadArgument;
import static cartan.dln.DlnTesting.diffNorm;
import static cartan.dln.DlnTesting.mul;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BalancedManifoldTest {

    @Test
    void balancedParametrisationLiesOverXAndIsBalanced() {
        SplittableRandom rnd = new SplittableRandom(1);
        DMatrixRMaj x = RandomMatrices.gaussian(4, 4, 1, rnd);
        int n = 5;
        DeepLinearNetwork w = BalancedManifold.balanced(x, n, rnd);
        assertTrue(diffNorm(x, w.endToEnd()) < 1e-13);
        assertTrue(BalancedManifold.maxDefect(w) < 1e-13);
        double[] sx = SingularValues.of(x);
        for (int p = 1; p <= n; p++) {
            double[] sp = SingularValues.of(w.layer(p));
            for (int i = 0; i < 4; i++) {
                assertEquals(Math.pow(sx[i], 1.0 / n), sp[i], 1e-13);
            }
        }
    }

    @Test
    void dimensionFormulaIsTheCorankOfTheLinearisedConstraints() {
        SplittableRandom rnd = new SplittableRandom(2);
        int[][] cases = {{3, 4}, {2, 2}, {2, 5}, {4, 3}, {3, 1}, {1, 3}};
        for (int[] c : cases) {
            int d = c[0];
            int n = c[1];
            DeepLinearNetwork w = BalancedManifold.balanced(RandomMatrices.gaussian(d, d, 1, rnd), n, rnd);
            // Nd² − (N−1)d(d+1)/2 constraints, written independently of dimension()
            int expected = n * d * d - (n - 1) * d * (d + 1) / 2;
            assertEquals(expected, BalancedManifold.tangentDimension(w), "d=" + d + " N=" + n);
            assertEquals(expected, BalancedManifold.dimension(d, n));
        }
        assertEquals(18, BalancedManifold.dimension(3, 4));
    }

    @Test
    void orbitTangentIsTheDerivativeOfTheParametrisation() {
        SplittableRandom rnd = new SplittableRandom(3);
        int d = 3;
        int n = 4;
        DMatrixRMaj x = RandomMatrices.gaussian(d, d, 1, rnd);
        List<DMatrixRMaj> q = new ArrayList<>();
        for (int p = 1; p < n; p++) {
            q.add(RandomMatrices.haarOrthogonal(d, rnd));
        }
        FibrePoint pt = BalancedManifold.fibrePoint(x, n, q);
        // move Q_2 along the rotation exp(h A), A = (E_01 − E_10)/√2, by the exact 2×2 rotation formula
        double h = 1e-5;
        DeepLinearNetwork plus = BalancedManifold.fibrePoint(x, n, rotated(q, 1, h)).network();
        DeepLinearNetwork minus = BalancedManifold.fibrePoint(x, n, rotated(q, 1, -h)).network();
        DeepLinearNetwork fd = plus.plus(minus, -1).times(1 / (2 * h));
        DeepLinearNetwork tangent = pt.orbitTangent(2, 0, 1);
        assertTrue(fd.plus(tangent, -1).norm() < 1e-9, "fd error " + fd.plus(tangent, -1).norm());
    }

    private static List<DMatrixRMaj> rotated(List<DMatrixRMaj> q, int index, double h) {
        // Q ↦ Q exp(h (E_01 − E_10)/√2): rotation by angle θ = h/√2 in the (0, 1) plane
        double th = h / Math.sqrt(2);
        DMatrixRMaj r = CommonOps_DDRM.identity(q.get(0).numRows);
        r.set(0, 0, Math.cos(th));
        r.set(0, 1, Math.sin(th));
        r.set(1, 0, -Math.sin(th));
        r.set(1, 1, Math.cos(th));
        List<DMatrixRMaj> out = new ArrayList<>(q);
        out.set(index, mul(q.get(index), r));
        return out;
    }

    @Test
    void orbitTangentsAreVerticalAndTangentToM() {
        SplittableRandom rnd = new SplittableRandom(4);
        FibrePoint pt = BalancedManifold.fibrePoint(RandomMatrices.gaussian(3, 3, 1, rnd), 4, rnd);
        DeepLinearNetwork w = pt.network();
        for (DeepLinearNetwork v : pt.orbitTangents()) {
            assertTrue(NormOps_DDRM.normF(w.differential(v)) < 1e-13);
            for (DMatrixRMaj dd : BalancedManifold.linearisedDefects(w, v)) {
                assertTrue(NormOps_DDRM.normF(dd) < 1e-13);
            }
        }
        assertEquals(3 * 3, pt.orbitTangents().size());
    }

    @Test
    void horizontalLiftIsASubmersionLift() {
        SplittableRandom rnd = new SplittableRandom(5);
        int d = 3;
        int n = 4;
        DMatrixRMaj x = RandomMatrices.withSingularValues(new double[]{2.2, 1.1, 0.4}, rnd);
        FibrePoint pt = BalancedManifold.fibrePoint(x, n, rnd);
        DeepLinearNetwork w = pt.network();
        DMatrixRMaj z = RandomMatrices.gaussian(d, d, 1, rnd);
        DeepLinearNetwork lift = BalancedManifold.horizontalLift(w, z);
        assertTrue(diffNorm(w.differential(lift), z) < 1e-13);
        for (DeepLinearNetwork v : pt.orbitTangents()) {
            assertEquals(0, lift.inner(v), 1e-13);
        }
        for (DMatrixRMaj dd : BalancedManifold.linearisedDefects(w, lift)) {
            assertTrue(NormOps_DDRM.normF(dd) < 1e-13);
        }
        EndToEndOperator op = EndToEndOperator.of(x, n);
        double norm2 = lift.inner(lift);
        assertEquals(op.metricBySolve(z), norm2, 1e-12 * norm2);
        assertEquals(op.metric(z), norm2, 1e-12 * norm2);
        // minimal norm: adding any vertical vector only increases the norm (Pythagoras)
        DeepLinearNetwork other = lift.plus(pt.orbitTangent(1, 0, 2), 0.3);
        assertEquals(norm2 + 0.09 * pt.orbitTangent(1, 0, 2).inner(pt.orbitTangent(1, 0, 2)), other.inner(other), 1e-12);
    }

    @Test
    void horizontalAndVerticalSpacesSpanTheTangentSpace() {
        SplittableRandom rnd = new SplittableRandom(6);
        int d = 3;
        int n = 3;
        FibrePoint pt = BalancedManifold.fibrePoint(RandomMatrices.gaussian(d, d, 1, rnd), n, rnd);
        DeepLinearNetwork w = pt.network();
        List<DeepLinearNetwork> all = new ArrayList<>(pt.orbitTangents());
        for (int k = 0; k < d * d; k++) {
            DMatrixRMaj e = new DMatrixRMaj(d, d);
            e.data[k] = 1;
            all.add(BalancedManifold.horizontalLift(w, e));
        }
        DMatrixRMaj stack = new DMatrixRMaj(all.size(), n * d * d);
        for (int r = 0; r < all.size(); r++) {
            double[] v = all.get(r).toVector();
            for (int c = 0; c < v.length; c++) {
                stack.set(r, c, v[c]);
            }
        }
        assertEquals(d * d + (n - 1) * d * (d - 1) / 2, BalancedManifold.numericalRank(stack));
    }

    @Test
    void gradientDescentDefectDriftIsFirstOrderInEta() {
        // total drift over T = 1 halves when η halves (sum of T/η steps of size O(η²))
        DeepLinearNetwork w0 = DeepLinearNetwork.gaussian(3, 4, 0.5, new SplittableRandom(9));
        SquareLoss loss = SquareLoss.of(RandomMatrices.gaussian(4, 4, 0.5, 10));
        double a = BalancedManifold.defectDrift(w0, w0.gradientDescent(loss, 1e-2, 100));
        double b = BalancedManifold.defectDrift(w0, w0.gradientDescent(loss, 5e-3, 200));
        assertEquals(2.0, a / b, 0.1);
    }

    @Test
    void badInput() {
        SplittableRandom rnd = new SplittableRandom(7);
        DMatrixRMaj singular = new DMatrixRMaj(new double[][]{{1, 2}, {2, 4}});
        assertBadArgument("X", () -> BalancedManifold.fibrePoint(singular, 3, rnd));
        assertBadArgument("N", () -> BalancedManifold.fibrePoint(CommonOps_DDRM.identity(2), 0, rnd));
        assertBadArgument("interiorFrames[0]", () -> BalancedManifold.fibrePoint(CommonOps_DDRM.identity(2), 2,
                List.of(new DMatrixRMaj(new double[][]{{1, 1}, {0, 1}}))));
        assertBadArgument("interiorFrames", () -> BalancedManifold.fibrePoint(CommonOps_DDRM.identity(2), 3,
                List.of(CommonOps_DDRM.identity(2))));
        DeepLinearNetwork unbalanced = DeepLinearNetwork.gaussian(3, 2, 1, rnd);
        assertBadArgument("w", () -> BalancedManifold.horizontalLift(unbalanced, CommonOps_DDRM.identity(2)));
        // balanced but singular: W_p = diag(1, 0)
        DMatrixRMaj e = new DMatrixRMaj(new double[][]{{1, 0}, {0, 0}});
        DeepLinearNetwork sing = DeepLinearNetwork.of(e, e, e);
        assertBadArgument("X", () -> BalancedManifold.horizontalLift(sing, CommonOps_DDRM.identity(2)));
        assertBadArgument("d", () -> BalancedManifold.dimension(0, 2));
        FibrePoint pt = BalancedManifold.fibrePoint(CommonOps_DDRM.identity(2), 3, rnd);
        assertBadArgument("generators[0]", () -> pt.orbitTangent(new DMatrixRMaj[]{
                CommonOps_DDRM.identity(2), new DMatrixRMaj(2, 2)}));
        assertBadArgument("p", () -> pt.orbitTangent(3, 0, 1));
    }
}
