package cartan.lyapunov;

import cartan.Require;
import cartan.linalg.QrIteration;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;

/**
 * Log singular values and right singular vectors of a long product J_L = M_L ⋯ M_1 of d × d factors,
 * computed without forming J_L, so small singular values survive when L(λ_1 − λ_d) is far beyond the
 * ≈ 36 nats that double precision can resolve in an explicit product.
 *
 * <p>Method. The QR iteration with Q_0 = I gives J_L = Q_L T with T = R_L ⋯ R_1 upper triangular.
 * T is stored row-scaled, row i = e^{s_i} t_i with ‖t_i‖ = 1, and updated as T ← R_ℓ T with the
 * largest term of each row factored out, so no entry over- or underflows. The singular values of
 * T = diag(e^s) T̃ are then found by one-sided (Hestenes) Jacobi rotations of the rows, carried out in
 * the same scaled representation. Jacobi on a row-graded matrix with well-conditioned T̃ is accurate
 * to a relative error of order κ(T̃)·ε per singular value (Demmel–Veselić 1992); for products of
 * random factors T̃ has bounded entries (the Oseledets grading), so every log σ_k is accurate to
 * roughly 1e-12 absolute. When the rows are orthogonal, row i = σ_i v_iᵀ, so the normalised rows are
 * the right singular vectors of J_L.
 *
 * <p>Singular factors. {@link #ofSingularFactors} accepts factors of lower rank, such as the gated layers
 * D_ℓ W_ℓ of a masked or ReLU product. A row of T whose R entries vanish becomes a zero row
 * (log σ = −∞); a row that the QR step leaves at rounding level (the frame lost rank up to ε) stays at
 * ≈ ε times the scale it would have had, and enters the rows above it (T ← R T mixes row i only with
 * rows j ≥ i) with that weight. By Weyl's inequality the log σ_k for k up to the product's rank then
 * keep a relative accuracy of order ε, while the values beyond the rank are rounding-level (≈ log ε per
 * rank loss) or −∞ and mean nothing; so do their right vectors. A factor with zero columns (a transposed
 * gated layer W D) can leave more O(1) rows than the rank; in one-sided Jacobi such a row is cancelled
 * sweep after sweep without ever becoming orthogonal, so a row that one sweep shrinks below √ε of its
 * length is dropped as dependent.
 */
public final class ProductSvd {

    private static final int MAX_SWEEPS = 80;

    private final int d;
    private final QrIteration qr;
    private final double[][] rows;
    private final double[] logScale;
    private final double[] tmp;
    private final double[] qrSums;
    private final boolean singularFactors;
    private int depth;

    /** An empty product (J_0 = I) of d × d invertible factors. */
    public ProductSvd(int d) {
        this(d, false);
    }

    /**
     * An empty product (J_0 = I) of d × d factors that may be singular (gated or masked layers): only the
     * log σ_k up to the product's rank are meaningful (see the class comment).
     */
    public static ProductSvd ofSingularFactors(int d) {
        return new ProductSvd(d, true);
    }

    private ProductSvd(int d, boolean singularFactors) {
        Require.atLeast("d", d, 1);
        this.d = d;
        this.singularFactors = singularFactors;
        this.qr = QrIteration.identityFrame(d, d); // native workspace, if any, is freed with this object
        this.rows = new double[d][d];
        this.logScale = new double[d];
        this.tmp = new double[d];
        this.qrSums = new double[d];
        for (int i = 0; i < d; i++) {
            rows[i][i] = 1;
        }
    }

    /** Log singular values of M_L ⋯ M_1 for factors listed in order M_1, …, M_L, sorted descending. */
    public static double[] logSingularValues(List<DMatrixRMaj> factors) {
        if (factors == null || factors.isEmpty()) {
            throw new IllegalArgumentException("factors: must not be empty");
        }
        ProductSvd p = new ProductSvd(factors.get(0).numRows);
        for (DMatrixRMaj m : factors) {
            p.push(m);
        }
        return p.decompose().logSingularValues();
    }

