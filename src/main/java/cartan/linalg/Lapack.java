package cartan.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

import java.util.Locale;

/**
 * The optional LAPACK accelerator: OpenBLAS's LAPACK through JavaCPP's {@code org.bytedeco:openblas}
 * preset (native library for Linux x86-64 shipped in the jar, unpacked to {@code ~/.javacpp/cache} on
 * first use).
 *
 * <p>It is used only when all of these hold, otherwise the callers fall back to EJML:
 * <ul>
 *   <li>neither the system property {@value #PROPERTY} nor the environment variable {@value #ENV} is
 *   {@code false} (the property is read on every call, so a test or notebook can switch it);</li>
 *   <li>the native library loads, and a 2 × 2 {@code dgesdd} call returns the closed-form answer
 *   (probed once, lazily, on first use).</li>
 * </ul>
 *
 * <p>Layout: EJML's {@code DMatrixRMaj} is row-major, LAPACK is column-major; the row-major data of
 * an m × n matrix A is the column-major data of Aᵀ (n × m), which has the same singular values.
 * Wide A are therefore passed as they are; tall and square A are transposed on the way into native
 * memory, so that LAPACK always factors a tall matrix (see {@link #singularValuesRowMajor}).
 */
final class Lapack {

    /** System property that forces the pure-Java path when set to {@code false}. */
    static final String PROPERTY = "cartan.lapack";
    /** Environment variable that forces the pure-Java path when set to {@code false}. */
    static final String ENV = "CARTAN_LAPACK";

    /**
     * Matrices with fewer entries stay on EJML: below about 32 × 32 the JNI call, native allocation
     * and workspace query (≈ 40 µs) cost more than EJML's whole SVD or QR (measured on the benchmark
     * machine: SVD 8 × 8 EJML 6 µs vs LAPACK 44 µs; 32 × 32 240 µs vs 180 µs), and a session that
     * only ever sees small matrices never pays the ≈ 1 s it takes to load the native library.
     */
    static final int MIN_ELEMENTS = 1024;

    private Lapack() {
    }

    /** Whether a matrix with this many entries goes to LAPACK (large enough, and the accelerator enabled). */
    static boolean use(long elements) {
        return elements >= MIN_ELEMENTS && enabled();
    }

    /** Whether the accelerator is switched on and loaded. */
    static boolean enabled() {
        if (switchedOff()) {
            return false;
        }
        return Probe.ERROR == null;
    }

    /** Why the accelerator is not used, or {@code null} if it is. */
    static String whyNot() {
        if (switchedOff()) {
            return "switched off by -D" + PROPERTY + "=false or " + ENV + "=false";
        }
        return Probe.ERROR;
    }

    /** The version of the loaded OpenBLAS preset, or {@code null} when not enabled. */
    static String version() {
        return enabled() ? Probe.VERSION : null;
    }

    private static boolean switchedOff() {
        String p = System.getProperty(PROPERTY);
        if (p != null) {
            return isFalse(p);
        }
        String e = System.getenv(ENV);
        return e != null && isFalse(e);
    }

