package cartan.profile;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Medians by hand on small arrays, and the table's rows against the profiles' own columns sorted here. */
class ProfileMediansTest {

    @Test
    void medianAndShareByHand() {
        assertEquals(2, ProfileMedians.median(new double[] {3, 1, Double.NaN, 2}), 0);
        assertEquals(2.5, ProfileMedians.median(new double[] {4, 1, 3, 2}), 0);
        assertEquals(Double.NaN, ProfileMedians.median(new double[] {Double.NaN}), 0);
        assertEquals(0.5, ProfileMedians.share(new double[] {1, 2, 6, Double.NaN}, 2, 6), 0);
    }

    @Test
    void oneRowPerModel() {
        List<DMatrixRMaj> a = new ArrayList<>();
        List<DMatrixRMaj> b = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            a.add(RandomMatrices.gaussian(20, 30, 1, 10 + i));
            b.add(RandomMatrices.gaussian(25, 25, 1, 20 + i));
        }
        b.add(RandomMatrices.gaussian(12, 40, 1, 30));
        ExponentProfile pa = ExponentProfile.ofLayers(a);
        ExponentProfile pb = ExponentProfile.ofLayers(b);
        Table t = ProfileMedians.table("t", List.of("a", "b"), List.of(pa, pb), "beta_chart");
        assertEquals(List.of("model", "layers", "median beta_chart", "share 2<=alpha<=6"), t.columnNames());
        assertEquals(3, t.intColumn("layers").getInt(0));
        assertEquals(4, t.intColumn("layers").getInt(1));
        double[] va = new double[3];
        for (int i = 0; i < 3; i++) {
            va[i] = pa.value(i, "beta_chart");
        }
        Arrays.sort(va);
        assertEquals(va[1], t.doubleColumn("median beta_chart").getDouble(0), 0);
        double[] vb = new double[4];
        for (int i = 0; i < 4; i++) {
            vb[i] = pb.value(i, "beta_chart");
        }
        Arrays.sort(vb);
        assertEquals((vb[1] + vb[2]) / 2, t.doubleColumn("median beta_chart").getDouble(1), 1e-15);
    }

    @Test
    void badArgumentsAreNamed() {
        rejects("names", () -> ProfileMedians.table("t", List.of("a"), List.of(), "alpha"));
        rejects("values", () -> ProfileMedians.share(new double[0], 0, 1));
    }
}
