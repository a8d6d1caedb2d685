package cartan.dln;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The Jacobi (tridiagonal Toeplitz) structure of the orbit metric. In orthonormal coordinates
 * b_p = √2 (A_p)_ij of the generators, the Frobenius metric on the orbit tangent space splits into
 * sectors i &lt; j, each carrying the same (N−1) × (N−1) matrix
 * <pre>
 *   T_ij = tridiag(−λ_iλ_j, λ_i² + λ_j², −λ_iλ_j),  λ = σ^{1/N},
 * </pre>
 * with eigenvalues μ_k = λ_i² + λ_j² − 2λ_iλ_j cos(kπ/N) and orthonormal eigenvectors
 * φ_k(p) = √(2/N) sin(pkπ/N), k, p = 1..N−1, and
 * det T_ij = ∏_k μ_k = (λ_i^{2N} − λ_j^{2N})/(λ_i² − λ_j²) (limit N λ^{2N−2} at λ_i = λ_j).
 *
 * <p>The generators A_p = φ_k(p) μ_k^{−1/2} (E_ij − E_ji)/√2 therefore give an explicit orthonormal
 * basis of the orbit tangent space ({@link #orthonormalOrbitBasis}).
 */
public final class JacobiBasis {

    private JacobiBasis() {
    }

    /** T_ij = tridiag(−λ_iλ_j, λ_i² + λ_j², −λ_iλ_j) of size (N−1) × (N−1); N ≥ 2. */
    public static DMatrixRMaj sectorMatrix(double lambdaI, double lambdaJ, int depth) {
        check(lambdaI, lambdaJ, depth);
        int m = depth - 1;
        DMatrixRMaj t = new DMatrixRMaj(m, m);
        for (int p = 0; p < m; p++) {
            t.set(p, p, lambdaI * lambdaI + lambdaJ * lambdaJ);
            if (p + 1 < m) {
                t.set(p, p + 1, -lambdaI * lambdaJ);
                t.set(p + 1, p, -lambdaI * lambdaJ);
            }
        }
        return t;
    }

    /** μ_k = λ_i² + λ_j² − 2λ_iλ_j cos(kπ/N), k = 1..N−1. */
    public static double eigenvalue(double lambdaI, double lambdaJ, int depth, int k) {
        check(lambdaI, lambdaJ, depth);
        if (k < 1 || k > depth - 1) {
            throw new IllegalArgumentException("k: must lie in 1..N−1 = 1.." + (depth - 1) + ", got " + k);
        }
        // (λ_i − λ_j)² + 2λ_iλ_j(1 − cos θ) = (λ_i − λ_j)² + 4λ_iλ_j sin²(θ/2): no cancellation
        double s = Math.sin(k * Math.PI / (2.0 * depth));
        double diff = lambdaI - lambdaJ;
        return diff * diff + 4 * lambdaI * lambdaJ * s * s;
    }

    /** All μ_k, k = 1..N−1 (ascending in k). */
    public static double[] eigenvalues(double lambdaI, double lambdaJ, int depth) {
        check(lambdaI, lambdaJ, depth);
        double[] mu = new double[depth - 1];
        for (int k = 1; k < depth; k++) {
            mu[k - 1] = eigenvalue(lambdaI, lambdaJ, depth, k);
        }
        return mu;
    }

    /** φ_k(p) = √(2/N) sin(pkπ/N), p = 1..N−1 (entry p−1 of the array). */
    public static double[] eigenvector(int depth, int k) {
        Require.atLeast("N (depth)", depth, 2);
        if (k < 1 || k > depth - 1) {
            throw new IllegalArgumentException("k: must lie in 1..N−1 = 1.." + (depth - 1) + ", got " + k);
        }
        double[] v = new double[depth - 1];
        double c = Math.sqrt(2.0 / depth);
        for (int p = 1; p < depth; p++) {
            v[p - 1] = c * Math.sin(p * k * Math.PI / depth);
        }
        return v;
    }

    /**
     * det T_ij = (λ_i^{2N} − λ_j^{2N})/(λ_i² − λ_j²), evaluated as exp of
     * {@link DlnEntropy#sectorLogRatio}(λ_i^N, λ_j^N, N) (limit N λ^{2N−2} at a collision).
     */
    public static double sectorDeterminant(double lambdaI, double lambdaJ, int depth) {
        check(lambdaI, lambdaJ, depth);
        return Math.exp(DlnEntropy.sectorLogRatio(Math.pow(lambdaI, depth), Math.pow(lambdaJ, depth), depth));
    }

    /**
     * An orthonormal basis of the orbit tangent space at a fibre point: for each sector i &lt; j and
     * k = 1..N−1, the orbit tangent of A_p = φ_k(p) μ_k^{−1/2} (E_ij − E_ji)/√2. Ordered by (i, j), then k.
     * Empty when N = 1 or d = 1.
     */
    public static List<DeepLinearNetwork> orthonormalOrbitBasis(FibrePoint point) {
        Require.notNull("point", point);
        int n = point.depth();
        int d = point.width();
        double[] lambda = point.lambda();
        List<DeepLinearNetwork> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                for (int k = 1; k < n; k++) {
                    double[] phi = eigenvector(n, k);
                    double scale = 1 / Math.sqrt(eigenvalue(lambda[i], lambda[j], n, k)) * Math.sqrt(0.5);
                    DMatrixRMaj[] a = new DMatrixRMaj[n - 1];
                    for (int p = 0; p < n - 1; p++) {
                        a[p] = new DMatrixRMaj(d, d);
                        a[p].set(i, j, phi[p] * scale);
                        a[p].set(j, i, -phi[p] * scale);
                    }
                    out.add(point.orbitTangent(a));
                }
            }
        }
        return out;
    }

    private static void check(double lambdaI, double lambdaJ, int depth) {
        Require.positive("lambdaI", lambdaI);
        Require.positive("lambdaJ", lambdaJ);
        Require.atLeast("N (depth)", depth, 2);
    }
}
