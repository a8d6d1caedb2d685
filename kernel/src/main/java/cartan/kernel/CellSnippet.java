package cartan.kernel;

/**
 * One JShell snippet of a notebook cell: its source as JShell sees it (the cell's text from
 * {@code start} on, leading blank lines included, possibly with an added {@code ;}), and, once
 * evaluated, JShell's snippet id. Positions inside
 * the snippet map to cell lines and columns for error messages.
 *
 * @param source     the snippet's source
 * @param start      offset of its first character in the cell
 * @param cell       the whole cell
 * @param incomplete true if this is trailing input that is not a complete snippet
 * @param id         JShell's snippet id after evaluation, else null
 */
public record CellSnippet(String source, int start, String cell, boolean incomplete, String id) {

    public CellSnippet {
        if (source == null || cell == null) {
            throw new IllegalArgumentException("source: must not be null");
        }
        if (start < 0 || start > cell.length()) {
            throw new IllegalArgumentException("start: must be within the cell, got " + start);
        }
    }

    CellSnippet withId(String newId) {
        return new CellSnippet(source, start, cell, incomplete, newId);
    }

    /** The 1-based cell line on which the snippet's code starts (after leading blank lines). */
    public int line() {
        int i = 0;
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
            i++;
        }
        return lineAt(cellOffset(i));
    }

    /** The 1-based cell line of a position inside the snippet's source. */
    public int lineOf(long position) {
        return lineAt(cellOffset(position));
    }

    /** The 1-based column in its cell line of a position inside the snippet's source. */
    public int columnOf(long position) {
        int offset = cellOffset(position);
        return offset - cell.lastIndexOf('\n', offset - 1);
    }

    /** The text of a 1-based cell line. */
    public String cellLine(int line) {
        String[] lines = cell.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    private int cellOffset(long position) {
        long p = Math.max(0, Math.min(position, source.length()));
        return (int) Math.min(cell.length(), start + p);
    }

    private int lineAt(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < cell.length(); i++) {
            if (cell.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
