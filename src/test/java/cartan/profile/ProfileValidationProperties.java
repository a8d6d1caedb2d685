package cartan.profile;

import cartan.ValidationSweep;
import cartan.linalg.RandomMatrices;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to ExponentProfile is rejected by name; a layer profile of A₁…A_L equals that of
 * U_i A_i V_i and (for the normalised columns) that of c_i A_i, with no NaN anywhere in the table.
 */
class ProfileValidationProperties {

    @Test
    void reflectiveSweep() {
        // a NaN layer is not rejected but gets a row with a note (handWrittenBadInput checks it)
        ValidationSweep.assertAllRejected(ExponentProfile.class,
                c -> c.method().getName().equals("ofLayers") && c.bad().equals("[matrix with NaN]"));
    }

    @Test
    void handWrittenBadInput() {
        DMatrixRMaj ok = RandomMatrices.gaussian(6, 5, 1, 1L);
        DMatrixRMaj nan = ok.copy();
        nan.set(2, 3, Double.NaN);
        rejects("layers", () -> ExponentProfile.ofLayers(List.of()));
        assertTrue(ExponentProfile.ofLayers(List.of(ok, nan)).layer(1).notes().startsWith("non-finite weights"));
        rejects("layers", () -> ExponentProfile.ofLayers((List<DMatrixRMaj>) null));
        Map<String, DMatrixRMaj> named = new LinkedHashMap<>();
        named.put("a", ok);
        named.put("b", nan);
        assertTrue(ExponentProfile.ofLayers(named).layer(1).notes().startsWith("non-finite weights"));
        rejects("factors", () -> ExponentProfile.ofChain(List.of(ok, RandomMatrices.gaussian(3, 3, 1, 2L))));
        rejects("factors", () -> ExponentProfile.ofChain(List.of()));
        rejects("name", () -> ExponentProfile.ofLayers(List.of(ok, ok, ok)).column("no_such_column"));
    }

    @Property(tries = 15)
    void layerTableIsOrthogonallyAndScaleInvariant(@ForAll @IntRange(min = 1, max = 4) int layers, @ForAll long seed,
                                                   @ForAll @DoubleRange(min = -4, max = 4) double log10c) {
        List<DMatrixRMaj> as = new ArrayList<>();
        List<DMatrixRMaj> rot = new ArrayList<>();
        List<DMatrixRMaj> scaled = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            DMatrixRMaj a = RandomMatrices.gaussian(12 + i, 10, 1, seed + i);
            as.add(a);
            DMatrixRMaj t = new DMatrixRMaj(a.numRows, a.numCols);
            DMatrixRMaj r = new DMatrixRMaj(a.numRows, a.numCols);
            CommonOps_DDRM.mult(RandomMatrices.haarOrthogonal(a.numRows, seed + 100 + i), a, t);
            CommonOps_DDRM.mult(t, RandomMatrices.haarOrthogonal(a.numCols, seed + 200 + i), r);
            rot.add(r);
            DMatrixRMaj c = a.copy();
            CommonOps_DDRM.scale(Math.pow(10, log10c), c);
            scaled.add(c);
        }
        Table t = ExponentProfile.ofLayers(as).table();
        Table tr = ExponentProfile.ofLayers(rot).table();
        Table tc = ExponentProfile.ofLayers(scaled).table();
        for (String col : ExponentProfile.LAYER_COLUMNS) {
            if (col.equals("layer")) {
                continue;
            }
            double[] v = numbers(t.column(col));
            double[] vr = numbers(tr.column(col));
            double[] vc = numbers(tc.column(col));
            for (int i = 0; i < v.length; i++) {
                assertTrue(Double.isFinite(v[i]), col + " is " + v[i]);
                assertEquals(v[i], vr[i], 1e-8 * (1 + Math.abs(v[i])), col + " under U A V");
                assertEquals(v[i], vc[i], 1e-8 * (1 + Math.abs(v[i])), col + " under cA");
            }
        }
    }

    static double[] numbers(Column<?> c) {
        double[] d = new double[c.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) c.get(i)).doubleValue();
        }
        return d;
    }
}
