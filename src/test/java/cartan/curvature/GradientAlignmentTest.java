package cartan.curvature;

import cartan.linalg.RandomMatrices;
import cartan.linalg.SingularValues;
import cartan.linalg.SymmetricMatrixFunction;
import cartan.nn.Pass;
import cartan.nn.Dense;
import cartan.nn.Loss;
import cartan.nn.Network;
import cartan.nn.Params;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GradientAlignmentTest {

    static DMatrixRMaj scaledColumns(int rows, int cols, double decay, long seed) {
        DMatrixRMaj x = RandomMatrices.gaussian(rows, cols, 1, seed);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x.set(i, j, x.get(i, j) * Math.pow(j + 1, -decay));
            }
        }
        return x;
    }

    @Test
    void identitiesAgainstFormedKroneckerFactors() {
        int b = 200;
        DMatrixRMaj delta = scaledColumns(b, 12, 0.6, 1);
        DMatrixRMaj a = scaledColumns(b, 15, 0.4, 2);
        // correlate A with δ so G has structure
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < 12; j++) {
                a.set(i, j, a.get(i, j) + 0.5 * delta.get(i, j));
            }
        }
        GradientAlignment ga = GradientAlignment.of(a, delta, 10);
        DMatrixRMaj g = new DMatrixRMaj(12, 15);
        CommonOps_DDRM.multTransA(delta, a, g);
        CommonOps_DDRM.divide(g, b);
        double[] sv = SingularValues.of(g);
        DMatrixRMaj cd = new DMatrixRMaj(12, 12);
        CommonOps_DDRM.multTransA(delta, delta, cd);
        CommonOps_DDRM.divide(cd, b);
        DMatrixRMaj ca = new DMatrixRMaj(15, 15);
        CommonOps_DDRM.multTransA(a, a, ca);
        CommonOps_DDRM.divide(ca, b);
        double[] evd = SymmetricMatrixFunction.eigenvalues(cd);
        double[] eva = SymmetricMatrixFunction.eigenvalues(ca);
        double[] sigma = ga.sigma();
        double[] hk = ga.hKron();
        double[] phi = ga.phi();
        double[] lam = ga.lambda();
        double[] c2 = ga.cos2();
        for (int k = 0; k < 10; k++) {
            assertEquals(sv[k], sigma[k], 1e-13 * sv[0]);
            assertEquals(sigma[k], ga.sigmaFromSamples()[k], 1e-13 * sv[0]);
            assertEquals(evd[k], ga.lambdaDelta()[k], 1e-13 * evd[0]);
            assertEquals(eva[k], ga.lambdaA()[k], 1e-13 * eva[0]);
            // h^Kron = tr(Dᵀ C_δ D C_A) for D = u vᵀ, with the formed factors
            DMatrixRMaj d = ga.direction(k);
            DMatrixRMaj t1 = new DMatrixRMaj(12, 15);
            CommonOps_DDRM.mult(cd, d, t1);
            DMatrixRMaj t2 = new DMatrixRMaj(12, 15);
            CommonOps_DDRM.mult(t1, ca, t2);
            assertEquals(CommonOps_DDRM.elementSum(CommonOps_DDRM.elementMult(d, t2, null)), hk[k], 1e-13 * hk[0]);
            assertEquals(hk[k], phi[k] * lam[k], 1e-12 * hk[k]);
            assertEquals(sigma[k] * sigma[k], hk[k] * c2[k], 1e-12 * sigma[k] * sigma[k]);
            assertTrue(hk[k] >= sigma[k] * sigma[k] * (1 - 1e-12));
        }
        GradientAlignment.Slopes s = ga.slopes();
        assertEquals(s.alphaKron(), s.beta() + s.phi(), 1e-10);
        assertEquals(s.alphaKron(), 2 - s.cos2(), 1e-10);
    }

    @Test
    void wideLayerUsesTheSmallGramMatrix() {
        // n > R: the top eigenvalues of AᵀA/R equal those of AAᵀ/R
        DMatrixRMaj a = RandomMatrices.gaussian(8, 30, 1, 5);
        DMatrixRMaj ca = new DMatrixRMaj(30, 30);
        CommonOps_DDRM.multTransA(a, a, ca);
        CommonOps_DDRM.divide(ca, 8);
        double[] ev = SymmetricMatrixFunction.eigenvalues(ca);
        double[] top = GradientAlignment.topCovarianceEigenvalues(a, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(ev[i], top[i], 1e-12 * ev[0]);
        }
    }

    @Test
    void exactCurvatureOfALinearLayerWithSquaredLossIsVtCaV() {
        // L = (1/2B)‖X Wᵀ − Y‖² has H = I_m ⊗ C_A, so h_k = v_kᵀ C_A v_k exactly
        DMatrixRMaj x = scaledColumns(64, 9, 0.5, 7);
        DMatrixRMaj y = RandomMatrices.gaussian(64, 6, 1, 8);
        Network net = Network.of(List.of(new Dense(9, 6)), List.of(Params.weightOnly(RandomMatrices.gaussian(6, 9, 1, 9))), Loss.SQUARED);
        Pass p = net.pass(x, y);
        GradientAlignment ga = GradientAlignment.of(p.signals(0), 5);
        double[] h = ga.exactCurvature(p, 0);
        double[] vcv = ga.vCv();
        for (int k = 0; k < 5; k++) {
            assertEquals(vcv[k], h[k], 1e-12 * vcv[0]);
        }
        double[] chi = ga.chi(h);
        double[] ucu = ga.uCu();
        for (int k = 0; k < 5; k++) {
            assertEquals(1 / ucu[k], chi[k], 1e-10 / ucu[k]);
        }
    }

    @Test
    void badInput() {
        DMatrixRMaj a = RandomMatrices.gaussian(10, 4, 1, 1);
        DMatrixRMaj d = RandomMatrices.gaussian(9, 3, 1, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientAlignment.of(a, d, 2)).getMessage().startsWith("delta"));
        DMatrixRMaj d2 = RandomMatrices.gaussian(10, 3, 1, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientAlignment.of(a, d2, 4)).getMessage().startsWith("k"));
        DMatrixRMaj bad = a.copy();
        bad.set(1, 1, Double.POSITIVE_INFINITY);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientAlignment.of(bad, d2, 2)).getMessage().startsWith("a"));
    }
}
