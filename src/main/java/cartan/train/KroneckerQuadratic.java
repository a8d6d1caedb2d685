package cartan.train;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.function.UnaryOperator;

/**
 * The Kronecker-factored quadratic of arXiv 2606.02596 (Spectral Newton's model problem): for E ∈ ℝ^{n×n},
 * L(E) = ½⟨E, C_δ E C_A⟩ with gradient ∇L(E) = C_δ E C_A, where C_δ = Q_δ diag(a) Q_δᵀ and
 * C_A = Q_A diag(b) Q_Aᵀ, a_k = 1/k, b_k = k^−1/2 (k = 1…n) and Q_δ, Q_A Haar-random orthogonal.
 *
 * <p>The start E_0 = Q_δ diag(e) Q_Aᵀ with e_k = (a_k b_k)^{1/α − 1} puts the gradient's singular values
 * at σ_k = a_k b_k e_k = (a_k b_k)^{1/α}, so that the directional curvatures h_k = a_k b_k = σ_k^α follow
 * the curvature exponent α exactly; for α = 2, L(E_0) = ½ Σ a_k b_k e_k² = n/2.
 */
public final class KroneckerQuadratic {

    private final DMatrixRMaj cDelta;
    private final DMatrixRMaj cA;
    private final DMatrixRMaj start;

    private KroneckerQuadratic(DMatrixRMaj cDelta, DMatrixRMaj cA, DMatrixRMaj start) {
        this.cDelta = cDelta;
        this.cA = cA;
        this.start = start;
    }

    /**
     * The problem of the class comment in dimension n with curvature exponent α; Q_δ and Q_A from the two seeds.
     *
     * @throws IllegalArgumentException if n &lt; 1 or α is not positive
     */
    public static KroneckerQuadratic of(int n, double alpha, long seedDelta, long seedA) {
        Require.atLeast("n", n, 1);
        Require.positive("alpha", alpha);
        DMatrixRMaj qd = RandomMatrices.haarOrthogonal(n, seedDelta);
        DMatrixRMaj qa = RandomMatrices.haarOrthogonal(n, seedA);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] e = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = 1.0 / (k + 1);
            b[k] = Math.pow(k + 1, -0.5);
            e[k] = Math.pow(a[k] * b[k], 1 / alpha - 1);
        }
        return new KroneckerQuadratic(sandwich(qd, a, qd), sandwich(qa, b, qa), sandwich(qd, e, qa));
    }

    /** Q diag(d) Pᵀ. */
    static DMatrixRMaj sandwich(DMatrixRMaj q, double[] d, DMatrixRMaj p) {
        DMatrixRMaj qd = q.copy();
        for (int i = 0; i < q.numRows; i++) {
            for (int j = 0; j < d.length; j++) {
                qd.set(i, j, q.get(i, j) * d[j]);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(q.numRows, p.numRows);
        CommonOps_DDRM.multTransB(qd, p, out);
        return out;
    }

    /** E_0 (a copy). */
    public DMatrixRMaj start() {
        return start.copy();
    }

    /** ∇L(E) = C_δ E C_A. */
    public DMatrixRMaj gradient(DMatrixRMaj x) {
        Require.notNull("x", x);
        if (x.numRows != cDelta.numRows || x.numCols != cA.numRows) {
            throw new IllegalArgumentException("x: must be " + cDelta.numRows + " × " + cA.numRows + ", got "
                    + x.numRows + " × " + x.numCols);
        }
        DMatrixRMaj t = new DMatrixRMaj(x.numRows, x.numCols);
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.mult(cDelta, x, t);
        CommonOps_DDRM.mult(t, cA, g);
        return g;
    }

    /** L(E) = ½⟨E, C_δ E C_A⟩. */
    public double loss(DMatrixRMaj x) {
        DMatrixRMaj g = gradient(x);
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += x.data[i] * g.data[i];
        }
        return 0.5 * s;
    }

    /** E − η D (a new matrix). */
    public static DMatrixRMaj minus(DMatrixRMaj x, double eta, DMatrixRMaj d) {
        Require.notNull("x", x);
        Require.notNull("d", d);
        DMatrixRMaj y = x.copy();
        CommonOps_DDRM.addEquals(y, -eta, d);
        return y;
    }

    /**
     * The best of a learning-rate grid for one method.
     *
     * @param loss  the loss after the last step at the best rate (+∞ if every rate diverged)
     * @param eta   that rate (NaN if none)
     * @param curve the losses at steps 0…steps at that rate (null if none)
     */
    public record Best(double loss, double eta, double[] curve) {
    }

    /**
     * Runs E_{t+1} = E_t − η D(∇L(E_t)) from E_0 for {@code steps} steps at every η of the grid and keeps the
     * rate with the lowest final loss; a run whose loss becomes non-finite or reaches 10^12 is discarded.
     */
    public Best best(UnaryOperator<DMatrixRMaj> direction, double[] etas, int steps) {
        Require.notNull("direction", direction);
        Require.finite("etas", etas);
        Require.atLeast("steps", steps, 1);
        double bestLoss = Double.POSITIVE_INFINITY;
        double bestEta = Double.NaN;
        double[] bestCurve = null;
        for (double eta : etas) {
            DMatrixRMaj x = start;
            double[] curve = new double[steps + 1];
            curve[0] = loss(x);
            boolean ok = true;
            for (int s = 1; s <= steps && ok; s++) {
                x = minus(x, eta, direction.apply(gradient(x)));
                curve[s] = loss(x);
                ok = Double.isFinite(curve[s]) && curve[s] < 1e12;
            }
            if (ok && curve[steps] < bestLoss) {
                bestLoss = curve[steps];
                bestEta = eta;
                bestCurve = curve;
            }
        }
        return new Best(bestLoss, bestEta, bestCurve);
    }
}
