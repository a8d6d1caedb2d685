package cartan.linalg;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * The pure-Java backend of {@link QrIteration}: Q_ℓ R_ℓ = M_ℓ Q_{ℓ−1} by a sign-fixed Householder QR.
 *
 * <p>Implementation. The frame is kept implicitly as k Householder reflectors H_j = I − τ_j v_j v_jᵀ and
 * signs s_j: Q = H_0 ⋯ H_{k−1} [I_k; 0] diag(s). A step copies M into column arrays, applies the
 * reflectors from the right, M Q = (M H_0 ⋯ H_{k−1})[:, :k] diag(s), copies those k columns into row
 * arrays and factors them by Householder QR. Reflectors are applied four at a time in compact WY form
 * (H_j ⋯ H_{j+3} = I − V T Vᵀ, LAPACK dlarft), both in the frame update and in the trailing update of
 * the QR, so each pass over the workspace serves four reflectors. Every inner loop runs over one index
 * shared by all arrays it touches, the form HotSpot's SuperWord pass turns into SIMD code. All workspaces
 * are allocated once. For k = d a step costs about (10/3) d³ flops against (14/3) d³ for "multiply,
 * factor, form Q".
 *
 * <p>Over 400 lines on purpose: the frame update, the compact-WY block kernels and the QR share one set of
 * workspaces and are tuned together (bench/lyapunov.sh); split apart they would pass the arrays around.
 */
final class HouseholderQrIteration implements QrIteration {

    private final int d;
    private final int k;
    private final double[][] col;  // d columns of length d: M, then M H_0 ⋯ H_{k−1}
    private final double[][] row;  // d rows of length k: the first k columns times diag(s), factored in place
    private final double[][] v;    // k reflectors of length d, v_j[i] = 0 for i < j, v_j[j] = 1
    private final double[] tau;
    private final double[] sign;
    private final double[] logDiag;
    private final double[] a0;
    private final double[] a1;
    private final double[] a2;
    private final double[] a3;
    private final double[] t4 = new double[16];
    private long steps;

