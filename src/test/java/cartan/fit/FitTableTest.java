package cartan.fit;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Pareto sample fitted at a fixed x_min: the α column is the closed-form MLE 1 + n/Σ ln(x/x_min). */
class FitTableTest {

    @Test
    void rowsHoldTheFits() {
        double[] x = {1, 1.2, 1.5, 2, 2.5, 3, 4, 6, 9, 15, 30};
        PowerLawFit f = TailFitter.csn(2).withXmin(1.5).fit(x);
        double sum = 0;
        int n = 0;
        for (double v : x) {
            if (v >= 1.5) {
                sum += Math.log(v / 1.5);
                n++;
            }
        }
        Table t = FitTable.of("t", "rule", List.of("fixed"), List.of(f));
        assertEquals(List.of("rule", "x_min", "alpha", "n_tail", "KS D"), t.columnNames());
        assertEquals(1.5, t.doubleColumn("x_min").getDouble(0), 0);
        assertEquals(n, t.intColumn("n_tail").getInt(0));
        assertEquals(1 + n / sum, t.doubleColumn("alpha").getDouble(0), 1e-12);
    }

    @Test
    void oneLabelPerFit() {
        rejects("labels", () -> FitTable.of("t", "rule", List.of("a"), List.of()));
    }
}
