package cartan.dln;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.dln.DlnTesting.assertBadArgument;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DlnEntropyTest {

    @Test
    void matchesNumpyOrbitGramForThePaperExample() {
        // src/test/resources/cartan/dln/reference.py: ½ log det of an explicit numpy orbit Gram matrix
        // (random Q_p, seed 7) = 4.515269339177981; theorems.md E4.4 quotes 4.515269339177979.
        double[] sigma = {3, 1.7, 0.9, 0.4};
        assertEquals(4.515269339177981, DlnEntropy.relative(sigma, 3), 1e-13);
    }

    @Test
    void volumeConstantMatchesSphereVolumesAndNumpy() {
        // c_1 = 2 (O(1) = {±1}); c_2 = 2 circles of Frobenius length 2π√2 (|dR/dθ|_F = √2)
        assertEquals(Math.log(2), DlnEntropy.logVolumeOrthogonalGroup(1), 1e-15);
        assertEquals(Math.log(2 * 2 * Math.PI * Math.sqrt(2)), DlnEntropy.logVolumeOrthogonalGroup(2), 1e-14);
        // c_3 = 2^{3/2} · vol S^0 · vol S^1 · vol S^2 = 2^{3/2} · 2 · 2π · 4π
        assertEquals(Math.log(Math.pow(2, 1.5) * 2 * 2 * Math.PI * 4 * Math.PI),
                DlnEntropy.logVolumeOrthogonalGroup(3), 1e-14);
        // numpy/math.gamma reference (reference.py)
        assertEquals(10.124096987877163, DlnEntropy.logVolumeOrthogonalGroup(4), 1e-13);
    }

    @Test
    void orbitGramDeterminantMatchesFormulaOverASweep() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int n = 2; n <= 5; n++) {
            for (int d = 2; d <= 4; d++) {
                double[] sigma = new double[d];
                for (int i = 0; i < d; i++) {
                    sigma[i] = 0.3 + 2.5 * rnd.nextDouble();
                }
                DMatrixRMaj x = RandomMatrices.withSingularValues(sigma, rnd);
                FibrePoint pt = BalancedManifold.fibrePoint(x, n, rnd);
                assertEquals(pt.halfLogDetOrbitGram(), DlnEntropy.relative(sigma, n), 1e-10, "N=" + n + " d=" + d);
                assertEquals(pt.halfLogDetOrbitGram(), DlnEntropy.relative(x, n), 1e-10);
            }
        }
    }

    @Test
    void collisionValueIsTheLimitAndTheGramDeterminant() {
        int n = 4;
        double s = 1.3;
        double atCollision = DlnEntropy.relative(new double[]{s, s}, n);
        // closed-form limit ½ log(N σ^{2−2/N})
        assertEquals(0.5 * Math.log(n * Math.pow(s, 2 - 2.0 / n)), atCollision, 1e-15);
        // naive formula at nearly equal σ = s·e^t, t = 1e-6: equals the limit plus ½(1−1/N)t + O(t²); the
        // naive evaluation itself carries a cancellation error of about ε/t ≈ 1e-10
        double t = 1e-6;
        double a = s * Math.exp(t);
        double naive = 0.5 * Math.log((a * a - s * s) / (Math.pow(a, 2.0 / n) - Math.pow(s, 2.0 / n)));
        assertEquals(naive, atCollision + 0.5 * (1 - 1.0 / n) * t, 1e-9);
        // the orbit Gram determinant at an exact collision (X = diag(s, s) in random frames)
        DMatrixRMaj x = RandomMatrices.withSingularValues(new double[]{s, s}, new SplittableRandom(3));
        FibrePoint pt = BalancedManifold.fibrePoint(x, n, new SplittableRandom(4));
        assertEquals(pt.halfLogDetOrbitGram(), atCollision, 1e-12);
    }

    @Test
    void nearlyEqualSingularValuesFollowTheSeries() {
        // log ρ(e^t b, b) = (2 − 2/N) log b + log N + t(1 − 1/N) + (t²/6)(1 − 1/N²) + O(t³)
        // from log(expm1(x)/x) = x/2 + x²/24 + O(x⁴)
        int n = 5;
        double b = 0.7;
        for (double t : new double[]{1e-4, 1e-7, 1e-10, 1e-13}) {
            double a = b * Math.exp(t);
            double tt = Math.log(a) - Math.log(b);
            double series = (2 - 2.0 / n) * Math.log(b) + Math.log(n) + tt * (1 - 1.0 / n)
                    + tt * tt / 6 * (1 - 1.0 / (n * n));
            assertEquals(series, DlnEntropy.sectorLogRatio(a, b, n), 1e-14, "t=" + t);
        }
    }

    @Test
    void depthOneHasZeroEntropy() {
        assertEquals(0.0, DlnEntropy.relative(new double[]{3, 1.7, 0.9, 0.4}, 1), 1e-15);
        assertEquals(0.0, DlnEntropy.entropy(new double[]{3, 1.7, 0.9, 0.4}, 1), 1e-15);
    }

    @Test
    void entropyAddsTheVolumeConstant() {
        double[] sigma = {2, 1, 0.5};
        int n = 4;
        assertEquals(3 * 6.1017692647785 + DlnEntropy.relative(sigma, n), DlnEntropy.entropy(sigma, n), 1e-12);
    }

    @Test
    void largeSingularValueRatiosDoNotOverflow() {
        // σ_1 = 1e200, σ_2 = 1, N = 2: ρ = (1e400 − 1)/(1e200 − 1) ≈ 1e200, log ρ = 200 log 10
        assertEquals(200 * Math.log(10), DlnEntropy.sectorLogRatio(1e200, 1, 2), 1e-12);
    }

    @Test
    void largeDepthApproachesTheLogMeanAsymptote() {
        double[] sigma = {2.5, 1.2, 0.6};
        int n = 1_000_000;
        double diff = DlnEntropy.relative(sigma, n) - DlnEntropy.largeDepthAsymptote(sigma, n);
        // first-order term: log ρ = log N + log L − (log σ_i² + log σ_j²)/(2N) + O(N^{-2}), so the
        // difference is −Σ_{i<j} ½ (log σ_i² + log σ_j²)/(2N)
        double firstOrder = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                firstOrder += 0.5 * (2 * Math.log(sigma[i]) + 2 * Math.log(sigma[j])) / (2.0 * n);
            }
        }
        assertEquals(-firstOrder, diff, 1e-11);
    }

    @Test
    void badInput() {
        assertBadArgument("N", () -> DlnEntropy.relative(new double[]{1, 2}, 0));
        assertBadArgument("sigma", () -> DlnEntropy.relative(new double[]{1, 0}, 2));
        assertBadArgument("sigma", () -> DlnEntropy.relative(new double[]{1, Double.NaN}, 2));
        assertBadArgument("a", () -> DlnEntropy.sectorLogRatio(-1, 2, 3));
        assertBadArgument("d", () -> DlnEntropy.logVolumeOrthogonalGroup(0));
        DMatrixRMaj singular = new DMatrixRMaj(new double[][]{{1, 2}, {2, 4}});
        assertBadArgument("X", () -> DlnEntropy.relative(singular, 3));
        assertBadArgument("X", () -> DlnEntropy.entropy(new DMatrixRMaj(2, 3), 3));
        DMatrixRMaj id = CommonOps_DDRM.identity(2);
        assertEquals(0.5 * Math.log(3), DlnEntropy.relative(id, 3), 1e-15); // collision at σ = 1: ½ log N
    }
}
