package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.Arrays;

/**
 * Singular values σ_1 ≥ σ_2 ≥ … ≥ σ_{min(m,n)} ≥ 0 of a real matrix, values only (no singular vectors
 * are formed).
 *
 * <p>Two backends compute the same thing by Householder bidiagonalisation B = U₁ᵀ A V₁ followed by
 * an iteration on the bidiagonal B:
 * <ul>
 *   <li>{@link Backend#LAPACK} (used when available): LAPACK {@code dgesdd} with {@code jobz = 'N'}
 *   from OpenBLAS (blocked, multi-threaded; dqds on the bidiagonal). The row-major data of A is the
 *   column-major data of Aᵀ, which has the same singular values; a tall or square A is transposed on its
 *   way into native memory so that LAPACK always sees a tall matrix (QR-first path when m ≫ n).</li>
 *   <li>{@link Backend#EJML}: EJML's values-only SVD (implicit-shift QR on the bidiagonal), pure Java.</li>
 * </ul>
 * Both are backward stable: each computed σ̂_i satisfies |σ̂_i − σ_i| ≤ p(m,n)·ε·σ_1 with ε = 2⁻⁵², so
 * the relative error of σ_i is at most of order ε·min(m,n)·σ_1/σ_i. Measured against numpy on N(0,1)
 * matrices: with one OpenBLAS thread the values are bit-identical to numpy's (same dgesdd on the same
 * column-major matrix); EJML and multi-threaded runs differ by ≤ 2e-10 relative at 1024² (bench/run.sh).
 *
 * <p>Matrices with fewer than 1024 entries always take the EJML path (it is faster there, and the native
 * library, which takes about a second to load, is then never loaded). Set the system property {@code cartan.lapack=false} (or the environment variable
 * {@code CARTAN_LAPACK=false}) to force the pure-Java path; {@link #backend()} tells which one runs.
 */
public final class SingularValues {

    private SingularValues() {
    }

    /**
     * The singular values of {@code a}, sorted descending. The input is not modified.
     *
     * @throws IllegalArgumentException if {@code a} is empty or has NaN or infinite entries
     */
    public static double[] of(DMatrixRMaj a) {
        Require.finite("matrix", a);
        return Lapack.use((long) a.numRows * a.numCols) ? lapack(a) : ejml(a);
    }

    /**
     * The backend {@link #of} uses right now for matrices of at least 32 × 32 = 1024 entries:
     * {@link Backend#LAPACK} if it loads and is not switched off. Smaller matrices always use EJML
     * (faster there, see {@link #backend(int, int)}).
     */
    public static Backend backend() {
        return Lapack.enabled() ? Backend.LAPACK : Backend.EJML;
    }

    /** The backend {@link #of} uses right now for a rows × cols matrix. */
    public static Backend backend(int rows, int cols) {
        return Lapack.use((long) rows * cols) ? Backend.LAPACK : Backend.EJML;
    }

    /** A one-line description of the backend, e.g. for a benchmark table or a notebook footer. */
    public static String backendDescription() {
        return Lapack.enabled() ? "LAPACK dgesdd, " + Lapack.version() : "EJML (pure Java); " + Lapack.whyNot();
    }

    /** The LAPACK path (caller has validated {@code a} and checked {@link Lapack#enabled()}). */
    static double[] lapack(DMatrixRMaj a) {
        double[] s = Lapack.singularValuesRowMajor(a.data, a.numRows, a.numCols);
        sortDescending(s); // dgesdd already returns them descending; cheap insurance
        return s;
    }

    /** The pure-Java path (caller has validated {@code a}). */
    static double[] ejml(DMatrixRMaj a) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(a.numRows, a.numCols, false, false, true);
        DMatrixRMaj work = svd.inputModified() ? a.copy() : a;
        if (!svd.decompose(work)) {
            throw new IllegalStateException("SVD did not converge for a " + a.numRows + "x" + a.numCols + " matrix");
        }
        int n = svd.numberOfSingularValues();
        double[] s = Arrays.copyOf(svd.getSingularValues(), n);
        sortDescending(s);
        return s;
    }

    private static void sortDescending(double[] s) {
        Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
    }
}