    private static boolean isFalse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.equals("false") || t.equals("0") || t.equals("off") || t.equals("no");
    }

    /** Loads the native library once; any failure leaves a reason and disables the accelerator. */
    private static final class Probe {
        static final String ERROR;
        static final String VERSION;

        static {
            String error = null;
            String version = null;
            try {
                Loader.load(openblas.class);
                // σ of [[3, 0], [4, 5]] are 3√5 and √5 (σ1σ2 = |det| = 15, σ1² + σ2² = 50)
                double[] s = singularValuesColumnMajor(new double[] {3, 4, 0, 5}, 2, 2);
                if (Math.abs(s[0] - 3 * Math.sqrt(5)) > 1e-12 || Math.abs(s[1] - Math.sqrt(5)) > 1e-12) {
                    error = "LAPACK self-test gave " + s[0] + ", " + s[1];
                }
                version = "OpenBLAS " + Loader.getVersion("org.bytedeco", "openblas") + " (JavaCPP)";
            } catch (Throwable t) { // missing classes or natives: UnsatisfiedLinkError, NoClassDefFoundError, ...
                error = "OpenBLAS could not be loaded: " + t;
            }
            ERROR = error;
            VERSION = version;
        }
    }

    /**
     * The singular values (descending) of the m × n column-major matrix in {@code data}, via
     * {@code dgesdd} with {@code jobz = 'N'} (bidiagonalisation, then dqds on the bidiagonal).
     * {@code data} is not modified (it is copied into native memory).
     */
    static double[] singularValuesColumnMajor(double[] data, int m, int n) {
        return singularValues(data, m, n, false);
    }

    /**
     * The singular values (descending) of the matrix whose row-major data is {@code data}
     * ({@code rows} × {@code cols}), via {@code dgesdd} with {@code jobz = 'N'}. LAPACK is handed a
     * column-major matrix with at least as many rows as columns: for m ≫ n {@code dgesdd} then starts
     * with a QR factorisation ({@code dgeqrf}, faster here than the LQ-first path it takes for wide
     * matrices). Row-major data of a wide matrix is already column-major data of its tall transpose;
     * a tall or square matrix is transposed while it is copied into native memory (for a square matrix
     * this costs the same as a plain copy and makes the result bit-identical to numpy's, which factors
     * A itself). {@code data} is not modified.
     */
    static double[] singularValuesRowMajor(double[] data, int rows, int cols) {
        return rows >= cols ? singularValues(data, rows, cols, true) : singularValues(data, cols, rows, false);
    }

    /** If {@code transpose}, data is row-major m × n (copied transposed); else column-major m × n. */
    private static double[] singularValues(double[] data, int m, int n, boolean transpose) {
        try (DoublePointer a = new DoublePointer((long) m * n)) {
            if (transpose) {
                copyTransposed(data, m, n, a);
            } else {
                a.put(data, 0, m * n);
            }
            return singularValuesInPlace(a, m, n);
        }
    }

    /**
     * The singular values (descending) of the m × n column-major matrix in native memory, via
     * {@code dgesdd} with {@code jobz = 'N'}; {@code a} is overwritten.
     */
    static double[] singularValuesInPlace(DoublePointer a, int m, int n) {
        int k = Math.min(m, n);
        try (DoublePointer s = new DoublePointer(k);
             DoublePointer query = new DoublePointer(1);
             IntPointer iwork = new IntPointer(8L * k);
             DoublePointer none = new DoublePointer(1)) {
            int info = openblas.LAPACKE_dgesdd_work(openblas.LAPACK_COL_MAJOR, (byte) 'N', m, n, a, m, s,
                    none, 1, none, 1, query, -1, iwork);
            check("dgesdd workspace query", info);
            long lwork = Math.max(1, (long) query.get(0));
            try (DoublePointer work = new DoublePointer(lwork)) {
                info = openblas.LAPACKE_dgesdd_work(openblas.LAPACK_COL_MAJOR, (byte) 'N', m, n, a, m, s,
                        none, 1, none, 1, work, (int) lwork, iwork);
            }
            check("dgesdd", info);
            double[] out = new double[k];
            s.get(out);
            return out;
        }
    }

    /**
     * Writes the row-major m × n {@code data} into {@code dst} in column-major order: a block of up to 64
     * columns at a time is transposed into a Java buffer (rows read in order, 64 values each) and
     * written to native memory with one bulk copy, which is several times faster than element-wise
     * writes through a direct buffer.
     */
    private static void copyTransposed(double[] data, int m, int n, DoublePointer dst) {
        final int block = 64;
        double[] buf = new double[block * m];
        for (int j0 = 0; j0 < n; j0 += block) {
            int w = Math.min(block, n - j0);
            for (int i = 0; i < m; i++) {
                int row = i * n + j0;
                for (int j = 0; j < w; j++) {
                    buf[j * m + i] = data[row + j];
                }
            }
            dst.position((long) j0 * m).put(buf, 0, w * m);
        }
        dst.position(0);
    }

    static void check(String what, int info) {
        if (info != 0) {
            throw new IllegalStateException(what + " failed, LAPACK info = " + info);
        }
    }
}
