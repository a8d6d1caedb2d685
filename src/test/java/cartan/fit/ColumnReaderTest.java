package cartan.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a column of numbers from text: separators, headers, comments, quoting, counts and every refusal. */
class ColumnReaderTest {

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e::run).getMessage();
    }

    private interface Executable {
        void run() throws Exception;
    }

    @Test
    void separatorsHeadersCommentsAndQuotes() throws IOException {
        double[] expected = {1, 2, 2, 5};
        // whitespace, by index 1, with a comment, a blank line and CRLF endings
        Path ws = file("ws.txt", "# a comment\r\n\r\n9 1\r\n8   2\r\n7\t2\r\n6 5\r\n");
        assertArrayEquals(expected, PowerLawData.readColumn(ws, "1").expand(), 0);
        // commas with a header, quoted fields, selected by name
        Path csv = file("c.csv", "\"name\",\"x\"\n\"a\",\"5\"\n\"b\",2\n\"c\",1\n\"d\",2\n");
        assertArrayEquals(expected, PowerLawData.readColumn(csv, "x").expand(), 0);
        // semicolons count as commas
        Path semi = file("s.csv", "x;y\n5;0\n2;0\n1;0\n2;0\n");
        assertArrayEquals(expected, PowerLawData.readColumn(semi, "x").expand(), 0);
        // tabs, a header selected by index (its field is not numeric, so the line is skipped)
        Path tsv = file("t.tsv", "id\tx\n1\t5\n2\t2\n3\t1\n4\t2\n");
        assertArrayEquals(expected, PowerLawData.readColumn(tsv, "1").expand(), 0);
        // an integer is an index even when a header field has that name: "0" is the first column
        Path numeric = file("n.csv", "a,0\n5,9\n2,9\n1,9\n2,9\n");
        assertArrayEquals(expected, PowerLawData.readColumn(numeric, "0").expand(), 0);
        // exponents and signs
        Path exp = file("e.txt", "1e0\n+2.0\n.5e1\n2\n-3\n0\n");
        PowerLawData d = PowerLawData.readColumn(exp, "0");
        assertArrayEquals(new double[] {1, 2, 2, 5}, d.expand(), 0);
        assertEquals(2, d.dropped());
    }

    @Test
    void aHistogramWithCounts() throws IOException {
        Path h = file("h.csv", "value,count\n1,3\n4,0\n2,2\n1,1\n");
        PowerLawData d = PowerLawData.readCounts(h, "value", "count");
        assertArrayEquals(new double[] {1, 2}, d.values(), 0);
        assertArrayEquals(new long[] {4, 2}, d.counts());
        // counts by index, no header
        Path hi = file("hi.csv", "1,3\n2,2\n");
        assertArrayEquals(new long[] {3, 2}, PowerLawData.readCounts(hi, "0", "1").counts());
        // more than the initial 1024 rows: the arrays grow
        StringBuilder many = new StringBuilder("v,c\n");
        for (int i = 1; i <= 3000; i++) {
            many.append(i).append(',').append(1).append('\n');
        }
        assertEquals(3000, PowerLawData.readCounts(file("m.csv", many.toString()), "v", "c").size());
    }

    @Test
    void refusalsNameTheArgumentAndTheLine() throws IOException {
        assertTrue(message(() -> PowerLawData.readColumn(file("a.csv", "x\n"), "x")).startsWith("file: no data lines"));
        assertTrue(message(() -> PowerLawData.readColumn(file("b.csv", "x,y\n1,2\n"), "z")).startsWith("column: no field 'z'"));
        assertTrue(message(() -> PowerLawData.readCounts(file("c.csv", "x,y\n1,2\n"), "x", "n")).startsWith("countColumn: no field 'n'"));
        String nan = message(() -> PowerLawData.readColumn(file("d.txt", "1\nNaN\n"), "0"));
        assertTrue(nan.startsWith("column: line 2: NaN is not a finite number"), nan);
        String inf = message(() -> PowerLawData.readColumn(file("d2.txt", "1\n-Infinity\n"), "0"));
        assertTrue(inf.contains("is not a finite number"), inf);
        String word = message(() -> PowerLawData.readColumn(file("e.txt", "1\n2\nthree\n"), "0"));
        assertTrue(word.startsWith("column: line 3: 'three' is not a number"), word);
        String missing = message(() -> PowerLawData.readColumn(file("f.csv", "1,2\n3\n"), "1"));
        assertTrue(missing.startsWith("column: line 2 has 1 fields, no field 1"), missing);
        String negative = message(() -> PowerLawData.readCounts(file("g.csv", "v,c\n1,-1\n"), "v", "c"));
        assertTrue(negative.startsWith("countColumn: line 2: count -1 is not a non-negative integer"), negative);
        String nul = message(() -> PowerLawData.readColumn(Files.write(tmp.resolve("h.bin"), new byte[] {'1', '\n', 0, '\n'}), "0"));
        assertTrue(nul.startsWith("file: line 2 holds a NUL byte"), nul);
        String blank = message(() -> PowerLawData.readColumn(file("i.txt", "1\n"), "  "));
        assertTrue(blank.startsWith("column"), blank);
        byte[] longLine = new byte[ColumnReader.MAX_LINE + 10];
        java.util.Arrays.fill(longLine, (byte) '1');
        String tooLong = message(() -> PowerLawData.readColumn(Files.write(tmp.resolve("j.txt"), longLine), "0"));
        assertTrue(tooLong.startsWith("file: line 1 is longer than"), tooLong);
    }
}
