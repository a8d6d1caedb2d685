package cartan.plot;

import cartan.profile.ExponentProfile;
import cartan.profile.TestMatrices;
import cartan.profile.ExponentProfile;
import cartan.profile.LayerSpectrum;
import cartan.profile.ProfileWriter;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile plots draw the series their Javadoc promises and reject what they cannot draw. */
class ProfilePlotsTest {

    @Test
    void weightProfilePlotsRender() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model());
        assertEquals(2, ProfilePlots.byDepth(p, "alpha").getSeriesCollection().size());
        assertTrue(ProfilePlots.esd(p, 1).getSeries("x_min") != null);
        assertEquals(4, ProfilePlots.quantileRanks(p).getSeriesCollection().size());
        assertEquals(2, ProfilePlots.cartanChart(p, 2).getSeriesCollection().size());
        assertThrows(IllegalArgumentException.class, () -> ProfilePlots.byDepth(p, "layer"));
    }

    @Test
    void chainPlotsHaveErrorBarsAndBounds() {
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int l = 0; l < 4; l++) {
            DMatrixRMaj a = CommonOps_DDRM.identity(8);
            for (int k = 0; k < 8; k++) {
                a.set(k, k, Math.pow(k + 1, -0.2 * (l + 1)));
            }
            f.add(a);
        }
        ExponentProfile p = ExponentProfile.ofChain(f);
        XYChart c = ProfilePlots.column(p, "beta_chart");
        assertEquals(1, c.getSeriesCollection().size());
        assertEquals(2, ProfilePlots.column(p, "drift").getSeriesCollection().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProfilePlots.column(p, "layer"));
        assertTrue(e.getMessage().startsWith("name: column \"layer\" is not numeric"), e.getMessage());
    }
}
