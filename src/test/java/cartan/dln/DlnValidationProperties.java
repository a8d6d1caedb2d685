package cartan.dln;

import cartan.ValidationSweep;
import cartan.linalg.RandomMatrices;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to cartan.dln is rejected by name; the relative entropy of X depends on its singular
 * values only (X and U X V agree), balanced points have no defect, and nothing is NaN.
 */
class DlnValidationProperties {

    @Test
    void reflectiveSweep() {
        for (Class<?> c : List.of(BalancedManifold.class, DeepLinearNetwork.class, DlnEntropy.class, EndToEndOperator.class,
                JacobiBasis.class, SquareLoss.class, RankStratum.class, PolarChart.class, Disintegration.class, cartan.linalg.Svd.class, GatedLinearNetwork.class,
                ModeDynamics.class)) {
            ValidationSweep.assertAllRejected(c);
        }
    }

    @Test
    void handWrittenBadInput() {
        rejects("sigma", () -> DlnEntropy.entropy((double[]) null, 3));
        rejects("sigma", () -> DlnEntropy.relative(new double[]{1, Double.NaN}, 3));
        rejects("N", () -> DlnEntropy.relative(new double[]{2, 1}, 0));
        rejects("X", () -> DlnEntropy.relative(new DMatrixRMaj(new double[][]{{1, 2, 3}}), 2));
        rejects("N", () -> DeepLinearNetwork.of(List.of()));
        rejects("depth", () -> DeepLinearNetwork.gaussian(0, 3, 1, new SplittableRandom(1)));
        rejects("X", () -> BalancedManifold.balanced(new DMatrixRMaj(new double[][]{{Double.NaN}}), 2, new SplittableRandom(1)));
        rejects("target", () -> SquareLoss.of(new DMatrixRMaj(0, 0)));
    }

    @Property(tries = 30)
    void entropyDependsOnSingularValuesOnly(@ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 6) int depth,
                                            @ForAll long seed) {
        DMatrixRMaj x = RandomMatrices.gaussian(d, d, 1, seed);
        for (int i = 0; i < d; i++) {
            x.add(i, i, 3);                                   // keep X well conditioned
        }
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        DMatrixRMaj uxv = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(RandomMatrices.haarOrthogonal(d, seed + 1), x, t);
        CommonOps_DDRM.mult(t, RandomMatrices.haarOrthogonal(d, seed + 2), uxv);
        double r = DlnEntropy.relative(x, depth);
        double e = DlnEntropy.entropy(x, depth);
        assertTrue(Double.isFinite(r) && Double.isFinite(e));
        assertEquals(r, DlnEntropy.relative(uxv, depth), 1e-8 * (1 + Math.abs(r)));
        assertEquals(e, DlnEntropy.entropy(uxv, depth), 1e-8 * (1 + Math.abs(e)));
        DeepLinearNetwork w = BalancedManifold.balanced(x, depth, new SplittableRandom(seed));
        assertTrue(BalancedManifold.maxDefect(w) < 1e-8 * (1 + CommonOps_DDRM.elementMaxAbs(x)));
    }
}
