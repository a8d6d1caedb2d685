package cartan.curvature;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transfer-error decomposition against numpy (published_layers_reference.py) and closed forms. */
class TransferErrorTest {

    @Test
    void conv1MatchesNumpy() throws IOException {
        var conv1 = PublishedLayersTest.cifar().where(l -> l.experiment().equals("resnet18_triangle")
                && l.name().equals("conv1")).layers().get(0);
        TransferError t = conv1.transferError(20);
        assertEquals(PublishedReference.get("transfer_conv1", "s_rank"), t.sRankOrder(), 1e-12);
        assertEquals(PublishedReference.get("transfer_conv1", "rho"), t.residualCorrelation(), 1e-12);
        assertEquals(PublishedReference.get("transfer_conv1", "bound"), t.linearityBound(), 1e-12);
        assertEquals(conv1.relativeError(), t.relativeError(), 1e-12);
    }

    /**
     * |αγ − s_rank|/s = |ρ|·A on every CIFAR layer with positive curvatures: the left side from the three
     * slopes, the right from residuals and R² (the two are computed along different routes).
     */
    @Test
    void rankOrderErrorIsResidualCorrelationTimesLinearityBound() throws IOException {
        int n = 0;
        for (var l : PublishedLayersTest.cifar().layers()) {
            if (!l.allCurvaturesPositive()) {
                continue;
            }
            TransferError t = l.transferError(20);
            assertEquals(Math.abs(t.residualCorrelation()) * t.linearityBound(), t.rankOrderError(), 1e-12, l.name());
            assertTrue(t.rankOrderError() <= t.linearityBound() + 1e-15);
            n++;
        }
        assertEquals(21, n);
    }

    @Test
    void exactPowerLawsHaveNoErrorAndSortingShiftOnlyFromUnsortedH() {
        double[] sigma = new double[20];
        double[] h = new double[20];
        for (int k = 0; k < 20; k++) {
            sigma[k] = Math.pow(k + 1, -0.8);
            h[k] = 3 * Math.pow(sigma[k], 2.2);
        }
        TransferError t = TransferError.of(sigma, h, 20);
        assertEquals(2.2, t.alpha(), 1e-12);
        assertEquals(0.8, t.gamma(), 1e-12);
        assertEquals(1.76, t.s(), 1e-12);
        assertEquals(0, t.relativeError(), 1e-12);
        assertEquals(0, t.linearityBound(), 1e-6);
        assertEquals(0, t.sortingShift(), 1e-12);
        // closed form of the bound
        assertEquals(Math.sqrt(0.1 * 0.2 / (0.8 * 0.9)), TransferError.linearityBound(0.9, 0.8, 0.9), 1e-15);
    }

    @Test
    void nullMediansAgreeWithNumpyWithinMonteCarloError() throws IOException {
        PublishedLayers c = PublishedLayersTest.cifar();
        int draws = 400;
        for (var kind : TransferError.Null.values()) {
            double[] m = c.nullMedians(kind, 20, draws, 7);
            double mean = Arrays.stream(m).average().orElseThrow();
            String key = kind == TransferError.Null.SHUFFLED_H ? "shuf" : "perm";
            double ref = PublishedReference.get("null", key + "_mean");
            double sd = PublishedReference.get("null", key + "_sd");
            double se = sd * Math.sqrt(1.0 / draws + 1.0 / PublishedReference.get("null", "draws"));
            assertEquals(ref, mean, 4 * se, kind.toString());
        }
        assertTrue(Arrays.equals(c.nullMedians(TransferError.Null.SHUFFLED_H, 20, 5, 3),
                c.nullMedians(TransferError.Null.SHUFFLED_H, 20, 5, 3)), "seeded");
    }

    @Test
    void residualPermutationOfAnExactPowerLawChangesNothing() {
        double[] sigma = new double[12];
        double[] h = new double[12];
        for (int k = 0; k < 12; k++) {
            sigma[k] = Math.pow(k + 1, -1.1);
            h[k] = Math.pow(sigma[k], 1.7);
        }
        double[] m = TransferError.nullMedians(List.of(sigma), List.of(h), 20, TransferError.Null.RESIDUAL_PERMUTATION,
                10, 1);
        for (double v : m) {
            assertEquals(0, v, 1e-10);
        }
    }

    @Test
    void badInputIsNamed() {
        double[] sigma = {3, 2, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransferError.of(sigma, new double[] {1, -1, 0.5}, 20));
        assertTrue(e.getMessage().startsWith("h:"));
        assertThrows(IllegalArgumentException.class, () -> TransferError.linearityBound(0.5, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> TransferError.linearityBound(1.5, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> TransferError.nullMedians(List.of(sigma), List.of(),
                20, TransferError.Null.SHUFFLED_H, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> TransferError.nullMedians(List.of(sigma),
                List.of(new double[] {9, 4, 1}), 20, TransferError.Null.SHUFFLED_H, 0, 1));
    }
}
