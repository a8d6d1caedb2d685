package cartan.table;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments to HtmlTable are rejected by name; rendering escapes markup and is deterministic. */
class TableValidationProperties {

    static Table table(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[rows];
        String[] s = new String[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = r.nextDouble() * 1e6 - 5e5;
            s[i] = "<b>&" + i + "</b>";
        }
        return Table.create("t", StringColumn.create("name", s), DoubleColumn.create("value", v));
    }

    @Test
    void handWrittenBadInput() {
        rejects("table", () -> HtmlTable.of(null));
        HtmlTable t = HtmlTable.of(table(3, 1));
        rejects("maxRows", () -> t.maxRows(1));
        rejects("maxCols", () -> t.maxCols(0));
        rejects("digits", () -> t.digits(0));
        rejects("digits", () -> t.digits(18));
    }

    @Property(tries = 20)
    void renderingEscapesAndIsDeterministic(@ForAll @IntRange(min = 0, max = 40) int rows, @ForAll long seed) {
        String a = HtmlTable.of(table(rows, seed)).maxRows(10).render();
        String b = HtmlTable.of(table(rows, seed)).maxRows(10).render();
        assertEquals(a, b);
        assertTrue(!a.contains("<b>&"), "cell markup must be escaped");
    }
}
