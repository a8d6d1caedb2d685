package cartan.dln;

import cartan.linalg.RandomMatrices;
import cartan.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static cartan.dln.DlnTesting.assertBadArgument;
import static cartan.dln.DlnTesting.diffNorm;
import static cartan.dln.DlnTesting.dot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tools added for the rank strata (Theorem 3) and the volume disintegration: each against an independent route. */
class StratumAndVolumeTest {

    private static DMatrixRMaj rankK(int d, int k, SplittableRandom rnd) {
        Svd s = Svd.of(RandomMatrices.gaussian(d, d, 1, rnd));
        double[] sg = s.sigma().clone();
        for (int i = k; i < d; i++) {
            sg[i] = 0;
        }
        return s.compose(sg);
    }

    @Test
    void differentialMatrixAndVectorRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(1);
        DeepLinearNetwork w = DeepLinearNetwork.gaussian(3, 3, 1, rnd);
        DeepLinearNetwork v = DeepLinearNetwork.gaussian(3, 3, 1, rnd);
        assertEquals(0, diffNorm(v.layer(2), DeepLinearNetwork.fromVector(3, 3, v.toVector()).layer(2)));
        DMatrixRMaj jv = new DMatrixRMaj(9, 1);
        CommonOps_DDRM.mult(w.differentialMatrix(), new DMatrixRMaj(27, 1, true, v.toVector()), jv);
        assertTrue(diffNorm(new DMatrixRMaj(3, 3, true, jv.data), w.differential(v)) < 1e-13);
    }

    @Test
    void minimumNormPreimageIsThePreimageOfLeastNorm() {
        SplittableRandom rnd = new SplittableRandom(2);
        DeepLinearNetwork w = DeepLinearNetwork.gaussian(3, 3, 1, rnd);     // unbalanced: no lift formula applies
        DMatrixRMaj z = RandomMatrices.gaussian(3, 3, 1, rnd);
        DeepLinearNetwork pre = w.minimumNormPreimage(z);
        assertTrue(diffNorm(w.differential(pre), z) < 1e-12);
        // adding any kernel direction k = v − pinv(J) J v makes it longer, and pre is orthogonal to it
        for (int t = 0; t < 5; t++) {
            DeepLinearNetwork v = DeepLinearNetwork.gaussian(3, 3, 1, rnd);
            DeepLinearNetwork kernel = v.plus(w.minimumNormPreimage(w.differential(v)), -1);
            assertTrue(w.differential(kernel).data.length == 9 && NormOps_DDRM.normF(w.differential(kernel)) < 1e-12);
            assertEquals(0, pre.inner(kernel), 1e-12 * pre.norm() * kernel.norm());
        }
        // at a balanced point it is the horizontal lift (dφ)ᵀA⁻¹(Z)
        DeepLinearNetwork wb = BalancedManifold.balanced(RandomMatrices.gaussian(3, 3, 1, rnd), 3, rnd);
        DeepLinearNetwork lift = BalancedManifold.horizontalLift(wb, z);
        assertTrue(lift.plus(wb.minimumNormPreimage(z), -1).norm() < 1e-10 * lift.norm());
    }

    @Test
    void tangencyAndVerticalFraction() {
        SplittableRandom rnd = new SplittableRandom(3);
        FibrePoint pt = BalancedManifold.fibrePoint(RandomMatrices.gaussian(3, 3, 1, rnd), 4, rnd);
        DeepLinearNetwork w = pt.network();
        DeepLinearNetwork vertical = pt.orbitTangent(1, 0, 2).plus(pt.orbitTangent(3, 1, 2), 0.7);
        DeepLinearNetwork horizontal = BalancedManifold.horizontalLift(w, RandomMatrices.gaussian(3, 3, 1, rnd));
        DeepLinearNetwork generic = DeepLinearNetwork.gaussian(4, 3, 1, rnd);
        assertTrue(BalancedManifold.tangency(w, vertical) < 1e-14);
        assertTrue(BalancedManifold.tangency(w, horizontal) < 1e-14);
        assertTrue(BalancedManifold.tangency(w, generic) > 1e-2);
        assertEquals(1, pt.verticalFraction(vertical), 1e-12);
        assertEquals(0, pt.verticalFraction(horizontal), 1e-7);
        // ‖P v‖² through the orthonormal Jacobi basis, an independent construction of the projection
        double p2 = 0;
        for (DeepLinearNetwork e : JacobiBasis.orthonormalOrbitBasis(pt)) {
            p2 += Math.pow(generic.inner(e), 2);
        }
        assertEquals(Math.sqrt(p2) / generic.norm(), pt.verticalFraction(generic), 1e-12);
        assertEquals(BalancedManifold.dimension(3, 4) - 9, BalancedManifold.spanDimension(pt.orbitTangents()));
        // in the frames W itself is Λ on the diagonal
        DMatrixRMaj lam = CommonOps_DDRM.diag(pt.lambda());
        for (DMatrixRMaj m : pt.inFrames(w)) {
            assertTrue(diffNorm(m, lam) < 1e-13);
        }
        assertBadArgument("v", () -> pt.verticalFraction(DeepLinearNetwork.zero(4, 3)));
    }

    @Test
    void stratumPointIsBalancedOverARankKMatrix() {
        SplittableRandom rnd = new SplittableRandom(4);
        DMatrixRMaj x = rankK(4, 2, rnd);
        DeepLinearNetwork w = BalancedManifold.stratumPoint(x, 3, rnd).network();
        assertTrue(diffNorm(w.endToEnd(), x) < 1e-13);
        assertTrue(BalancedManifold.maxDefect(w) < 1e-13);
        for (int p = 1; p <= 3; p++) {
            assertEquals(2, BalancedManifold.numericalRank(w.layer(p)));
        }
    }

    @Test
    void rankStratumTangentSpaceMetricAndGradient() {
        SplittableRandom rnd = new SplittableRandom(5);
        int d = 4;
        for (int k = 1; k <= 4; k++) {
            DMatrixRMaj x = rankK(d, k, rnd);
            RankStratum m = RankStratum.of(x, 3);
            assertEquals(k, m.rank());
            // dimension = rank of the projection onto T_X M_k as a d² × d² matrix
            DMatrixRMaj proj = new DMatrixRMaj(d * d, d * d);
            for (int c = 0; c < d * d; c++) {
                DMatrixRMaj e = new DMatrixRMaj(d, d);
                e.data[c] = 1;
                DMatrixRMaj pe = m.tangentProjection(e);
                for (int r = 0; r < d * d; r++) {
                    proj.set(r, c, pe.data[r]);
                }
            }
            assertEquals(k * (2 * d - k), BalancedManifold.numericalRank(proj));
            assertEquals(k * (2 * d - k), m.dimension());
            // the gradient of g_N is dφ dφᵀ(∇E) at a balanced point over X (the layers' route), and lies in T_X M_k
            DMatrixRMaj g = RandomMatrices.gaussian(d, d, 1, rnd);
            DMatrixRMaj grad = m.gradient(g);
            DeepLinearNetwork wk = BalancedManifold.stratumPoint(x, 3, rnd).network();
            assertTrue(diffNorm(grad, wk.differential(wk.adjointDifferential(g))) < 1e-12 * NormOps_DDRM.normF(grad));
            assertTrue(NormOps_DDRM.normF(m.normalPart(grad)) < 1e-12 * NormOps_DDRM.normF(grad));
            // Riesz: g_N(Z, grad E) = ⟨Z, ∇E⟩ for tangent Z
            DMatrixRMaj z = m.tangentProjection(RandomMatrices.gaussian(d, d, 1, rnd));
            assertEquals(dot(z, g), m.metric(z, grad), 1e-11 * (1 + Math.abs(dot(z, g))));
            // the metric is the submersion metric: squared norm of the minimum-norm preimage at a balanced point
            DeepLinearNetwork w = BalancedManifold.stratumPoint(x, 3, rnd).network();
            DeepLinearNetwork pre = w.minimumNormPreimage(z);
            assertEquals(pre.inner(pre), m.metric(z), 1e-8 * m.metric(z));
            // N = 1: Frobenius metric and projected gradient
            RankStratum one = RankStratum.of(x, 1);
            assertEquals(dot(z, z), one.metric(z), 1e-12 * dot(z, z));
            assertTrue(diffNorm(one.gradient(g), m.tangentProjection(g)) < 1e-12);
            if (k < d) {
                assertBadArgument("Z", () -> m.metric(g));
            }
        }
        // full rank: the closed form of EndToEndOperator
        DMatrixRMaj x = RandomMatrices.gaussian(3, 3, 1, rnd);
        DMatrixRMaj z = RandomMatrices.gaussian(3, 3, 1, rnd);
        assertEquals(EndToEndOperator.of(x, 4).metric(z), RankStratum.of(x, 4).metric(z), 1e-12);
    }

    @Test
    void integrateRunsAnyMatrixOde() {
        // Ẋ = −X from I: e^{−T} I
        DMatrixRMaj x = EndToEndFlow.integrate(m -> {
            DMatrixRMaj v = m.copy();
            CommonOps_DDRM.scale(-1, v);
            return v;
        }, CommonOps_DDRM.identity(2), 1e-2, 100);
        assertEquals(Math.exp(-1), x.get(0, 0), 1e-10);
        assertEquals(0, x.get(0, 1), 0);
        assertThrows(IllegalStateException.class, () -> EndToEndFlow.integrate(m -> {
            DMatrixRMaj v = m.copy();
            CommonOps_DDRM.elementPower(v, 3, v);
            CommonOps_DDRM.scale(1e6, v);
            return v;
        }, CommonOps_DDRM.identity(2), 1, 50));
    }

    @Test
    void polarChartIsBalancedAndItsVolumeElementMatchesAHandComputation() {
        SplittableRandom rnd = new SplittableRandom(6);
        List<DMatrixRMaj> r = new ArrayList<>();
        r.add(RandomMatrices.haarOrthogonal(3, rnd));
        r.add(RandomMatrices.haarOrthogonal(3, rnd));
        DeepLinearNetwork w = PolarChart.network(RandomMatrices.gaussian(3, 3, 1, rnd), r);
        assertTrue(BalancedManifold.maxDefect(w) < 1e-12);
        // at W_1 = I, θ = 0 (either circle) the Jacobian columns are (E_k, R·sym(E_k)) and (0, R'(0)); by hand
        // the Gram matrix is diag-block (2, [[1.5, .5], [.5, 1.5]], 2, 2) with determinant 16
        for (boolean refl : new boolean[]{false, true}) {
            assertEquals(4, PolarChart.volumeElement(CommonOps_DDRM.identity(2), new double[]{0}, new boolean[]{refl}), 1e-8);
        }
        // the width-2 chart agrees with the general one
        DMatrixRMaj w1 = RandomMatrices.gaussian(2, 2, 1, rnd);
        DeepLinearNetwork two = PolarChart.network(w1, List.of(PolarChart.orthogonal2(0.3, true), PolarChart.orthogonal2(2.0, false)));
        assertTrue(BalancedManifold.maxDefect(two) < 1e-13);
    }

    @Test
    void polarMonteCarloAtDepthOneIsTheGaussianIntegral() {
        // N = 1: M = GL_2 with the Lebesgue measure, ∫ e^{−‖X‖²/2} dX = (2π)²
        PolarChart.Estimate e = PolarChart.integrate(x -> Math.exp(-0.5 * Math.pow(NormOps_DDRM.normF(x), 2)), 1, 20000, 1.2, 7);
        assertEquals(4 * Math.PI * Math.PI, e.mean(), 4 * e.standardError());
        assertTrue(e.standardError() < 0.02 * e.mean());
    }

    @Test
    void gl2QuadratureMatchesClosedFormsAndMonteCarlo() {
        // ∫ e^{−‖X‖²/2} ‖X‖² dX = 4 (2π)²
        assertEquals(16 * Math.PI * Math.PI,
                Disintegration.integrateOverGl2((a, b) -> Math.exp(-(a * a + b * b) / 2) * (a * a + b * b), 1, 12), 1e-8);
        // a bounded function of the singular values against Gaussian sampling: (2π)² E[σ_2/σ_1]
        SplittableRandom rnd = new SplittableRandom(8);
        double sum = 0;
        double sum2 = 0;
        int n = 40000;
        for (int s = 0; s < n; s++) {
            double[] sg = cartan.linalg.SingularValues.of(RandomMatrices.gaussian(2, 2, 1, rnd));
            sum += sg[1] / sg[0];
            sum2 += Math.pow(sg[1] / sg[0], 2);
        }
        double mean = sum / n;
        double se = Math.sqrt((sum2 / n - mean * mean) / n);
        double quad = Disintegration.integrateOverGl2((a, b) -> Math.exp(-(a * a + b * b) / 2) * b / a, 1, 12) / (4 * Math.PI * Math.PI);
        assertEquals(mean, quad, 4 * se);
        // an integrable singularity σ_2^{−2/3} is handled by the substitution of order 3
        double sing = Disintegration.integrateOverGl2((a, b) -> Math.exp(-(a * a + b * b) / 2) * Math.pow(b, -2.0 / 3), 3, 12);
        double coarse = Disintegration.integrateOverGl2((a, b) -> Math.exp(-(a * a + b * b) / 2) * Math.pow(b, -2.0 / 3), 3, 11);
        assertEquals(sing, coarse, 1e-9 * sing);
    }

    @Test
    void pushforwardDensityAtWidthOneCountsSignPreimages() {
        // d = 1: w_{p+1} = ±w_p, x = ±|w|^N; the volume element is √N dw and 2^{N−1} sign patterns reach each x,
        // so the density is 2^{N−1} √N / (N |x|^{(N−1)/N})
        for (int n = 1; n <= 5; n++) {
            double x = 0.37;
            double expected = Math.pow(2, n - 1) / Math.sqrt(n) / Math.pow(x, 1 - 1.0 / n);
            assertEquals(Math.log(expected), Disintegration.logDensity(new double[]{x}, n), 1e-13);
        }
    }

    @Test
    void pushforwardDensityIsFibreVolumeOverTheNormalJacobian() {
        // ρ = c_d^{N−1} √det(orbit Gram) / √det A_{N,X} (d² × d² matrix of A), computed from explicit tangents
        SplittableRandom rnd = new SplittableRandom(9);
        double[] sigma = {2.2, 1.1, 0.4};
        for (int n = 2; n <= 4; n++) {
            DMatrixRMaj x = RandomMatrices.withSingularValues(sigma, rnd);
            FibrePoint pt = BalancedManifold.fibrePoint(x, n, rnd);
            double logDetA = Math.log(CommonOps_DDRM.det(EndToEndOperator.of(x, n).matrix()));
            double expected = (n - 1) * DlnEntropy.logVolumeOrthogonalGroup(3) + pt.halfLogDetOrbitGram() - 0.5 * logDetA;
            assertEquals(expected, Disintegration.logDensity(sigma, n), 1e-10);
        }
    }

    @Test
    void badInput() {
        assertBadArgument("X", () -> RankStratum.of(new DMatrixRMaj(2, 3), 2));
        assertBadArgument("N", () -> RankStratum.of(CommonOps_DDRM.identity(2), 0));
        assertBadArgument("W1", () -> PolarChart.volumeElement(CommonOps_DDRM.identity(3), new double[]{0}, new boolean[]{false}));
        assertBadArgument("reflections", () -> PolarChart.volumeElement(CommonOps_DDRM.identity(2), new double[]{0}, new boolean[0]));
        assertBadArgument("rotations[0]", () -> PolarChart.network(CommonOps_DDRM.identity(2), List.of(new DMatrixRMaj(new double[][]{{2, 0}, {0, 1}}))));
        assertBadArgument("tau", () -> PolarChart.integrate(x -> 1, 2, 10, 0, 1));
        assertBadArgument("sigma", () -> Disintegration.logDensity(new double[]{1, 0}, 2));
        assertBadArgument("f", () -> Disintegration.integrateOverGl2((a, b) -> Double.NaN, 1, 3));
        assertBadArgument("v", () -> DeepLinearNetwork.fromVector(2, 2, new double[7]));
    }
}
