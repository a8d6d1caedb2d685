package cartan.profile;

import cartan.linalg.RandomMatrices;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rigidity facts that must hold for every chain: slack ≥ 0, Δr = a − ξ − ν, drift ≤ slack-aware bound. */
class ExponentProfileProperties {

    @Property(tries = 25)
    void rigidityHoldsForRandomResidualChains(@ForAll long seed, @ForAll @IntRange(min = 3, max = 12) int d,
                                              @ForAll @IntRange(min = 1, max = 12) int depth,
                                              @ForAll @DoubleRange(min = 0.01, max = 1.0) double eps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            DMatrixRMaj a = RandomMatrices.gaussian(d, d, eps / Math.sqrt(d), rnd);
            CommonOps_DDRM.addEquals(a, CommonOps_DDRM.identity(d));
            f.add(a);
        }
        Table t = ExponentProfile.ofChain(f).table();
        for (int l = 0; l < depth; l++) {
            double xi = t.doubleColumn("slack").get(l);
            assertTrue(xi >= -1e-12, "slack " + xi);
            assertEquals(t.doubleColumn("radial_increment").get(l), t.doubleColumn("interface_amplitude").get(l) - xi
                    - t.doubleColumn("normalisation_change").get(l), 1e-11);
            assertTrue(t.doubleColumn("drift").get(l) <= t.doubleColumn("drift_bound").get(l) * (1 + 1e-12) + 1e-14);
            assertTrue(t.doubleColumn("drift_top_radial").get(l)
                    <= t.doubleColumn("drift_top_radial_bound").get(l) * (1 + 1e-12) + 1e-14);
        }
    }
}
