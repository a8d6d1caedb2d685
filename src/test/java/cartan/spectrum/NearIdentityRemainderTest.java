package cartan.spectrum;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A diagonal B = diag(b) commutes with I, so μ̃_k(I + εB) = log|1 + εb_k| − ½ log(mean_j (1 + εb_j)²) exactly and
 * the expansion is ℓ_k = b_k − b̄: the remainder is computed here in closed form.
 */
class NearIdentityRemainderTest {

    @Test
    void diagonalGeneratorAgainstTheClosedForm() {
        double[] b = {1.5, 0.7, -0.2, -1.1};
        int d = b.length;
        DMatrixRMaj bm = CommonOps_DDRM.diag(b);
        NearIdentity expansion = NearIdentity.of(bm);
        double[] eps = {1e-1, 1e-2};
        NearIdentityRemainder r = NearIdentityRemainder.of(bm, expansion, eps);
        double mean = 0;
        for (double v : b) {
            mean += v / d;
        }
        for (int i = 0; i < eps.length; i++) {
            double e = eps[i];
            double ms = 0;
            for (double v : b) {
                ms += (1 + e * v) * (1 + e * v) / d;
            }
            double worst = 0;
            for (int k = 0; k < d; k++) {   // b is sorted descending, as the coordinates are
                double mu = Math.log(1 + e * b[k]) - 0.5 * Math.log(ms);
                worst = Math.max(worst, Math.abs(mu - e * (b[k] - mean)) / (e * e));
            }
            assertEquals(worst, r.errorOverEps2()[i], 1e-9 * Math.max(1, worst), "epsilon " + e);
        }
        assertEquals(3, r.table("t").columnCount());
    }

    @Test
    void badArgumentsAreNamed() {
        DMatrixRMaj bm = CommonOps_DDRM.diag(1, 2);
        rejects("epsilons", () -> NearIdentityRemainder.of(bm, NearIdentity.of(bm), new double[] {0}));
        rejects("expansion", () -> NearIdentityRemainder.of(CommonOps_DDRM.diag(1, 2, 3), NearIdentity.of(bm), new double[] {0.1}));
    }
}
