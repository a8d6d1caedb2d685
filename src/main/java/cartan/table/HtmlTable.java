package cartan.table;

import cartan.Require;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.math.BigDecimal;
import tech.tablesaw.api.NumericColumn;

/**
 * A Tablesaw {@link Table} rendered as compact, self-contained HTML: a caption with the table's name
 * and shape, right-aligned numbers formatted to a fixed number of significant digits, and row/column
 * limits (the first and last rows are kept, an ellipsis row marks the gap).
 *
 * <pre>{@code
 * String html = HtmlTable.of(table).maxRows(20).digits(4).render();
 * }</pre>
 *
 * <p>Values are immutable: each setter returns a new renderer.
 */
public final class HtmlTable {

    private final Table table;
    private final int maxRows;
    private final int maxCols;
    private final int digits;

    private HtmlTable(Table table, int maxRows, int maxCols, int digits) {
        this.table = table;
        this.maxRows = maxRows;
        this.maxCols = maxCols;
        this.digits = digits;
    }

    /** A renderer with defaults: 30 rows, 20 columns, 4 significant digits. */
    public static HtmlTable of(Table table) {
        Require.notNull("table", table);
        return new HtmlTable(table, 30, 20, 4);
    }

    /** At most this many rows (≥ 2); longer tables show their head and tail. */
    public HtmlTable maxRows(int rows) {
        if (rows < 2) {
            throw new IllegalArgumentException("maxRows: must be at least 2, got " + rows);
        }
        return new HtmlTable(table, rows, maxCols, digits);
    }

    /** At most this many columns (≥ 1); the rest are summarised in the caption. */
    public HtmlTable maxCols(int cols) {
        if (cols < 1) {
            throw new IllegalArgumentException("maxCols: must be at least 1, got " + cols);
        }
        return new HtmlTable(table, maxRows, cols, digits);
    }

    /** Significant digits for floating-point cells (1–17). */
    public HtmlTable digits(int significant) {
        if (significant < 1 || significant > 17) {
            throw new IllegalArgumentException("digits: must lie in [1, 17], got " + significant);
        }
        return new HtmlTable(table, maxRows, maxCols, significant);
    }

    /** The HTML fragment (a {@code <table>} element with inline styles, no scripts). */
    public String render() {
        int rows = table.rowCount();
        int cols = Math.min(table.columnCount(), maxCols);
        List<Integer> shown = new ArrayList<>();
        boolean gap = rows > maxRows;
        if (gap) {
            int head = (maxRows + 1) / 2;
            int tail = maxRows - head;
            for (int i = 0; i < head; i++) {
                shown.add(i);
            }
            shown.add(-1);
            for (int i = rows - tail; i < rows; i++) {
                shown.add(i);
            }
        } else {
            for (int i = 0; i < rows; i++) {
                shown.add(i);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<table class=\"cartan-table\" style=\"border-collapse:collapse;font-family:sans-serif;"
                + "font-size:12px\">");
        String caption = escape(table.name() == null ? "" : table.name()) + " (" + rows + " rows × "
                + table.columnCount() + " columns"
                + (table.columnCount() > cols ? ", first " + cols + " shown" : "") + ")";
        sb.append("<caption style=\"text-align:left;font-weight:bold;padding:4px\">").append(caption)
                .append("</caption><thead><tr>");
        for (int c = 0; c < cols; c++) {
            sb.append("<th style=\"border-bottom:1px solid #888;padding:2px 8px;text-align:")
                    .append(isNumeric(table.column(c)) ? "right" : "left").append("\">")
                    .append(escape(table.column(c).name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r : shown) {
            sb.append("<tr>");
            for (int c = 0; c < cols; c++) {
                Column<?> col = table.column(c);
                boolean numeric = isNumeric(col);
                String text = r < 0 ? "…" : cell(col, r);
                sb.append("<td style=\"padding:2px 8px;text-align:").append(numeric ? "right" : "left")
                        .append("\">").append(escape(text)).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        return sb.toString();
    }

    /** Plain-text rendering with the same limits, for kernels that only show text. */
    public String renderText() {
        Table view = table.rowCount() > maxRows
                ? table.first((maxRows + 1) / 2).append(table.last(maxRows / 2))
                : table;
        return view.print(maxRows);
    }

    @Override
    public String toString() {
        return render();
    }

    private String cell(Column<?> col, int row) {
        if (col.isMissing(row)) {
            return "";
        }
        Object v = col.get(row);
        if (v instanceof Double d) {
            return formatNumber(d, digits);
        }
        if (v instanceof Float f) {
            return formatNumber(f, digits);
        }
        return String.valueOf(v);
    }

    /** Formats a double to {@code digits} significant digits, plain for moderate magnitudes. */
    static String formatNumber(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return String.valueOf(x);
        }
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a >= 1e-4 && a < 1e7) {
            String s = String.format(Locale.ROOT, "%." + digits + "g", x);
            if (s.contains("e") || s.contains("E")) {
                s = new BigDecimal(s).toPlainString();
            }
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", x);
    }

    private static boolean isNumeric(Column<?> col) {
        return col instanceof NumericColumn;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