    /**
     * Appends a factor: J ← M J.
     *
     * @throws IllegalStateException if M is singular and this product was not made by
     *                               {@link #ofSingularFactors}
     */
    public void push(DMatrixRMaj m) {
        qr.push(m);
        for (int j = 0; j < d && !singularFactors; j++) {
            if (!Double.isFinite(qr.logDiagonal(j))) {
                throw new IllegalStateException("m: the product became singular at factor " + (depth + 1)
                        + "; ProductSvd needs invertible factors (use ProductSvd.ofSingularFactors for gated ones)");
            }
        }
        for (int j = 0; j < d; j++) {
            qrSums[j] += qr.logDiagonal(j);
        }
        DMatrixRMaj r = qr.lastR();
        double[] rd = r.data;
        for (int i = 0; i < d; i++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = i; j < d; j++) {
                double rij = rd[i * d + j];
                if (rij != 0) {
                    mx = Math.max(mx, Math.log(Math.abs(rij)) + logScale[j]);
                }
            }
            Arrays.fill(tmp, 0.0);
            if (mx == Double.NEGATIVE_INFINITY) { // every R entry of the row vanished: a zero row
                logScale[i] = Double.NEGATIVE_INFINITY;
                Arrays.fill(rows[i], 0.0);
                continue;
            }
            for (int j = i; j < d; j++) {
                double rij = rd[i * d + j];
                if (rij == 0) {
                    continue;
                }
                double f = rij * Math.exp(logScale[j] - mx);
                if (f == 0) {
                    continue;
                }
                double[] t = rows[j];
                for (int c = 0; c < d; c++) {
                    tmp[c] += f * t[c];
                }
            }
            double n = norm(tmp);
            logScale[i] = mx + Math.log(n);
            double[] row = rows[i];
            for (int c = 0; c < d; c++) {
                row[c] = n > 0 ? tmp[c] / n : 0;
            }
        }
        depth++;
    }

    /**
     * Σ_ℓ log (R_ℓ)_kk, k = 1..d: the QR-accumulated log growth of the standard frame (not the log singular
     * values; for i.i.d. orthogonally invariant factors these sums are exact i.i.d. sums with mean Lλ_k).
     */
    public double[] logDiagonalSums() {
        return qrSums.clone();
    }

    /** Number of factors pushed. */
    public int depth() {
        return depth;
    }

    /** The SVD data of the current product (the accumulator is not changed). */
    public Result decompose() {
        double[][] t = new double[d][];
        double[] s = logScale.clone();
        for (int i = 0; i < d; i++) {
            t[i] = rows[i].clone();
        }
        double tol = Math.sqrt(d) * Math.ulp(1.0);
        // singular mode: a row that the rotations of one sweep cancel to below √ε of its length is dependent
        // on the others (more rows than the rank: rounding noise that could never be made orthogonal) and is
        // dropped; its norm bounds the perturbation of the singular values
        double collapse = singularFactors ? Math.sqrt(Math.ulp(1.0)) : 0;
        double[] start = new double[d];
        boolean rotated = true;
        int sweep = 0;
        while (rotated) {
            if (++sweep > MAX_SWEEPS) {
                throw new IllegalStateException("one-sided Jacobi did not converge in " + MAX_SWEEPS + " sweeps");
            }
            rotated = false;
            System.arraycopy(s, 0, start, 0, d);
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotated |= rotate(t, s, p, q, tol, collapse);
                }
            }
            for (int i = 0; i < d && singularFactors; i++) {
                if (s[i] < start[i] + Math.log(collapse)) {
                    s[i] = Double.NEGATIVE_INFINITY;
                    Arrays.fill(t[i], 0.0);
                }
            }
        }
        Integer[] order = new Integer[d];
        double[] logSigma = new double[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
            logSigma[i] = s[i] + Math.log(norm(t[i]));
        }
        Arrays.sort(order, (a, b) -> Double.compare(logSigma[b], logSigma[a]));
        double[] sorted = new double[d];
        DMatrixRMaj v = new DMatrixRMaj(d, d);
        for (int c = 0; c < d; c++) {
            int i = order[c];
            sorted[c] = logSigma[i];
            double n = norm(t[i]);
            for (int r = 0; r < d && n > 0; r++) {
                v.set(r, c, t[i][r] / n);
            }
        }
        return new Result(sorted, v);
    }

    /** Orthogonalises scaled rows p and q; returns whether a rotation was applied. */
    private static boolean rotate(double[][] t, double[] s, int p, int q, double tol, double collapse) {
        if (s[q] > s[p]) {
            int x = p;
            p = q;
            q = x;
        }
        double[] vp = t[p];
        double[] vq = t[q];
        double a = 0;
        double b = 0;
        double g = 0;
        for (int c = 0; c < vp.length; c++) {
            a += vp[c] * vp[c];
            b += vq[c] * vq[c];
            g += vp[c] * vq[c];
        }
        if (Math.abs(g) <= tol * Math.sqrt(a * b)) {
            return false;
        }
        double r = Math.exp(s[q] - s[p]); // ≤ 1, may underflow to 0
        double num = r * r * b - a;
        double den = 2 * r * g;
        double t1;
        double tOverR;
        if (Math.abs(den) <= Math.abs(num)) {
            double w = den / num;
            double root = 1 + Math.sqrt(1 + w * w);
            t1 = w / root;
            tOverR = (2 * g / num) / root;
        } else {
            double zeta = num / den;
            t1 = Math.copySign(1, zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
            tOverR = t1 / r;
        }
        double c = 1 / Math.sqrt(1 + t1 * t1);
        double sr = c * t1 * r;
        double sOverR = c * tOverR;
        for (int i = 0; i < vp.length; i++) {
            double xp = vp[i];
            double xq = vq[i];
            vp[i] = c * xp - sr * xq;
            vq[i] = sOverR * xp + c * xq;
        }
        renormalise(vp, s, p, collapse);
        renormalise(vq, s, q, collapse);
        return true;
    }

    private static void renormalise(double[] v, double[] s, int i, double collapse) {
        double n = norm(v);
        if (n == 0 || n < collapse) { // a row dependent on the others: it carries nothing
            s[i] = Double.NEGATIVE_INFINITY;
            Arrays.fill(v, 0.0);
            return;
        }
        if (!(n > 0)) {
            throw new IllegalStateException("a row of the triangular product is not finite during Jacobi");
        }
        for (int c = 0; c < v.length; c++) {
            v[c] /= n;
        }
        s[i] += Math.log(n);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * @param logSingularValues log σ_1 ≥ … ≥ log σ_d of the product
     * @param rightVectors      d × d, column i the right singular vector for σ_i
     */
    public record Result(double[] logSingularValues, DMatrixRMaj rightVectors) {
        public Result {
            logSingularValues = logSingularValues.clone();
            rightVectors = rightVectors.copy();
        }

        /** The top-k right singular basis (d × k). */
        public DMatrixRMaj topRight(int k) {
            Require.atLeast("k", k, 1);
            if (k > rightVectors.numCols) {
                throw new IllegalArgumentException("k: must be at most d = " + rightVectors.numCols + ", got " + k);
            }
            DMatrixRMaj out = new DMatrixRMaj(rightVectors.numRows, k);
            for (int r = 0; r < rightVectors.numRows; r++) {
                for (int c = 0; c < k; c++) {
                    out.set(r, c, rightVectors.get(r, c));
                }
            }
            return out;
        }
    }
}
