package cartan.orbit;

import cartan.Require;
import cartan.linalg.SymmetricMatrixFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Distances between spectra and between positive-definite matrices, in general position (not only
 * on the orbit):
 *
 * <ul>
 *   <li>Bures–Wasserstein: d_BW²(P, Q) = tr P + tr Q − 2 tr (P^{1/2} Q P^{1/2})^{1/2}, the squared
 *   2-Wasserstein distance between N(0, P) and N(0, Q). For commuting P, Q with eigenvalues λ, μ
 *   (same eigenbasis) it reduces to Σ(√λ_k − √μ_k)².</li>
 *   <li>Hellinger: Hel²(p, q) = Σ_k (√p_k − √q_k)² for probability vectors.</li>
 *   <li>Kullback–Leibler: KL(p ‖ q) = Σ_k p_k log(p_k/q_k), with 0·log 0 = 0.</li>
 * </ul>
 */
public final class SpectralDistances {

    private SpectralDistances() {
    }

    /**
     * d_BW²(P, Q) for symmetric positive semi-definite P and Q, through symmetric square roots
     * (eigendecompositions). Clipped at 0 against rounding.
     *
     * @throws IllegalArgumentException if P or Q is not square, symmetric and PSD, or shapes differ
     */
    public static double buresWassersteinSquared(DMatrixRMaj p, DMatrixRMaj q) {
        Require.symmetric("P", p);
        Require.symmetric("Q", q);
        Require.sameShape("P", p, "Q", q);
        DMatrixRMaj rootP = SymmetricMatrixFunction.sqrt(p);
        SymmetricMatrixFunction.sqrt(q); // validates Q is PSD with the same message style
        DMatrixRMaj tmp = new DMatrixRMaj(p.numRows, p.numCols);
        DMatrixRMaj middle = new DMatrixRMaj(p.numRows, p.numCols);
        CommonOps_DDRM.mult(rootP, q, tmp);
        CommonOps_DDRM.mult(tmp, rootP, middle);
        symmetrise(middle);
        double cross = CommonOps_DDRM.trace(SymmetricMatrixFunction.sqrt(middle));
        double value = CommonOps_DDRM.trace(p) + CommonOps_DDRM.trace(q) - 2 * cross;
        return Math.max(value, 0);
    }

    /** Hel²(p, q) = Σ(√p_k − √q_k)² for probability vectors of equal length. */
    public static double hellingerSquared(double[] p, double[] q) {
        requireProbability("p", p);
        requireProbability("q", q);
        requireSameLength(p, q);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double diff = Math.sqrt(p[i]) - Math.sqrt(q[i]);
            sum += diff * diff;
        }
        return sum;
    }

    /**
     * KL(p ‖ q) = Σ p_k log(p_k / q_k).
     *
     * @throws IllegalArgumentException if some q_k = 0 where p_k &gt; 0 (the divergence is infinite)
     */
    public static double klDivergence(double[] p, double[] q) {
        requireProbability("p", p);
        requireProbability("q", q);
        requireSameLength(p, q);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                continue;
            }
            if (q[i] == 0) {
                throw new IllegalArgumentException("q: entry " + i + " is 0 where p is " + p[i]
                        + ", so KL(p||q) is infinite");
            }
            sum += p[i] * Math.log(p[i] / q[i]);
        }
        return Math.max(sum, 0);
    }

    private static void requireProbability(String name, double[] p) {
        Require.finite(name, p);
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0) {
                throw new IllegalArgumentException(name + ": entry " + i + " is negative (" + p[i] + ")");
            }
            total += p[i];
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException(name + ": must sum to 1 (a probability vector), sums to " + total);
        }
    }

    private static void requireSameLength(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("q: must have the length of p (" + p.length + "), has " + q.length);
        }
    }

    private static void symmetrise(DMatrixRMaj m) {
        for (int r = 0; r < m.numRows; r++) {
            for (int c = r + 1; c < m.numCols; c++) {
                double v = 0.5 * (m.get(r, c) + m.get(c, r));
                m.set(r, c, v);
                m.set(c, r, v);
            }
        }
    }
}
