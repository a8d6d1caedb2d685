package cartan.curvature;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The three alignment layers of {@link SyntheticAlignment} against the recipe of its class comment, built here
 * directly in the latent coordinates (no Haar frames: the spectra below are invariant under them) from the same
 * Gaussian draws: the top-k singular values of G = δᵀA/B and the top-k eigenvalues of C_δ = δᵀδ/B and C_A = AᵀA/B,
 * by EJML's SVD of the unrotated matrices.
 */
class SyntheticLayerSpectraTest {

    private static final double TOL = 1e-10;

    @Test
    void strongBlockFollowsItsRecipe() {
        int b = 400;
        int c = 6;
        long seed = 11;
        int k = 8;
        int m = 30;
        int n = 40;
        DMatrixRMaj xs = RandomMatrices.gaussian(b, m, 1, seed);
        DMatrixRMaj ys = RandomMatrices.gaussian(b, n, 1, seed + 1);
        DMatrixRMaj d = new DMatrixRMaj(b, m);
        DMatrixRMaj a = new DMatrixRMaj(b, n);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < m; j++) {
                // block j < c: scale (j+1)^-1/2 on both sides, A = t (0.7 x + 0.7 y); floor: delta 0.05/(j-c+1),
                // A 0.02 y, except the 15 weakest floor directions j >= c + 10, which carry 0.02 (0.7 x + 0.7 y)
                boolean block = j < c;
                d.set(i, j, (block ? 1 / Math.sqrt(j + 1) : 0.05 / (j - c + 1)) * xs.get(i, j));
                double t = block ? 1 / Math.sqrt(j + 1) : 0.02;
                boolean carries = block || j >= c + 10;
                a.set(i, j, t * (carries ? 0.7 * xs.get(i, j) + 0.7 * ys.get(i, j) : ys.get(i, j)));
            }
            for (int j = m; j < n; j++) {
                a.set(i, j, 0.01 * ys.get(i, j));
            }
        }
        assertSpectra(d, a, k, SyntheticAlignment.strongBlock(b, c, seed, k), "strong block");
        assertThrows(IllegalArgumentException.class, () -> SyntheticAlignment.strongBlock(b, 21, seed, k));
        assertThrows(IllegalArgumentException.class, () -> SyntheticAlignment.strongBlock(b, 0, seed, k));
    }

    @Test
    void tiltedFollowsItsRecipe() {
        int b = 300;
        long seed = 5;
        double tilt = 0.7;
        int k = 6;
        DMatrixRMaj x = RandomMatrices.gaussian(b, 30, 1, seed);
        DMatrixRMaj y = RandomMatrices.gaussian(b, 40, 1, seed + 1);
        DMatrixRMaj d = scaled(x, j -> 1.0 / (j + 1));
        DMatrixRMaj a = new DMatrixRMaj(b, 40);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < 40; j++) {
                double r = j < 30 ? 0.5 / Math.pow(j + 1, tilt) : 0;
                double v = j < 30 ? r * x.get(i, j) + Math.sqrt(1 - r * r) * y.get(i, j) : y.get(i, j);
                a.set(i, j, v / (j + 1));
            }
        }
        assertSpectra(d, a, k, SyntheticAlignment.tilted(b, seed, tilt, k), "tilted");
        assertThrows(IllegalArgumentException.class, () -> SyntheticAlignment.tilted(b, seed, -0.1, k));
    }

    @Test
    void sharedLatentsFollowItsRecipe() {
        int b = 250;
        int m = 12;
        int n = 20;
        int k = 5;
        DMatrixRMaj zd = RandomMatrices.gaussian(b, m, 1, 1);
        DMatrixRMaj za = RandomMatrices.gaussian(b, n, 1, 2);
        DMatrixRMaj d = scaled(zd, j -> Math.pow(j + 1, -0.8));
        DMatrixRMaj a = new DMatrixRMaj(b, n);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < n; j++) {
                double v = j < m ? 0.6 * zd.get(i, j) + 0.8 * za.get(i, j) : za.get(i, j);
                a.set(i, j, v * Math.pow(j + 1, -0.5));
            }
        }
        assertSpectra(d, a, k, SyntheticAlignment.sharedLatents(b, m, n, k), "shared latents");
        assertThrows(IllegalArgumentException.class, () -> SyntheticAlignment.sharedLatents(b, 21, n, k));
    }

    private static DMatrixRMaj scaled(DMatrixRMaj z, IntToDoubleFunction s) {
        DMatrixRMaj out = z.copy();
        for (int i = 0; i < z.numRows; i++) {
            for (int j = 0; j < z.numCols; j++) {
                out.set(i, j, z.get(i, j) * s.applyAsDouble(j));
            }
        }
        return out;
    }

    private static void assertSpectra(DMatrixRMaj d, DMatrixRMaj a, int k, GradientAlignment g, String what) {
        int b = d.numRows;
        DMatrixRMaj grad = new DMatrixRMaj(d.numCols, a.numCols);
        CommonOps_DDRM.multTransA(d, a, grad);
        CommonOps_DDRM.divide(grad, b);
        assertTop(SingularOps_DDRM.singularValues(grad), 1, k, g.sigma(), what + " sigma(G)");
        assertTop(SingularOps_DDRM.singularValues(d.copy()), b, k, g.lambdaDelta(), what + " lambda_delta");
        assertTop(SingularOps_DDRM.singularValues(a.copy()), b, k, g.lambdaA(), what + " lambda_A");
    }

    /** The top k of s (σ, or σ²/b when b > 1) against the builder's values. */
    private static void assertTop(double[] s, int b, int k, double[] actual, String what) {
        double[] v = s.clone();
        Arrays.sort(v);
        assertEquals(k, actual.length, what + " length");
        for (int i = 0; i < k; i++) {
            double e = v[v.length - 1 - i];
            double expected = b == 1 ? e : e * e / b;
            assertEquals(expected, actual[i], TOL * v[v.length - 1] * (b == 1 ? 1 : v[v.length - 1] / b),
                    what + " #" + i);
        }
    }
}
