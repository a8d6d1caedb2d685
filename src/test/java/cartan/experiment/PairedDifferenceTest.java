package cartan.experiment;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PairedDifference on a hand-made sweep: the tuned rates, the seed pairing, d̄ and s_d/√n worked out by hand. */
class PairedDifferenceTest {

    @Test
    void pairsBySeedAtEachMethodsTunedRate() {
        Table runs = Table.create("runs",
                StringColumn.create("dataset", "d", "d", "d", "d", "d", "d", "d", "d", "d"),
                StringColumn.create("method", "a", "a", "a", "m", "m", "m", "m", "m", "m"),
                DoubleColumn.create("learning_rate", 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.5, 0.5, 0.5),
                IntColumn.create("seed", 3, 1, 2, 2, 3, 1, 1, 2, 3),
                DoubleColumn.create("test_accuracy", 0.93, 0.90, 0.91, 0.95, 0.96, 0.92, 0.1, 0.1, 0.1));
        Table summary = Table.create("s", StringColumn.create("dataset", "d", "d"), StringColumn.create("method", "a", "m"),
                DoubleColumn.create("learning_rate", 0.1, 0.01));
        PairedDifference p = PairedDifference.of(runs, summary, "d", "m", "a");
        // seeds 1, 2, 3: m 0.92, 0.95, 0.96; a 0.90, 0.91, 0.93 → d = 0.02, 0.04, 0.03, mean 0.03, s_d = 0.01, SE 0.01/√3
        assertArrayEquals(new double[] {0.02, 0.04, 0.03}, p.differences(), 1e-15);
        assertEquals(0.03, p.mean(), 1e-15);
        assertEquals(0.01 / Math.sqrt(3), p.standardError(), 1e-15);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PairedDifference.of(runs, summary, "d", "x", "a"))
                .getMessage().startsWith("summary:"));
        assertThrows(IllegalArgumentException.class, () -> new PairedDifference(new double[] {1}));
    }
}
