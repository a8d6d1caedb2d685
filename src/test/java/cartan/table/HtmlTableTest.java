package cartan.table;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlTableTest {

    @Test
    void escapesTextAndFormatsNumbers() {
        Table t = Table.create("demo <1>").addColumns(
                StringColumn.create("name", new String[] {"<script>", "a&b"}),
                DoubleColumn.create("x", new double[] {Math.PI, 1.23456e-9}));
        String html = HtmlTable.of(t).digits(3).render();
        assertTrue(html.contains("&lt;script&gt;") && html.contains("a&amp;b") && html.contains("demo &lt;1&gt;"), html);
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains(">3.14<"), html);
        assertTrue(html.contains(">1.23e-09<"), html);
    }

    @Test
    void longTablesKeepHeadAndTail() {
        int[] values = new int[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i;
        }
        String html = HtmlTable.of(Table.create("t").addColumns(IntColumn.create("i", values))).maxRows(6).render();
        assertTrue(html.contains(">0<") && html.contains(">2<") && html.contains(">99<") && html.contains(">97<"));
        assertFalse(html.contains(">50<"));
        assertTrue(html.contains("…"));
        assertEquals(7, html.split("<tr>").length - 2, "6 rows plus the ellipsis row");
    }

    @Test
    void formatsNumbersToSignificantDigits() {
        assertEquals("0.001235", HtmlTable.formatNumber(0.00123456, 4));
        assertEquals("1235", HtmlTable.formatNumber(1234.56, 4));
        assertEquals("2.5", HtmlTable.formatNumber(2.5, 4));
        assertEquals("1.235e+08", HtmlTable.formatNumber(123456789, 4));
        assertEquals("NaN", HtmlTable.formatNumber(Double.NaN, 4));
    }

    @Test
    void rejectsBadLimits() {
        Table t = Table.create("t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HtmlTable.of(t).maxRows(1));
        assertTrue(e.getMessage().startsWith("maxRows:"));
        assertThrows(IllegalArgumentException.class, () -> HtmlTable.of(t).digits(0));
        assertThrows(IllegalArgumentException.class, () -> HtmlTable.of(null));
    }
}
