package cartan.nn;

import cartan.ValidationSweep;
import cartan.linalg.RandomMatrices;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to cartan.nn is rejected by name; softmax is invariant under adding a constant to a row and
 * finite even for logits near the double range; network losses are finite.
 */
class NnValidationProperties {

    @Test
    void reflectiveSweep() {
        for (Class<?> c : List.of(Loss.class, Params.class, Network.class, Activation.class)) {
            if (!ValidationSweep.cases(c).isEmpty()) {
                ValidationSweep.assertAllRejected(c);
            }
        }
        ValidationSweep.assertAllRejectedOn(Network.mlp(new int[]{3, 4, 2}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 1L));
    }

    @Test
    void handWrittenBadInput() {
        rejects("z", () -> Loss.softmax(new DMatrixRMaj(new double[][]{{1, Double.NaN}})));
        rejects("z", () -> Loss.softmax(new DMatrixRMaj(0, 0)));
        rejects("w", () -> Params.weightOnly(null));
        rejects("size", () -> Activation.relu(0));
        rejects("labels", () -> Network.oneHot(new int[]{0, 3}, 3));
        rejects("classes", () -> Network.oneHot(new int[]{0}, 0));
        rejects("classes", () -> Network.oneHot(new int[]{0}, -1));   // was NegativeArraySizeException
        rejects("widths", () -> Network.mlp(new int[]{4}, Activation.Kind.RELU, Loss.SQUARED, 1L));
        Network net = Network.mlp(new int[]{3, 4, 2}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 1L);
        rejects("x", () -> net.pass(new DMatrixRMaj(2, 5), new int[]{0, 1}));
        rejects("labels", () -> net.pass(new DMatrixRMaj(2, 3), new int[]{0}));
        rejects("flat", () -> net.withFlatParameters(new double[3]));
        rejects("x", () -> net.accuracy(null, new int[]{0}, 1));                          // was NullPointerException
    }

    @Property(tries = 40)
    void softmaxIsShiftInvariantAndFinite(@ForAll @IntRange(min = 1, max = 6) int rows, @ForAll @IntRange(min = 1, max = 9) int cols,
                                          @ForAll long seed, @ForAll @DoubleRange(min = -1e300, max = 1e300) double shift) {
        DMatrixRMaj z = RandomMatrices.gaussian(rows, cols, 3, seed);
        DMatrixRMaj zs = z.copy();
        for (int i = 0; i < zs.data.length; i++) {
            zs.data[i] += shift;
        }
        DMatrixRMaj p = Loss.softmax(z);
        DMatrixRMaj ps = Loss.softmax(zs);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                assertTrue(Double.isFinite(ps.get(r, c)) && ps.get(r, c) >= 0);
                sum += ps.get(r, c);
                if (Math.abs(shift) < 1e3) {
                    assertEquals(p.get(r, c), ps.get(r, c), 1e-9);
                }
            }
            assertEquals(1, sum, 1e-12);
        }
    }

    @Property(tries = 20)
    void networkLossIsFinite(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int batch) {
        Network net = Network.mlp(new int[]{4, 6, 3}, Activation.Kind.RELU, Loss.SOFTMAX_CROSS_ENTROPY, seed);
        DMatrixRMaj x = RandomMatrices.gaussian(batch, 4, 10, seed + 1);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % 3;
        }
        Pass pass = net.pass(x, labels);
        assertTrue(Double.isFinite(pass.loss()) && pass.loss() >= 0);
        for (double g : pass.flatGradient()) {
            assertTrue(Double.isFinite(g));
        }
    }
}
