package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LAPACK accelerator and the EJML path of {@link SingularValues}, against closed forms and each other. */
class SingularValuesBackendTest {

    @AfterEach
    void restoreProperty() {
        System.clearProperty(Lapack.PROPERTY);
    }

    @Test
    void acceleratorLoadsOnLinuxX86() {
        // the project ships the linux-x86_64 natives; on that platform the accelerator must be in use
        if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")
                && System.getenv(Lapack.ENV) == null) {
            assertNull(Lapack.whyNot());
            assertEquals(Backend.LAPACK, SingularValues.backend());
            assertEquals(Backend.LAPACK, SingularValues.backend(32, 32));
            assertEquals(Backend.EJML, SingularValues.backend(31, 33)); // 1023 entries: EJML is faster there
            try (QrIteration step = QrIteration.identityFrame(64, 16)) {
                assertEquals(Backend.LAPACK, step.backend());
            }
            try (QrIteration step = QrIteration.identityFrame(8, 8)) {
                assertEquals(Backend.EJML, step.backend());
            }
            assertTrue(SingularValues.backendDescription().contains("OpenBLAS"), SingularValues.backendDescription());
        }
    }

    @Test
    void switchingOffFallsBackToEjmlAndStillWorks() {
        System.setProperty(Lapack.PROPERTY, "false");
        assertEquals(Backend.EJML, SingularValues.backend());
        assertTrue(SingularValues.backendDescription().contains("switched off"));
        // [[3, 0], [4, 5]]: σ1 σ2 = |det| = 15 and σ1² + σ2² = 50, so σ = 3√5, √5
        assertEquals(Backend.EJML, SingularValues.backend(100, 100));
        double[] s = SingularValues.of(new DMatrixRMaj(new double[][] {{3, 0}, {4, 5}}));
        assertArrayEquals(new double[] {3 * Math.sqrt(5), Math.sqrt(5)}, s, 1e-14);
        // a large matrix on the forced pure-Java path: Σσ² = ‖A‖_F²
        DMatrixRMaj g = RandomMatrices.gaussian(70, 50, 1, 6L);
        double sumSq = 0;
        for (double x : SingularValues.of(g)) {
            sumSq += x * x;
        }
        double fro = CommonOps_DDRM.elementSum(elementSquare(g));
        assertEquals(fro, sumSq, 1e-12 * fro);
        try (QrIteration step = QrIteration.identityFrame(64, 64)) {
            assertEquals(Backend.EJML, step.backend());
        }
        System.setProperty(Lapack.PROPERTY, "true");
        assertEquals(Lapack.whyNot() == null ? Backend.LAPACK : Backend.EJML, SingularValues.backend());
    }

    @Test
    void withoutLoadableNativesTheLibraryFallsBackToEjml() throws Exception {
        // a child JVM where JavaCPP looks for linux-arm64 natives, which the project does not ship
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.platform=linux-arm64", "-cp", System.getProperty("java.class.path"),
                AbsentAcceleratorMain.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        String[] f = out.split(" ");
        assertEquals("EJML", f[0], out);
        assertEquals(3 * Math.sqrt(5), Double.parseDouble(f[1]), 1e-13);
        assertEquals(Math.sqrt(5), Double.parseDouble(f[2]), 1e-13); // √5 ≈ 2.236 > 1
        assertEquals(1, Double.parseDouble(f[3]), 1e-13);
        assertEquals(1, Double.parseDouble(f[4]), 1e-13);
    }

    @Test
    void bothBackendsRecoverPrescribedValuesOverManyDecades() {
        // U diag(σ) Vᵀ with Haar U, V: the exact singular values are σ; absolute error ≲ n ε σ_1
        double[] values = new double[40];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.pow(10, 2 - 0.25 * i); // 1e2 … 1e-7.75
        }
        DMatrixRMaj a = RandomMatrices.withSingularValues(values, new SplittableRandom(31));
        for (double[] s : new double[][] {SingularValues.ejml(a), lapackOrSkip(a)}) {
            if (s == null) {
                continue;
            }
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], s[i], 40 * 0x1p-52 * values[0] * 4, "σ_" + i);
            }
        }
    }

    @Test
    void backendsAgreeOnTallWideAndSquareGaussians() {
        int[][] shapes = {{120, 80}, {80, 120}, {97, 97}, {300, 40}, {1, 9}, {9, 1}};
        for (int[] sh : shapes) {
            DMatrixRMaj a = RandomMatrices.gaussian(sh[0], sh[1], 1, 1000L + sh[0] * 7L + sh[1]);
            DMatrixRMaj before = a.copy();
            double[] e = SingularValues.ejml(a);
            double[] l = lapackOrSkip(a);
            assertArrayEquals(before.data, a.data, 0, "input must not be modified");
            if (l == null) {
                continue;
            }
            assertEquals(Math.min(sh[0], sh[1]), l.length);
            for (int i = 0; i < l.length; i++) {
                // both backward stable: |Δσ_i| ≤ c·n·ε·σ_1, well inside 1e-12·σ_1 at these sizes
                assertEquals(e[i], l[i], 1e-12 * e[0], sh[0] + "x" + sh[1] + " σ_" + i);
                if (i > 0) {
                    assertTrue(l[i] <= l[i - 1], "descending");
                }
            }
        }
    }

    @Test
    void frobeniusNormAndRankOneClosedForms() {
        // rank one u vᵀ: σ_1 = |u| |v|, the rest 0
        DMatrixRMaj u = RandomMatrices.gaussian(50, 1, 1, 3L);
        DMatrixRMaj v = RandomMatrices.gaussian(30, 1, 1, 4L);
        DMatrixRMaj a = new DMatrixRMaj(50, 30);
        CommonOps_DDRM.multTransB(u, v, a);
        double expected = Math.sqrt(CommonOps_DDRM.elementSum(elementSquare(u)) * CommonOps_DDRM.elementSum(elementSquare(v)));
        double[] s = SingularValues.of(a);
        assertEquals(expected, s[0], 1e-13 * expected);
        for (int i = 1; i < s.length; i++) {
            assertEquals(0, s[i], 1e-13 * expected);
        }
        // Σσ_i² = ‖A‖_F² for a Gaussian matrix
        DMatrixRMaj g = RandomMatrices.gaussian(64, 48, 1, 8L);
        double sumSq = 0;
        for (double x : SingularValues.of(g)) {
            sumSq += x * x;
        }
        double fro = CommonOps_DDRM.elementSum(elementSquare(g));
        assertEquals(fro, sumSq, 1e-12 * fro);
    }

    @Test
    void badInputIsRejectedOnBothPaths() {
        DMatrixRMaj nan = new DMatrixRMaj(2, 2);
        nan.set(1, 0, Double.NaN);
        for (String flag : new String[] {"true", "false"}) {
            System.setProperty(Lapack.PROPERTY, flag);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SingularValues.of(nan));
            assertTrue(e.getMessage().startsWith("matrix"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> SingularValues.of(new DMatrixRMaj(0, 3)));
            assertTrue(e.getMessage().startsWith("matrix"), e.getMessage());
        }
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj m) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.elementMult(out, m);
        return out;
    }

    /** The LAPACK values, or null when the accelerator cannot load on this platform. */
    private static double[] lapackOrSkip(DMatrixRMaj a) {
        return Lapack.enabled() ? SingularValues.lapack(a) : null;
    }
}
