package cartan.fit;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One row per alternative; the verdict column follows the rule p > 0.1 → neither, else the sign of R. */
class LikelihoodRatioTableTest {

    @Test
    void rowsAndVerdicts() {
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(1 - r.nextDouble(), -1 / 1.5);
        }
        PowerLawData data = PowerLawData.of(x);
        List<LikelihoodRatio> ratios = LikelihoodRatioTest.all(data, TailFitter.csn(50).fit(data));
        Table t = LikelihoodRatioTable.of("t", ratios, true);
        Table plain = LikelihoodRatioTable.of("t", ratios, false);
        assertEquals(List.of("alternative", "R", "R/(sqrt(n) s)", "p", "favoured at 0.1"), t.columnNames());
        assertEquals(List.of("alternative", "R", "p", "favoured at 0.1"), plain.columnNames());
        assertEquals(ratios.size(), t.rowCount());
        for (int i = 0; i < ratios.size(); i++) {
            LikelihoodRatio l = ratios.get(i);
            String expected = l.pValue() > 0.1 || l.ratio() == 0 ? "neither" : l.ratio() > 0 ? "power law" : l.alternative().name();
            assertEquals(expected, t.stringColumn("favoured at 0.1").get(i));
            assertEquals(l.ratio(), t.doubleColumn("R").getDouble(i), 0);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        rejects("ratios", () -> LikelihoodRatioTable.of("t", null, true));
    }
}
