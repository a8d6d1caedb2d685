package cartan.curvature;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.SplittableRandom;
import java.util.Arrays;

/**
 * The Lanczos process with full reorthogonalisation: from a unit start vector q_1, the Krylov basis
 * Q_m and tridiagonal T_m = Q_mᵀ M Q_m (diagonal a_j = q_jᵀMq_j, off-diagonal b_j), each new vector
 * orthogonalised against all previous ones twice (Gram–Schmidt, "twice is enough"), so no spurious
 * copies of converged eigenvalues appear. The eigenvalues θ_i of T_m (Ritz values) approximate the
 * extreme eigenvalues of M; with τ_i the first components of T_m's unit eigenvectors, the pairs
 * (θ_i, τ_i²) are the m-node Gauss quadrature rule of the spectral measure of M seen from q_1, exact
 * for polynomials of degree ≤ 2m − 1: Σ τ_i² θ_i^j = q_1ᵀ M^j q_1.
 *
 * <p>If an invariant subspace is found (b_j ≈ 0) the process stops early and T is smaller.
 */
public final class Lanczos {

    /** Ritz values θ (descending) and squared first components τ² of T's eigenvectors (sum 1). */
    public record Result(double[] ritzValues, double[] weights, int steps) {
    }

    private Lanczos() {
    }

    /** Run {@code steps} Lanczos steps from the given start vector (normalised here). */
    public static Result run(LinearOperator op, double[] start, int steps) {
        Require.notNull("op", op);
        int n = op.dim();
        Require.finite("start", start);
        if (start.length != n) {
            throw new IllegalArgumentException("start: must have length " + n + ", got " + start.length);
        }
        Require.atLeast("steps", steps, 1);
        int m = Math.min(steps, n);
        double[][] q = new double[m + 1][];
        double[] alpha = new double[m];
        double[] beta = new double[m];
        double norm = Math.sqrt(dot(start, start));
        if (!(norm > 0)) {
            throw new IllegalArgumentException("start: must not be zero");
        }
        q[0] = scale(start, 1 / norm);
        int done = 0;
        for (int j = 0; j < m; j++) {
            double[] w = op.apply(q[j]);
            Require.finite("op.apply(q)", w);
            alpha[j] = dot(q[j], w);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= j; i++) {
                    double c = dot(q[i], w);
                    for (int t = 0; t < n; t++) {
                        w[t] -= c * q[i][t];
                    }
                }
            }
            done = j + 1;
            double b = Math.sqrt(dot(w, w));
            double scaleRef = Math.abs(alpha[j]) + (j > 0 ? beta[j - 1] : 0);
            if (j == m - 1 || b <= 1e-12 * Math.max(scaleRef, Double.MIN_NORMAL)) {
                break;
            }
            beta[j] = b;
            q[j + 1] = scale(w, 1 / b);
        }
        DMatrixRMaj t = new DMatrixRMaj(done, done);
        for (int j = 0; j < done; j++) {
            t.set(j, j, alpha[j]);
            if (j + 1 < done) {
                t.set(j, j + 1, beta[j]);
                t.set(j + 1, j, beta[j]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(done, true, true);
        if (!eig.decompose(t)) {
            throw new IllegalStateException("tridiagonal eigendecomposition failed");
        }
        Integer[] order = new Integer[done];
        double[] vals = new double[done];
        double[] wts = new double[done];
        for (int i = 0; i < done; i++) {
            order[i] = i;
            vals[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(order, (x, y) -> Double.compare(vals[y], vals[x]));
        double[] sortedVals = new double[done];
        for (int i = 0; i < done; i++) {
            sortedVals[i] = vals[order[i]];
            DMatrixRMaj vec = eig.getEigenVector(order[i]);
            double nv = 0;
            for (int r = 0; r < done; r++) {
                nv += vec.get(r, 0) * vec.get(r, 0);
            }
            wts[i] = vec.get(0, 0) * vec.get(0, 0) / nv;
        }
        return new Result(sortedVals, wts, done);
    }

    /**
     * The k largest eigenvalues of M (descending), as the top Ritz values after {@code steps}
     * Lanczos steps from a seeded Gaussian start vector.
     */
    public static double[] topEigenvalues(LinearOperator op, int k, int steps, long seed) {
        Require.atLeast("k", k, 1);
        Require.notNull("op", op);
        if (k > Math.min(steps, op.dim())) {
            throw new IllegalArgumentException("k: must be at most min(steps, dim) = " + Math.min(steps, op.dim()) + ", got " + k);
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] start = new double[op.dim()];
        for (int i = 0; i < start.length; i++) {
            start[i] = RandomMatrices.standardNormal(r);
        }
        Result res = run(op, start, steps);
        if (res.steps() < k) {
            throw new IllegalStateException("Lanczos found an invariant subspace of dimension " + res.steps() + " < k = " + k);
        }
        return Arrays.copyOf(res.ritzValues(), k);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] scale(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * c;
        }
        return out;
    }
}
