package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each layer minus its seeded noise is the planted structure: a rank-one θ, one raised entry, nothing. */
class PlantedLayersTest {

    @Test
    void plantedStructureOverTheSeededNoise() {
        int n = 30, m = 50;
        PlantedLayers l = PlantedLayers.of(n, m, 2, 7, 11, 5, 17L);
        double sd = 1 / Math.sqrt(m);
        assertArrayEquals(RandomMatrices.gaussian(n, m, sd, 17L).data, l.pure().data, 0);
        DMatrixRMaj signal = CommonOps_DDRM.subtract(l.spiked(), RandomMatrices.gaussian(n, m, sd, 18L), null);
        double[] s = SingularOps_DDRM.singularValues(signal);
        Arrays.sort(s);
        assertEquals(2, s[s.length - 1], 1e-12);
        assertEquals(0, s[s.length - 2], 1e-12);
        DMatrixRMaj raised = CommonOps_DDRM.subtract(l.trap(), RandomMatrices.gaussian(n, m, sd, 19L), null);
        assertEquals(5, raised.get(7, 11), 1e-15);
        assertEquals(25, CommonOps_DDRM.elementSumAbs(raised) * 5, 1e-12);
        assertEquals(java.util.List.of("pure", "spiked", "trap"), java.util.List.copyOf(l.asMap().keySet()));
    }

    @Test
    void badArgumentsAreNamed() {
        rejects("n", () -> PlantedLayers.of(0, 5, 2, 0, 0, 5, 1L));
        rejects("theta", () -> PlantedLayers.of(5, 5, Double.NaN, 0, 0, 5, 1L));
        rejects("row", () -> PlantedLayers.of(5, 5, 2, 5, 0, 5, 1L));
    }
}
