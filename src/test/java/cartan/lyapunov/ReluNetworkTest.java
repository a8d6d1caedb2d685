package cartan.lyapunov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The random He-initialised ReLU network against its closed-form growth rate: with W ~ N(0, 2/d) and a unit
 * activation h, ‖ReLU(W h)‖² = (2/d) χ²_K with K ~ Bin(d, ½) independent of the past (rotation invariance of
 * W), so the increments log ‖h_ℓ‖/‖h_{ℓ−1}‖ are i.i.d. with mean
 * μ = ½ [log(2/d) + log 2 + E_K ψ(K/2)] given K ≥ 1 (E log χ²_k = ψ(k/2) + log 2).
 */
class ReluNetworkTest {

    /** E[increment | the activation survives] from the binomial law of the number of open gates. */
    private static double closedFormRate(int d) {
        double mean = 0;
        double survive = 0;
        for (int k = 1; k <= d; k++) {
            double p = binomial(d, k) / Math.pow(2, d);
            mean += p * (Math.log(2.0 / d) + Math.log(2) + Gamma.digamma(k / 2.0));
            survive += p;
        }
        return 0.5 * mean / survive;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    @Test
    void meanIncrementIsTheBernoulliHalfGrowthRate() {
        int d = 30; // the activation dies with probability 2^-d per layer: 2e-5 over the run
        int layers = 20000;
        ReluNetwork net = ProductEnsemble.reluNetwork(d, 20261202L);
        DMatrixRMaj j = new DMatrixRMaj(1, 1);
        for (int l = 0; l < layers; l++) {
            net.next(j);
        }
        assertEquals(layers, net.layers());
        double[] inc = net.forwardLogNormIncrements();
        assertEquals(layers, inc.length);
        double mean = 0;
        for (double v : inc) {
            mean += v;
        }
        mean /= layers;
        double var = 0;
        for (double v : inc) {
            var += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(var / (layers - 1) / layers);
        assertEquals(closedFormRate(d), mean, 4 * se);
        // the linear network's rate (every gate open) is far outside: the gates are really applied
        double linear = 0.5 * (Math.log(2.0 / d) + Math.log(2) + Gamma.digamma(d / 2.0));
        assertTrue(Math.abs(linear - mean) > 20 * se, "mean " + mean + " vs linear " + linear);
    }

    @Test
    void factorsAreGatedGaussianMatrices() {
        int d = 24;
        ReluNetwork net = ProductEnsemble.reluNetwork(d, 7L);
        assertEquals(d, net.dimension());
        DMatrixRMaj j = new DMatrixRMaj(1, 1);
        int zeroRows = 0;
        int rows = 0;
        double sumSquares = 0;
        int entries = 0;
        for (int l = 0; l < 1000; l++) {
            net.next(j);
            assertEquals(d, j.numRows);
            assertEquals(d, j.numCols);
            int open = 0;
            for (int r = 0; r < d; r++) {
                boolean zero = true;
                for (int c = 0; c < d; c++) {
                    double v = j.get(r, c);
                    if (v != 0) {
                        zero = false;
                    }
                }
                rows++;
                if (zero) {
                    zeroRows++;
                } else {
                    open++;
                    for (int c = 0; c < d; c++) {
                        sumSquares += j.get(r, c) * j.get(r, c);
                        entries++;
                    }
                }
            }
            assertTrue(open >= 1, "a surviving layer has an open gate");
        }
        // each gate is closed with probability 1/2 (up to the conditioning on survival, 2^-24)
        double closed = zeroRows / (double) rows;
        assertEquals(0.5, closed, 4 * Math.sqrt(0.25 / rows) + Math.pow(2, -d));
        // an open row is a He row: mean square 2/d (the gate selects rows with w·h > 0, which does not
        // change E w_c² summed over the row's directions: E ||w||² = 2, by symmetry of w -> w - 2(w·h)h)
        assertEquals(2.0 / d, sumSquares / entries, 0.03 * 2.0 / d);
    }

    @Test
    void aWidthOneNetworkDiesWithAClearError() {
        ReluNetwork net = ProductEnsemble.reluNetwork(1, 3L);
        DMatrixRMaj j = new DMatrixRMaj(1, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int l = 0; l < 500; l++) { // survives 500 layers with probability 2^-500
                net.next(j);
            }
        });
        assertTrue(e.getMessage().contains("died"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProductEnsemble.reluNetwork(0, 1L));
    }
}
