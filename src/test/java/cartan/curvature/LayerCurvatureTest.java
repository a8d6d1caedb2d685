package cartan.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cartan.linalg.RandomMatrices;
import cartan.nn.Dense;
import cartan.nn.Loss;
import cartan.nn.Network;
import cartan.nn.Params;
import cartan.nn.Pass;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

/**
 * LayerCurvature on a linear layer with the squared loss L = (1/2B)‖X Wᵀ − Y‖², where everything has a
 * closed form computed here from scratch with EJML: the gradient G = (X Wᵀ − Y)ᵀ X / B, its SVD, the input
 * covariance C_A = XᵀX / B and the Hessian I ⊗ C_A, so the exact curvature along u_k v_kᵀ is v_kᵀ C_A v_k.
 */
class LayerCurvatureTest {

    private static final int B = 80;
    private static final int IN = 10;
    private static final int OUT = 7;

    private static DMatrixRMaj input() {
        DMatrixRMaj x = RandomMatrices.gaussian(B, IN, 1, 31);
        for (int i = 0; i < B; i++) {
            for (int j = 0; j < IN; j++) {
                x.set(i, j, x.get(i, j) * Math.pow(j + 1, -0.6)); // a decaying input spectrum
            }
        }
        return x;
    }

    @Test
    void exactCurvaturesAndDerivedQuantitiesMatchTheClosedForm() {
        DMatrixRMaj x = input();
        DMatrixRMaj y = RandomMatrices.gaussian(B, OUT, 1, 32);
        DMatrixRMaj w = RandomMatrices.gaussian(OUT, IN, 1, 33);
        Network net = Network.of(List.of(new Dense(IN, OUT)), List.of(Params.weightOnly(w.copy())), Loss.SQUARED);
        Pass pass = net.pass(x, y);
        LayerCurvature c = LayerCurvature.measure(pass, 0, 5);

        // the closed form, from scratch
        DMatrixRMaj r = new DMatrixRMaj(B, OUT);
        CommonOps_DDRM.multTransB(x, w, r);
        CommonOps_DDRM.subtractEquals(r, y);
        DMatrixRMaj g = new DMatrixRMaj(OUT, IN);
        CommonOps_DDRM.multTransA(r, x, g);
        CommonOps_DDRM.scale(1.0 / B, g);
        DMatrixRMaj ca = new DMatrixRMaj(IN, IN);
        CommonOps_DDRM.multTransA(x, x, ca);
        CommonOps_DDRM.scale(1.0 / B, ca);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(OUT, IN, true, true, false);
        assertTrue(svd.decompose(g.copy()));
        DMatrixRMaj v = svd.getV(null, false);
        DMatrixRMaj s = svd.getW(null);
        SingularOps_DDRM.descendingOrder(null, false, s, v, false);

        assertEquals(5, c.k());
        assertEquals(5, c.positiveCount());
        double[] expectedH = new double[5];
        for (int k = 0; k < 5; k++) {
            double q = 0;
            for (int i = 0; i < IN; i++) {
                for (int j = 0; j < IN; j++) {
                    q += v.get(i, k) * ca.get(i, j) * v.get(j, k);
                }
            }
            expectedH[k] = q;
            assertEquals(q, c.h()[k], 1e-9 * q, "h_" + (k + 1));
            // σ of the layer's gradient up to the batch normalisation of δ: compare ratios
            assertEquals(s.get(k, k) / s.get(0, 0), c.sigma()[k] / c.sigma()[0], 1e-9, "sigma ratio " + (k + 1));
        }

        // χ, its median, PR_h and α_Kron from the record's arrays by the formulas, computed here
        double[] chi = new double[5];
        for (int k = 0; k < 5; k++) {
            chi[k] = c.h()[k] / c.hKron()[k];
            assertEquals(chi[k], c.chi()[k], 1e-15 * Math.abs(chi[k]));
        }
        double[] sorted = chi.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[2], c.chiMedian(), 0);
        double sum = Arrays.stream(expectedH).sum();
        double sumSq = Arrays.stream(expectedH).map(t -> t * t).sum();
        assertEquals(sum * sum / sumSq, c.participationRatio(), 1e-9);
        assertEquals(olsSlope(c.sigma(), c.hKron()), c.alphaKron(), 1e-10);
        assertEquals(olsSlope(c.sigma(), chi), c.chiSlope(), 1e-10);
        assertEquals(olsSlope(c.sigma(), c.h()) - olsSlope(c.sigma(), c.hKron()), c.chiSlope(), 1e-10); // OLS linearity
    }

    @Test
    void anEvenWindowTakesTheMeanOfTheMiddleRatios() {
        DMatrixRMaj x = input();
        Network net = Network.of(List.of(new Dense(IN, OUT)),
                List.of(Params.weightOnly(RandomMatrices.gaussian(OUT, IN, 1, 43))), Loss.SQUARED);
        LayerCurvature c = LayerCurvature.measure(net.pass(x, RandomMatrices.gaussian(B, OUT, 1, 42)), 0, 4);
        double[] chi = c.chi();
        Arrays.sort(chi);
        assertEquals(0.5 * (chi[1] + chi[2]), c.chiMedian(), 1e-15 * Math.abs(chi[2]));
    }

    @Test
    void tooFewDirectionsOrABadWindowAreRefused() {
        DMatrixRMaj x = input();
        Network net = Network.of(List.of(new Dense(IN, OUT)),
                List.of(Params.weightOnly(RandomMatrices.gaussian(OUT, IN, 1, 53))), Loss.SQUARED);
        Pass pass = net.pass(x, RandomMatrices.gaussian(B, OUT, 1, 52));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerCurvature.measure(pass, 0, 2))
                .getMessage().startsWith("window"));
        // a batch of two examples: the gradient has rank ≤ 2 < 3 usable directions
        DMatrixRMaj x2 = new DMatrixRMaj(2, IN);
        System.arraycopy(x.data, 0, x2.data, 0, 2 * IN);
        Pass tiny = net.pass(x2, RandomMatrices.gaussian(2, OUT, 1, 54));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerCurvature.measure(tiny, 0, 5))
                .getMessage().startsWith("layer"));
        assertThrows(IllegalArgumentException.class, () -> LayerCurvature.measure(null, 0, 5));
    }

    /** The OLS slope of log y on log x, written out. */
    private static double olsSlope(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
            sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
        }
        return sxy / sxx;
    }
}
