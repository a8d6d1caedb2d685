package cartan.nn;

import cartan.linalg.Gemm;
import org.ejml.data.DMatrixRMaj;

/**
 * The affine map every weight layer applies to its input rows: Z = A Wᵀ + 1bᵀ with A ∈ R^{R×n} (one
 * row per sample, token or output position), W ∈ R^{m×n}, Z ∈ R^{R×m}, and its four passes:
 * <ul>
 *   <li>backward: ∂L/∂W = g_Zᵀ A, ∂L/∂b = 1ᵀg_Z, g_A = g_Z W;</li>
 *   <li>R-forward: R{Z} = R{A} Wᵀ + A Vᵀ + 1 v_bᵀ;</li>
 *   <li>R-backward: R{∂L/∂W} = R{g_Z}ᵀ A + g_Zᵀ R{A}, R{∂L/∂b} = 1ᵀR{g_Z}, R{g_A} = R{g_Z} W + g_Z V.</li>
 * </ul>
 * A {@code null} matrix stands for zero. Products go through {@link Gemm}.
 */
final class AffineRows {

    private AffineRows() {
    }

    static DMatrixRMaj forward(DMatrixRMaj a, Params p) {
        DMatrixRMaj z = new DMatrixRMaj(a.numRows, p.w().numRows);
        Gemm.mult(1, a, false, p.w(), true, 0, z);
        addBias(z, p.b());
        return z;
    }

    /** Parameter gradient (g_Zᵀ A, 1ᵀ g_Z). */
    static Params weightGradient(DMatrixRMaj a, DMatrixRMaj gz) {
        DMatrixRMaj gw = new DMatrixRMaj(gz.numCols, a.numCols);
        Gemm.mult(1, gz, true, a, false, 0, gw);
        return new Params(gw, columnSums(gz));
    }

    /** g_A = g_Z W. */
    static DMatrixRMaj inputGradient(DMatrixRMaj gz, Params p) {
        DMatrixRMaj ga = new DMatrixRMaj(gz.numRows, p.w().numCols);
        Gemm.mult(1, gz, false, p.w(), false, 0, ga);
        return ga;
    }

    /** R{Z}, or null if R{A} and the direction are both zero. */
    static DMatrixRMaj rForward(DMatrixRMaj a, DMatrixRMaj ra, Params p, Params v) {
        if (ra == null && v == null) {
            return null;
        }
        DMatrixRMaj r = new DMatrixRMaj(a.numRows, p.w().numRows);
        if (ra != null) {
            Gemm.mult(1, ra, false, p.w(), true, 0, r);
        }
        if (v != null) {
            Gemm.mult(1, a, false, v.w(), true, 1, r);
            addBias(r, v.b());
        }
        return r;
    }

    /** R{∂L/∂W}, R{∂L/∂b}. */
    static Params rWeightGradient(DMatrixRMaj a, DMatrixRMaj ra, DMatrixRMaj gz, DMatrixRMaj rgz, int m) {
        DMatrixRMaj rw = new DMatrixRMaj(m, a.numCols);
        double[] rb = new double[m];
        if (rgz != null) {
            Gemm.mult(1, rgz, true, a, false, 0, rw);
            rb = columnSums(rgz);
        }
        if (ra != null) {
            Gemm.mult(1, gz, true, ra, false, 1, rw);
        }
        return new Params(rw, rb);
    }

    /** R{g_A} = R{g_Z} W + g_Z V, or null if both terms vanish. */
    static DMatrixRMaj rInputGradient(DMatrixRMaj gz, DMatrixRMaj rgz, Params p, Params v) {
        if (rgz == null && v == null) {
            return null;
        }
        DMatrixRMaj r = new DMatrixRMaj(gz.numRows, p.w().numCols);
        if (rgz != null) {
            Gemm.mult(1, rgz, false, p.w(), false, 0, r);
        }
        if (v != null) {
            Gemm.mult(1, gz, false, v.w(), false, 1, r);
        }
        return r;
    }

    static void addBias(DMatrixRMaj out, double[] b) {
        int c = out.numCols;
        for (int r = 0; r < out.numRows; r++) {
            int o = r * c;
            for (int j = 0; j < c; j++) {
                out.data[o + j] += b[j];
            }
        }
    }

    static double[] columnSums(DMatrixRMaj g) {
        double[] s = new double[g.numCols];
        int c = g.numCols;
        for (int r = 0; r < g.numRows; r++) {
            int o = r * c;
            for (int j = 0; j < c; j++) {
                s[j] += g.data[o + j];
            }
        }
        return s;
    }

    /** The same data seen with {@code rows} rows (rows must divide the element count). */
    static DMatrixRMaj reshape(DMatrixRMaj x, int rows) {
        return x == null ? null : DMatrixRMaj.wrap(rows, x.getNumElements() / rows, x.data);
    }
}
