package cartan.curvature;

import cartan.fit.Ols;

import cartan.ValidationSweep;
import cartan.linalg.RandomMatrices;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to cartan.curvature is rejected by name; participation ratios and curvature exponents
 * are scale invariant, the Lanczos spectrum of Q D Qᵀ is that of D, and none of them is NaN.
 */
class CurvatureValidationProperties {

    @Test
    void reflectiveSweep() {
        for (Class<?> c : List.of(CurvatureExponents.class, Ols.class, ParticipationRatio.class, SpectralNewton.class,
                GradientAlignment.class)) {
            ValidationSweep.assertAllRejected(c);
        }
    }

    @Test
    void handWrittenBadInput() {
        rejects("sigma", () -> CurvatureExponents.alphaFit(null, new double[]{1, 2, 3}));
        rejects("sigma", () -> CurvatureExponents.alphaFit(new double[0], new double[0]));
        rejects("h", () -> CurvatureExponents.alphaFit(new double[]{3, 2, 1}, new double[]{1, 2}));
        rejects("sigma", () -> CurvatureExponents.gammaFit(new double[]{1, Double.NaN, 1}));
        rejects("h", () -> CurvatureExponents.sFit(null));
        rejects("window", () -> CurvatureExponents.fit(new double[]{3, 2, 1}, new double[]{3, 2, 1}, 2));
        rejects("h", () -> ParticipationRatio.of(new double[]{1, Double.POSITIVE_INFINITY}));
        rejects("y", () -> Ols.fit(new double[]{1, 2, 3}, new double[]{1, 2}));
        LinearOperator op = LinearOperator.of(CommonOps_DDRM.identity(4));
        rejects("samples", () -> HutchinsonTrace.estimate(op, 0, 1L));
        rejects("steps", () -> SpectralDensity.estimate(op, 2, 0, 1L));
        rejects("start", () -> Lanczos.run(op, new double[]{1, Double.NaN, 0, 0}, 3));
        rejects("start", () -> Lanczos.run(op, new double[]{1, 0}, 3));
        rejects("k", () -> Lanczos.topEigenvalues(op, 0, 3, 1L));
        ValidationSweep.assertAllRejectedOn(HutchinsonTrace.estimate(op, 5, 1L));     // lower/upper(z) gave NaN
        ValidationSweep.assertAllRejectedOn(SpectralDensity.estimate(op, 2, 3, 1L));
    }

    @Property(tries = 40)
    void participationRatioAndExponentsAreScaleInvariant(@ForAll @IntRange(min = 5, max = 60) int n,
                                                         @ForAll @DoubleRange(min = 0.2, max = 3) double p,
                                                         @ForAll @IntRange(min = -20, max = 20) int log2c) {
        double c = Math.scalb(1.0, log2c);
        double[] h = new double[n];
        double[] ch = new double[n];
        double[] sigma = new double[n];
        for (int k = 0; k < n; k++) {
            h[k] = Math.pow(k + 1, -p);
            ch[k] = c * h[k];
            sigma[k] = Math.pow(k + 1, -0.5 * p);
        }
        double pr = ParticipationRatio.of(h);
        assertTrue(Double.isFinite(pr));
        assertEquals(pr, ParticipationRatio.of(ch), 1e-12 * pr);
        Ols s = CurvatureExponents.sFit(h);
        Ols sc = CurvatureExponents.sFit(ch);
        assertEquals(p, -s.slope(), 1e-9);
        assertEquals(s.slope(), sc.slope(), 1e-9);
        Ols a = CurvatureExponents.alphaFit(sigma, h);
        assertEquals(2, a.slope(), 1e-9);                     // h = σ² exactly
        assertEquals(a.slope(), CurvatureExponents.alphaFit(sigma, ch).slope(), 1e-9);
    }

    @Property(tries = 20)
    void lanczosSeesTheSpectrumOfAnyRotation(@ForAll @IntRange(min = 2, max = 10) int d, @ForAll long seed) {
        DMatrixRMaj q = RandomMatrices.haarOrthogonal(d, seed);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        DMatrixRMaj diag = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            diag.set(i, i, d - i);
        }
        CommonOps_DDRM.mult(q, diag, t);
        CommonOps_DDRM.multTransB(t, q, m);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
        double[] top = Lanczos.topEigenvalues(LinearOperator.of(m), Math.min(2, d), d, seed);
        assertEquals(d, top[0], 1e-8 * d);
        HutchinsonTrace h = HutchinsonTrace.estimate(LinearOperator.of(m), 50, seed);
        assertTrue(Double.isFinite(h.estimate()) && Double.isFinite(h.standardError()));
    }
}
