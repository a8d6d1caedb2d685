package cartan.profile;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The radial increments against r(J) = log σ_1 − ½ log(‖J‖_F²/d) of explicit EJML products; the two maxima. */
class FrobeniusAccountingTest {

    @Test
    void identityAndBoundOnARandomChain() {
        int d = 6;
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int l = 0; l < 8; l++) {
            f.add(RandomMatrices.gaussian(d, d, 1, 100L + l));
        }
        ExponentProfile p = ExponentProfile.ofChain(f);
        double[] dr = p.column("radial_increment");
        DMatrixRMaj j = CommonOps_DDRM.identity(d);
        double prev = 0;   // r(I) = 0
        for (int l = 0; l < f.size(); l++) {
            j = CommonOps_DDRM.mult(f.get(l), j, null);
            double[] s = SingularOps_DDRM.singularValues(j);
            double top = Arrays.stream(s).max().getAsDouble();
            double fro2 = Arrays.stream(j.data).map(x -> x * x).sum();
            double r = Math.log(top) - 0.5 * Math.log(fro2 / d);
            assertEquals(r - prev, dr[l], 1e-9, "layer " + l);
            prev = r;
        }
        FrobeniusAccounting a = FrobeniusAccounting.of(List.of(p, p));
        assertTrue(a.identityError() <= 1e-12, "identity error " + a.identityError());
        assertTrue(a.boundRatio() > 0 && a.boundRatio() <= 1 + 1e-12, "bound ratio " + a.boundRatio());
    }

    @Test
    void layerProfilesAreRefused() {
        rejects("chains", () -> FrobeniusAccounting.of(List.of(ExponentProfile.ofLayers(List.of(RandomMatrices.gaussian(5, 5, 1, 1L))))));
    }
}