    /**
     * Starts from an orthonormal d × k frame Q_0 (columns orthonormal to 1e-8).
     *
     * @throws IllegalArgumentException if the frame is empty, not finite, wider than tall or not orthonormal
     */
    HouseholderQrIteration(DMatrixRMaj initialFrame) {
        QrFrames.checkInitialFrame(initialFrame);
        this.d = initialFrame.numRows;
        this.k = initialFrame.numCols;
        col = new double[d][d];
        row = new double[d][k];
        v = new double[k][d];
        tau = new double[k];
        sign = new double[k];
        logDiag = new double[k];
        int n = Math.max(d, k);
        a0 = new double[n];
        a1 = new double[n];
        a2 = new double[n];
        a3 = new double[n];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < k; c++) {
                row[r][c] = initialFrame.get(r, c);
            }
        }
        factor();
    }

    @Override
    public Backend backend() {
        return Backend.EJML;
    }

    @Override
    public void close() {
        // nothing to free
    }

    /** The dimension d. */
    @Override
    public int dimension() {
        return d;
    }

    /** The frame size k. */
    @Override
    public int frameSize() {
        return k;
    }

    /** Number of factors pushed so far. */
    @Override
    public long steps() {
        return steps;
    }

    /**
     * One step: Q R = M Q. Afterwards {@link #logDiagonal()} holds log (R)_jj (−∞ if the frame lost rank).
     *
     * @throws IllegalArgumentException if M is not d × d or has non-finite entries
     */
    @Override
    public void push(DMatrixRMaj m) {
        QrFrames.checkFactor(m, d);
        double[] a = m.data;
        for (int r = 0; r < d; r++) {
            int base = r * d;
            for (int c = 0; c < d; c++) {
                double x = a[base + c];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("m: entry (" + r + ", " + c + ") is " + x + ", must be finite");
                }
                col[c][r] = x;
            }
        }
        applyFrame();
        factor();
        steps++;
    }

    /** col ← col H_0 ⋯ H_{k−1}; row ← (first k columns) diag(s), transposed into rows. */
    private void applyFrame() {
        int j0 = 0;
        for (; j0 + 4 <= k; j0 += 4) {
            buildT4(j0);
            applyBlockRight(j0);
        }
        for (; j0 < k; j0++) {
            applySingleRight(j0);
        }
        for (int c = 0; c < k; c++) {
            double s = sign[c];
            double[] x = col[c];
            for (int r = 0; r < d; r++) {
                row[r][c] = s * x[r];
            }
        }
    }

    /** col ← col (I − τ v vᵀ) for one reflector j. */
    private void applySingleRight(int j) {
        double t = tau[j];
        if (t == 0) {
            return;
        }
        double[] vj = v[j];
        double[] w = a0;
        Arrays.fill(w, 0, d, 0.0);
        for (int c = j; c < d; c++) {
            double b = vj[c];
            double[] x = col[c];
            for (int r = 0; r < d; r++) {
                w[r] += b * x[r];
            }
        }
        for (int c = j; c < d; c++) {
            double f = t * vj[c];
            double[] x = col[c];
            for (int r = 0; r < d; r++) {
                x[r] -= f * w[r];
            }
        }
    }

    /** T (4 × 4 upper triangular, t4[p * 4 + i]) with H_{j0} H_{j0+1} H_{j0+2} H_{j0+3} = I − V T Vᵀ. */
    private void buildT4(int j0) {
        Arrays.fill(t4, 0.0);
        for (int i = 0; i < 4; i++) {
            double ti = tau[j0 + i];
            t4[i * 4 + i] = ti;
            if (i == 0 || ti == 0) {
                continue;
            }
            double[] vi = v[j0 + i];
            double[] g = {0, 0, 0};
            for (int p = 0; p < i; p++) {
                double[] vp = v[j0 + p];
                double s = 0;
                for (int r = j0 + i; r < d; r++) {
                    s += vp[r] * vi[r];
                }
                g[p] = -ti * s;
            }
            for (int p = 0; p < i; p++) {
                double s = 0;
                for (int q = p; q < i; q++) {
                    s += t4[p * 4 + q] * g[q];
                }
                t4[p * 4 + i] = s;
            }
        }
    }

    /** col[:, j0:] ← col[:, j0:] (I − V T Vᵀ): W = col V, W ← W T, col −= W Vᵀ. */
    private void applyBlockRight(int j0) {
        double[] v0 = v[j0];
        double[] v1 = v[j0 + 1];
        double[] v2 = v[j0 + 2];
        double[] v3 = v[j0 + 3];
        double[] w0 = a0;
        double[] w1 = a1;
        double[] w2 = a2;
        double[] w3 = a3;
        Arrays.fill(w0, 0, d, 0.0);
        Arrays.fill(w1, 0, d, 0.0);
        Arrays.fill(w2, 0, d, 0.0);
        Arrays.fill(w3, 0, d, 0.0);
        for (int c = j0; c < d; c++) {
            double b0 = v0[c];
            double b1 = v1[c];
            double b2 = v2[c];
            double b3 = v3[c];
            double[] x = col[c];
            for (int r = 0; r < d; r++) {
                double xr = x[r];
                w0[r] += b0 * xr;
                w1[r] += b1 * xr;
                w2[r] += b2 * xr;
                w3[r] += b3 * xr;
            }
        }
        timesT(w0, w1, w2, w3, 0, d);
        for (int c = j0; c < d; c++) {
            double b0 = v0[c];
            double b1 = v1[c];
            double b2 = v2[c];
            double b3 = v3[c];
            double[] x = col[c];
            for (int r = 0; r < d; r++) {
                x[r] -= b0 * w0[r] + b1 * w1[r] + b2 * w2[r] + b3 * w3[r];
            }
        }
    }

    /** (w0..w3)[i] ← (w0..w3)[i] · T for i in [from, to) (row vector times upper-triangular T). */
    private void timesT(double[] w0, double[] w1, double[] w2, double[] w3, int from, int to) {
        double t00 = t4[0];
        double t01 = t4[1];
        double t02 = t4[2];
        double t03 = t4[3];
        double t11 = t4[5];
        double t12 = t4[6];
        double t13 = t4[7];
        double t22 = t4[10];
        double t23 = t4[11];
        double t33 = t4[15];
        for (int i = from; i < to; i++) {
            double x0 = w0[i];
            double x1 = w1[i];
            double x2 = w2[i];
            double x3 = w3[i];
            w0[i] = x0 * t00;
            w1[i] = x0 * t01 + x1 * t11;
            w2[i] = x0 * t02 + x1 * t12 + x2 * t22;
            w3[i] = x0 * t03 + x1 * t13 + x2 * t23 + x3 * t33;
        }
    }

    /**
     * Householder QR of the rows (d × k) in place, in panels of four columns: the panel is factored
     * column by column, then the trailing columns get (H_{j0} ⋯ H_{j0+3})ᵀ = I − V Tᵀ Vᵀ at once.
     */
    private void factor() {
        for (int j0 = 0; j0 < k; j0 += 4) {
            int end = Math.min(j0 + 4, k);
            for (int j = j0; j < end; j++) {
                reflector(j, end);
            }
            if (end - j0 == 4 && end < k) {
                buildT4(j0);
                updateTrailing(j0);
            }
        }
    }

    /** The Householder vector of column j (dlarfg); applies it to panel columns j+1..end−1 only. */
    private void reflector(int j, int end) {
        double alpha = row[j][j];
        double ss = 0;
        for (int r = j + 1; r < d; r++) {
            double x = row[r][j];
            ss += x * x;
        }
        double[] vj = v[j];
        Arrays.fill(vj, 0.0);
        vj[j] = 1;
        double beta;
        if (ss == 0) {
            tau[j] = 0;
            beta = alpha;
        } else {
            beta = -Math.copySign(Math.sqrt(alpha * alpha + ss), alpha);
            tau[j] = (beta - alpha) / beta;
            double scale = 1 / (alpha - beta);
            for (int r = j + 1; r < d; r++) {
                vj[r] = row[r][j] * scale;
            }
            double t = tau[j];
            for (int c = j + 1; c < end; c++) {
                double dot = 0;
                for (int r = j; r < d; r++) {
                    dot += vj[r] * row[r][c];
                }
                double f = t * dot;
                for (int r = j; r < d; r++) {
                    row[r][c] -= f * vj[r];
                }
            }
        }
        row[j][j] = beta;
        sign[j] = beta < 0 ? -1 : 1;
        logDiag[j] = Math.log(Math.abs(beta));
    }

    /** Columns j0+4..k−1: Wt = Vᵀ Z (row axpys), Wt ← Tᵀ Wt, Z −= V Wt (row axpys). */
    private void updateTrailing(int j0) {
        int from = j0 + 4;
        double[] v0 = v[j0];
        double[] v1 = v[j0 + 1];
        double[] v2 = v[j0 + 2];
        double[] v3 = v[j0 + 3];
        double[] w0 = a0;
        double[] w1 = a1;
        double[] w2 = a2;
        double[] w3 = a3;
        Arrays.fill(w0, 0, k, 0.0);
        Arrays.fill(w1, 0, k, 0.0);
        Arrays.fill(w2, 0, k, 0.0);
        Arrays.fill(w3, 0, k, 0.0);
        for (int r = j0; r < d; r++) {
            double b0 = v0[r];
            double b1 = v1[r];
            double b2 = v2[r];
            double b3 = v3[r];
            double[] x = row[r];
            for (int c = from; c < k; c++) {
                double xc = x[c];
                w0[c] += b0 * xc;
                w1[c] += b1 * xc;
                w2[c] += b2 * xc;
                w3[c] += b3 * xc;
            }
        }
        // Tᵀ Wt, column by column: the same triangular map as timesT
        timesT(w0, w1, w2, w3, from, k);
        for (int r = j0; r < d; r++) {
            double b0 = v0[r];
            double b1 = v1[r];
            double b2 = v2[r];
            double b3 = v3[r];
            double[] x = row[r];
            for (int c = from; c < k; c++) {
                x[c] -= b0 * w0[c] + b1 * w1[c] + b2 * w2[c] + b3 * w3[c];
            }
        }
    }

    /** log (R_ℓ)_jj, j = 1..k, of the last step (a copy). */
    @Override
    public double[] logDiagonal() {
        return logDiag.clone();
    }

    /** log (R_ℓ)_jj for 0-based j, without copying. */
    @Override
    public double logDiagonal(int j) {
        return logDiag[j];
    }

    /** The sign-fixed triangular factor R_ℓ (k × k, positive diagonal) of the last step. */
    @Override
    public DMatrixRMaj lastR() {
        DMatrixRMaj r = new DMatrixRMaj(k, k);
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                r.set(i, j, sign[i] * row[i][j]);
            }
        }
        return r;
    }

    /** The current orthonormal frame Q_ℓ (d × k), formed explicitly. */
    @Override
    public DMatrixRMaj frame() {
        double[][] q = new double[k][d]; // column c of Q in q[c]
        for (int j = 0; j < k; j++) {
            q[j][j] = 1;
        }
        for (int j = k - 1; j >= 0; j--) {
            double t = tau[j];
            if (t == 0) {
                continue;
            }
            double[] vj = v[j];
            for (int c = j; c < k; c++) {
                double[] x = q[c];
                double dot = 0;
                for (int i = j; i < d; i++) {
                    dot += vj[i] * x[i];
                }
                double f = t * dot;
                for (int i = j; i < d; i++) {
                    x[i] -= f * vj[i];
                }
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(d, k);
        for (int c = 0; c < k; c++) {
            for (int r = 0; r < d; r++) {
                out.set(r, c, sign[c] * q[c][r]);
            }
        }
        return out;
    }
}
