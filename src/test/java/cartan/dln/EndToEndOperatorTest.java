package cartan.dln;

import cartan.linalg.Svd;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.dln.DlnTesting.assertBadArgument;
import static cartan.dln.DlnTesting.diffNorm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndToEndOperatorTest {

    // the fixed X and P of src/test/resources/cartan/dln/reference.py
    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][]{
            {1.2, -0.3, 0.5}, {0.4, 0.9, -0.2}, {-0.1, 0.6, 1.1}});
    private static final DMatrixRMaj P = new DMatrixRMaj(new double[][]{
            {0.3, -1.0, 0.2}, {0.7, 0.1, -0.4}, {-0.5, 0.8, 0.6}});

    @Test
    void applyMatchesScipyFractionalPowers() {
        // reference.py: scipy.linalg.fractional_matrix_power
        double[] expected = {1.3807435944446143, -3.7050477944004108, 0.7096519739508584,
                2.21918586369517, 0.2765327948586508, -0.920346046052165,
                -1.6244688764361384, 3.038930297873056, 2.371879764017173};
        DMatrixRMaj a = EndToEndOperator.of(X, 3).apply(P);
        assertTrue(diffNorm(new DMatrixRMaj(3, 3, true, expected), a) < 1e-13);
    }

    @Test
    void metricMatchesNumpyKroneckerSolve() {
        // reference.py: numpy.linalg.solve on Σ_p kron(L_p, R_p)
        EndToEndOperator a = EndToEndOperator.of(X, 3);
        assertEquals(0.8626257322577533, a.metric(P), 1e-13);
        assertEquals(0.8626257322577533, a.metricBySolve(P), 1e-13);
    }

    @Test
    void operatorAgreesWithItsSpectralD2Matrix() {
        // independent d²×d² matrix Σ_ij a_ij vec(u_i v_jᵀ) vec(u_i v_jᵀ)ᵀ, a_ij by a direct power sum
        int d = 4;
        int n = 5;
        DMatrixRMaj x = RandomMatrices.gaussian(d, d, 1, 21);
        EndToEndOperator op = EndToEndOperator.of(x, n);
        Svd svd = Svd.of(x);
        DMatrixRMaj m = new DMatrixRMaj(d * d, d * d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double a = 0;
                for (int p = 1; p <= n; p++) {
                    a += Math.pow(svd.sigma()[i], 2.0 * (n - p) / n) * Math.pow(svd.sigma()[j], 2.0 * (p - 1) / n);
                }
                double[] vec = new double[d * d];
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) {
                        vec[r * d + c] = svd.u().get(r, i) * svd.v().get(c, j);
                    }
                }
                for (int r = 0; r < d * d; r++) {
                    for (int c = 0; c < d * d; c++) {
                        m.add(r, c, a * vec[r] * vec[c]);
                    }
                }
                assertEquals(a, op.eigenvalue(i, j), 1e-13 * a);
            }
        }
        assertTrue(diffNorm(m, op.matrix()) < 1e-12 * (1 + CommonOps_DDRM.elementMaxAbs(m)));
        DMatrixRMaj pm = RandomMatrices.gaussian(d, d, 1, 22);
        DMatrixRMaj viaMatrix = new DMatrixRMaj(d * d, 1);
        CommonOps_DDRM.mult(m, new DMatrixRMaj(d * d, 1, true, pm.data), viaMatrix);
        assertTrue(diffNorm(new DMatrixRMaj(d, d, true, viaMatrix.data), op.apply(pm)) < 1e-12);
    }

    @Test
    void operatorIsDphiDphiTransposeAtBalancedPoints() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int n = 1; n <= 5; n++) {
            DMatrixRMaj x = RandomMatrices.gaussian(3, 3, 1, rnd);
            DeepLinearNetwork w = BalancedManifold.balanced(x, n, rnd);
            DMatrixRMaj g = RandomMatrices.gaussian(3, 3, 1, rnd);
            DMatrixRMaj lhs = w.differential(w.adjointDifferential(g));
            DMatrixRMaj rhs = EndToEndOperator.of(w.endToEnd(), n).apply(g);
            assertTrue(diffNorm(lhs, rhs) < 1e-12 * (1 + diffNorm(rhs, new DMatrixRMaj(3, 3))), "N=" + n);
        }
    }

    @Test
    void closedFormInverseAgreesWithLinearSolveAndInvertsApply() {
        int d = 4;
        DMatrixRMaj x = RandomMatrices.withSingularValues(new double[]{2.5, 1.4, 0.8, 0.3}, new SplittableRandom(30));
        EndToEndOperator op = EndToEndOperator.of(x, 4);
        DMatrixRMaj z = RandomMatrices.gaussian(d, d, 1, 31);
        DMatrixRMaj a = op.inverseApply(z);
        DMatrixRMaj b = op.inverseApplyBySolve(z);
        assertTrue(diffNorm(a, b) < 1e-12);
        assertTrue(diffNorm(op.apply(a), z) < 1e-12);
        assertEquals(op.metricBySolve(z), op.metric(z), 1e-12 * op.metric(z));
        // bilinear form is symmetric and polarises correctly
        DMatrixRMaj z2 = RandomMatrices.gaussian(d, d, 1, 32);
        DMatrixRMaj sum = z.copy();
        CommonOps_DDRM.addEquals(sum, z2);
        assertEquals(op.metric(sum), op.metric(z) + 2 * op.metric(z, z2) + op.metric(z2), 1e-12 * op.metric(sum));
    }

    @Test
    void repeatedSingularValuesUseTheLimit() {
        // X with σ = (2, 2, 0.5): closed form must agree with the linear solve (no 0/0)
        DMatrixRMaj x = RandomMatrices.withSingularValues(new double[]{2, 2, 0.5}, new SplittableRandom(40));
        EndToEndOperator op = EndToEndOperator.of(x, 3);
        DMatrixRMaj z = RandomMatrices.gaussian(3, 3, 1, 41);
        assertEquals(op.metricBySolve(z), op.metric(z), 1e-12 * op.metric(z));
        assertEquals(3 * Math.pow(2, 2 - 2.0 / 3), op.eigenvalue(0, 1), 1e-12);
    }

    @Test
    void depthOneIsTheIdentity() {
        EndToEndOperator op = EndToEndOperator.of(new DMatrixRMaj(new double[][]{{1, 2}, {2, 4}}), 1);
        DMatrixRMaj z = RandomMatrices.gaussian(2, 2, 1, 50);
        assertTrue(diffNorm(op.apply(z), z) < 1e-15);
        assertTrue(diffNorm(op.inverseApply(z), z) < 1e-14);
    }

    @Test
    void badInput() {
        assertBadArgument("N", () -> EndToEndOperator.of(X, 0));
        assertBadArgument("X", () -> EndToEndOperator.of(new DMatrixRMaj(2, 3), 2));
        DMatrixRMaj singular = new DMatrixRMaj(new double[][]{{1, 2}, {2, 4}});
        EndToEndOperator op = EndToEndOperator.of(singular, 3);
        DMatrixRMaj z = CommonOps_DDRM.identity(2);
        op.apply(z); // A itself is defined at singular X
        assertBadArgument("X", () -> op.inverseApply(z));
        assertBadArgument("X", () -> op.inverseApplyBySolve(z));
        assertBadArgument("X", () -> op.metric(z));
        assertBadArgument("P", () -> op.apply(new DMatrixRMaj(3, 3)));
        assertBadArgument("N", () -> new EndToEndFlow(0, x -> x));
        assertBadArgument("loss", () -> new EndToEndFlow(2, null));
    }
}
