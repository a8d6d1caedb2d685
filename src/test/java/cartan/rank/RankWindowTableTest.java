package cartan.rank;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exact column against numpy's r_0.9 table (src/test/resources/cartan/spectrum/reference.py, E1.6). */
class RankWindowTableTest {

    @Test
    void exactRanksMatchNumpy() {
        double[] s = {0.5, 1, 1.5, 2, 3};
        int[] d = {100, 1000, 10000};
        int[][] numpy = {{83, 815, 8114}, {60, 473, 3758}, {21, 40, 51}, {6, 6, 6}, {2, 2, 2}};
        Table t = RankWindowTable.of(s, d, 0.9);
        assertEquals(15, t.rowCount());
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                int row = 3 * i + j;
                assertEquals(numpy[i][j], t.intColumn("r_0.9 exact").getInt(row), "s = " + s[i] + ", d = " + d[j]);
                assertEquals(d[j], t.intColumn("d").getInt(row));
                int r = numpy[i][j];
                assertEquals(true, t.intColumn("lower bound").getInt(row) <= r && r <= t.intColumn("upper bound").getInt(row));
            }
        }
        assertEquals("extensive", t.stringColumn("regime").get(0).toLowerCase());
    }

    @Test
    void badTauIsNamed() {
        rejects("tau", () -> RankWindowTable.of(new double[] {1}, new int[] {10}, 1.5));
    }
}
