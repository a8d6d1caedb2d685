package cartan.nn;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationRegionTest {

    /** J(x) against central differences of the network's own forward pass, with nonzero biases. */
    @Test
    void jacobianMatchesFiniteDifferencesOfTheForwardPass() {
        SplittableRandom random = new SplittableRandom(9);
        Network net = Network.mlp(new int[]{5, 7, 6, 3}, Activation.Kind.RELU, Loss.SQUARED, 4);
        double[] flat = net.flatParameters();
        for (int i = 0; i < flat.length; i++) {
            flat[i] += 0.1 * RandomMatrices.standardNormal(random);
        }
        net = net.withFlatParameters(flat);
        double[] x = new double[5];
        for (int i = 0; i < 5; i++) {
            x[i] = RandomMatrices.standardNormal(random);
        }
        ActivationRegion region = ActivationRegion.of(net, x);
        double h = 1e-6;
        for (int c = 0; c < 5; c++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[c] += h;
            down[c] -= h;
            DMatrixRMaj fu = net.predict(new DMatrixRMaj(1, 5, true, up), 1);
            DMatrixRMaj fd = net.predict(new DMatrixRMaj(1, 5, true, down), 1);
            for (int r = 0; r < 3; r++) {
                assertEquals((fu.get(0, r) - fd.get(0, r)) / (2 * h), region.jacobian().get(r, c), 1e-7);
            }
        }
        assertEquals(2, region.gates().size());
        assertEquals(7, region.prefixes().get(0).numRows);
        int[] counts = region.activeCounts();
        assertTrue(counts[0] > 0 && counts[0] < 7 && counts[1] > 0, "a generic input opens some gates and closes others");
    }

    @Test
    void rejectsWhatIsNotAReluChain() {
        Network tanh = Network.mlp(new int[]{3, 4, 2}, Activation.Kind.TANH, Loss.SQUARED, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ActivationRegion.of(tanh, new double[3]))
                .getMessage().startsWith("net"));
        Network relu = Network.mlp(new int[]{3, 4, 2}, Activation.Kind.RELU, Loss.SQUARED, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ActivationRegion.of(relu, new double[2]))
                .getMessage().startsWith("x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ActivationRegion.of(relu, new double[]{1, Double.NaN, 0}))
                .getMessage().startsWith("x"));
    }
}
