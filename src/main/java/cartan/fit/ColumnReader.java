package cartan.fit;

import cartan.Require;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads one numeric column (and optionally a count column) of a text file into {@link PowerLawData}.
 * The separator is taken from the first data line: a comma if it has one, else a tab, else runs of
 * spaces; a semicolon counts as a comma. A first line whose selected field is not a number is the
 * header. Files are hostile: a line longer than {@link #MAX_LINE} bytes, a NUL byte (binary data), a
 * non-numeric field, NaN or ±∞ each stop the read with an IllegalArgumentException naming the line,
 * and the number of values is capped by what the heap can hold (16 bytes per value kept, checked before
 * growing the buffer).
 */
final class ColumnReader {

    static final int MAX_LINE = 1 << 16;
    /** A decimal number (no hex, no Java type suffixes). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    private ColumnReader() {
    }

    static PowerLawData read(Path file, String column, String countColumn) throws IOException {
        Require.notNull("file", file);
        Require.notNull("column", column);
        if (column.isBlank()) {
            throw new IllegalArgumentException("column: must name a header field or a 0-based index");
        }
        long maxValues = Math.max(1 << 16, Runtime.getRuntime().maxMemory() / 64);
        double[] values = new double[1024];
        long[] counts = countColumn == null ? null : new long[1024];
        int n = 0;
        int valueIdx = -1;
        int countIdx = -1;
        char sep = 0;
        boolean first = true;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buf = new byte[MAX_LINE];
            long lineNo = 0;
            while (true) {
                int len = readLine(in, buf, lineNo + 1);
                if (len < 0) {
                    break;
                }
                lineNo++;
                String line = new String(buf, 0, len, StandardCharsets.UTF_8).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (sep == 0) {
                    sep = line.indexOf(',') >= 0 || line.indexOf(';') >= 0 ? ',' : line.indexOf('\t') >= 0 ? '\t' : ' ';
                }
                String[] fields = split(line, sep);
                if (first) {
                    first = false;
                    boolean header = !isInteger(column) || (countColumn != null && !isInteger(countColumn));
                    if (header) {
                        valueIdx = find(fields, column, "column", lineNo);
                        countIdx = countColumn == null ? -1 : find(fields, countColumn, "countColumn", lineNo);
                        continue;
                    }
                    valueIdx = Integer.parseInt(column.strip());
                    countIdx = countColumn == null ? -1 : Integer.parseInt(countColumn.strip());
                    if (valueIdx < fields.length && !looksNumeric(fields[valueIdx])) {
                        continue;   // a header line, selected by index
                    }
                }
                if (n == values.length) {
                    if (n >= maxValues) {
                        throw new IllegalArgumentException("file: more than " + maxValues
                                + " values, beyond what this heap holds; pass a histogram (value, count) instead");
                    }
                    int grown = (int) Math.min(maxValues, Math.min(Integer.MAX_VALUE - 8, 2L * n));
                    values = Arrays.copyOf(values, grown);
                    if (counts != null) {
                        counts = Arrays.copyOf(counts, grown);
                    }
                }
                values[n] = number(fields, valueIdx, "column", lineNo);
                if (counts != null) {
                    double c = number(fields, countIdx, "countColumn", lineNo);
                    if (c < 0 || c != Math.rint(c) || c > Long.MAX_VALUE / 2) {
                        throw new IllegalArgumentException("countColumn: line " + lineNo + ": count " + fields[countIdx]
                                + " is not a non-negative integer");
                    }
                    counts[n] = (long) c;
                }
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("file: no data lines in " + file);
        }
        double[] v = Arrays.copyOf(values, n);
        if (counts == null) {
            return PowerLawData.of(v);
        }
        return PowerLawData.ofCounts(v, Arrays.copyOf(counts, n));
    }

    /** Reads one line (without its terminator) into buf; −1 at end of input. */
    private static int readLine(InputStream in, byte[] buf, long lineNo) throws IOException {
        int len = 0;
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        while (b >= 0 && b != '\n') {
            if (b == 0) {
                throw new IllegalArgumentException("file: line " + lineNo + " holds a NUL byte; this is not a text file");
            }
            if (len == buf.length) {
                throw new IllegalArgumentException("file: line " + lineNo + " is longer than " + MAX_LINE
                        + " bytes; this is not a column of numbers");
            }
            buf[len++] = (byte) b;
            b = in.read();
        }
        if (len > 0 && buf[len - 1] == '\r') {
            len--;
        }
        return len;
    }

    private static String[] split(String line, char sep) {
        if (sep == ' ') {
            return line.split("\\s+");
        }
        String[] f = line.split(sep == ',' ? "[,;]" : "\t", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = unquote(f[i].strip());
        }
        return f;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static boolean isInteger(String s) {
        return s.strip().matches("\\d{1,9}");
    }

    private static boolean looksNumeric(String s) {
        String t = s.strip();
        return NUMBER.matcher(t).matches() || NON_FINITE.matcher(t).matches();
    }

    private static int find(String[] header, String name, String arg, long lineNo) {
        String want = name.strip();
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(want)) {
                return i;
            }
        }
        if (isInteger(want)) {
            return Integer.parseInt(want);
        }
        String shown = String.join(", ", Arrays.copyOf(header, Math.min(header.length, 20)));
        throw new IllegalArgumentException(arg + ": no field '" + want + "' in the header (line " + lineNo + "): "
                + (shown.length() > 200 ? shown.substring(0, 200) + "…" : shown));
    }

    private static double number(String[] fields, int idx, String arg, long lineNo) {
        if (idx >= fields.length) {
            throw new IllegalArgumentException(arg + ": line " + lineNo + " has " + fields.length
                    + " fields, no field " + idx);
        }
        String f = fields[idx].strip();
        if (NUMBER.matcher(f).matches()) {
            return Double.parseDouble(f);
        }
        if (NON_FINITE.matcher(f).matches()) {
            throw new IllegalArgumentException(arg + ": line " + lineNo + ": " + f + " is not a finite number");
        }
        String shown = f.length() > 40 ? f.substring(0, 40) + "…" : f;
        throw new IllegalArgumentException(arg + ": line " + lineNo + ": '" + shown + "' is not a number");
    }
}
