package cartan.dln;

import cartan.linalg.RandomMatrices;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Randomised checks of the closed forms against independent computations, over depth, width and seed. */
class DlnProperties {

    @Property(tries = 40)
    void closedFormMetricMatchesLinearSolveAndLift(@ForAll @IntRange(min = 1, max = 7) int depth,
                                                   @ForAll @IntRange(min = 1, max = 4) int width,
                                                   @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] sigma = new double[width];
        for (int i = 0; i < width; i++) {
            sigma[i] = 0.2 + 3 * rnd.nextDouble();
        }
        DMatrixRMaj x = RandomMatrices.withSingularValues(sigma, rnd);
        DMatrixRMaj z = RandomMatrices.gaussian(width, width, 1, rnd);
        EndToEndOperator op = EndToEndOperator.of(x, depth);
        double closed = op.metric(z);
        assertEquals(op.metricBySolve(z), closed, 1e-11 * closed);
        DeepLinearNetwork lift = BalancedManifold.horizontalLift(BalancedManifold.balanced(x, depth, rnd), z);
        assertEquals(lift.inner(lift), closed, 1e-11 * closed);
    }

    @Property(tries = 40)
    void entropyIsTheHalfLogDetOfTheOrbitGram(@ForAll @IntRange(min = 1, max = 6) int depth,
                                             @ForAll @IntRange(min = 1, max = 4) int width,
                                             @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] sigma = new double[width];
        for (int i = 0; i < width; i++) {
            sigma[i] = 0.2 + 3 * rnd.nextDouble();
        }
        if (rnd.nextBoolean() && width >= 2) {
            sigma[1] = sigma[0]; // exact collision: the documented limit must still be the Gram determinant
        }
        FibrePoint point = BalancedManifold.fibrePoint(RandomMatrices.withSingularValues(sigma, rnd), depth, rnd);
        double gram = point.halfLogDetOrbitGram();
        assertEquals(gram, DlnEntropy.relative(sigma, depth), 1e-10);
        assertTrue(Double.isFinite(gram));
    }
}
