package cartan.profile;

import cartan.io.NamedMatrix;
import cartan.linalg.GramEigenvalues;
import cartan.linalg.RandomMatrices;
import cartan.linalg.SingularValues;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The profile's default spectrum (Gram eigenvalues, {@link ProfileOptions.SvdMethod#GRAM}) against the
 * full SVD ({@link ProfileOptions.SvdMethod#ACCURATE}, a different algorithm): the fits and ranks do not
 * notice the difference, and without LAPACK both options are the same computation.
 */
class GramProfileTest {

    @AfterEach
    void restore() {
        System.clearProperty("cartan.lapack");
    }

    /** Layers that take every route of the Gram path: well conditioned, square, graded, low rank. */
    static List<NamedMatrix> layers() {
        List<NamedMatrix> out = new ArrayList<>(TestMatrices.model());
        out.add(TestMatrices.named("gauss.tall", RandomMatrices.gaussian(300, 120, 0.05, 5L)));
        out.add(TestMatrices.named("gauss.wide", RandomMatrices.gaussian(90, 260, 0.05, 6L)));
        out.add(TestMatrices.named("gauss.square", RandomMatrices.gaussian(150, 150, 0.05, 7L)));
        double[] graded = new double[80];
        for (int k = 0; k < graded.length; k++) {
            graded[k] = Math.pow(k + 1.0, -1.1) * Math.exp(-0.12 * k); // σ_80/σ_1 ≈ 1e-6: λ spans 12 decades
        }
        DMatrixRMaj g = RandomMatrices.withSingularValues(graded, new SplittableRandom(8));
        out.add(TestMatrices.named("graded", g));
        return out;
    }

    @Test
    void fitsAndRanksAgreeWithTheFullSvd() {
        List<NamedMatrix> layers = layers();
        ExponentProfile gram = ExponentProfile.ofNamedMatrices(layers, ProfileOptions.DEFAULT);
        ExponentProfile svd = ExponentProfile.ofNamedMatrices(layers,
                ProfileOptions.DEFAULT.withSvd(ProfileOptions.SvdMethod.ACCURATE));
        assertEquals(ProfileOptions.SvdMethod.GRAM, ProfileOptions.DEFAULT.svd());
        // λ above 1e-8 λ_1 agree to 1e-10 relative (the contract); the fitted quantities are smooth functions of
        // logs and sums of those λ (α = 1 + n/Σ ln(λ/x_min), ranks are ratios of sums), so they agree to
        // 1e-8 relative; small λ enter the chart with the SVD's own absolute accuracy
        for (String c : List.of("sigma_max", "frobenius_norm", "stable_rank", "entropy_rank", "participation_ratio",
                "alpha", "alpha_xmin", "alpha_ks", "alpha_se", "alpha_weighted", "log_norm", "log_spectral_norm",
                "beta_chart", "top_radial", "chart_residual", "beta_top_radial")) {
            double[] a = gram.column(c);
            double[] b = svd.column(c);
            for (int i = 0; i < a.length; i++) {
                String what = layers.get(i).name() + " " + c;
                assertEquals(Double.isNaN(b[i]), Double.isNaN(a[i]), what);
                assertEquals(b[i], a[i], 1e-8 * Math.abs(b[i]), what);
            }
        }
        for (String c : List.of("rank_q90", "rank_q99", "alpha_n_tail")) {
            assertArrayEquals(svd.column(c), gram.column(c), 0, c);
        }
        for (int i = 0; i < layers.size(); i++) {
            assertEquals(svd.layer(i).notes(), gram.layer(i).notes(), layers.get(i).name());
            double[] s = SingularValues.of(layers.get(i).matrix());
            double[] l = gram.layer(i).eigenvalues();
            for (int k = 0; k < s.length; k++) {
                double ref = s[k] * s[k];
                if (ref >= GramEigenvalues.CONTRACT_FLOOR * s[0] * s[0]) {
                    assertEquals(ref, l[k], GramEigenvalues.CONTRACT_RELATIVE_ERROR * ref, layers.get(i).name() + " λ_" + k);
                }
            }
        }
    }

    @Test
    void withoutLapackBothOptionsAreTheSameSvd() {
        System.setProperty("cartan.lapack", "false");
        List<NamedMatrix> layers = layers();
        ExponentProfile gram = ExponentProfile.ofNamedMatrices(layers, ProfileOptions.DEFAULT);
        ExponentProfile svd = ExponentProfile.ofNamedMatrices(layers,
                ProfileOptions.DEFAULT.withSvd(ProfileOptions.SvdMethod.ACCURATE));
        for (int i = 0; i < layers.size(); i++) {
            assertArrayEquals(svd.layer(i).singularValues(), gram.layer(i).singularValues(), 0);
        }
        assertTrue(ProfileWriter.csv(gram).equals(ProfileWriter.csv(svd)));
    }

    @Test
    void theOptionIsRecordedInTheJson() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model(),
                ProfileOptions.DEFAULT.withSvd(ProfileOptions.SvdMethod.ACCURATE));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> opt = (java.util.Map<String, Object>) ProfileWriter.jsonTree(p, "x").get("options");
        assertEquals("accurate", opt.get("svd"));
    }
}
