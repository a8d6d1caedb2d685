package cartan.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snippet handling of {@link Session} on a real in-process JShell: how a cell is split, which snippet
 * gives the cell its value (IJava's rule), how errors name their cell line, and that an interrupt
 * stops a running cell and leaves the session usable. Expected values are written from the Java
 * language and JShell's documented snippet kinds, not from the code under test.
 */
class SessionTest {

    private static Session session;

    @BeforeAll
    static void start() {
        session = Session.start(List.of(), List.of(), CartanKernel.STARTUP);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void aCellIsSplitIntoSnippetsWithTheirCellLines() {
        String cell = "int x = 1;\n\nvoid f() {\n  x++;\n}\n  x + 1";
        List<CellSnippet> pieces = session.split(cell);
        assertEquals(3, pieces.size(), pieces.toString());
        assertEquals(List.of(1, 3, 6), pieces.stream().map(CellSnippet::line).toList());
        assertTrue(pieces.get(1).source().strip().startsWith("void f()") && pieces.get(1).source().contains("x++;"));
        assertEquals(cell.indexOf("}") + 1, pieces.get(2).start()); // a snippet's source keeps its leading blank lines
        assertEquals("  x + 1", pieces.get(2).source().substring(1));
        assertFalse(pieces.stream().anyMatch(CellSnippet::incomplete));
    }

    @Test
    void trailingIncompleteInputIsMarked() {
        List<CellSnippet> pieces = session.split("int a = 1;\nfor (int i = 0; i < 3; i++) {\n  a += i;\n");
        assertEquals(2, pieces.size());
        assertTrue(pieces.get(1).incomplete());
        assertEquals(2, pieces.get(1).line());
        CellException e = assertThrows(CellException.class, () -> session.eval("for (int i = 0; i < 3; i++) {"));
        assertEquals("IncompleteInput", e.ename());
    }

    @Test
    void theLastExpressionGivesTheCellItsValueAsAnObject() throws CellException {
        assertEquals(6, session.eval("int three = 3;\nthree * 2"));
        assertEquals(3, session.eval("three"));                         // a variable reference
        Object builder = session.eval("new StringBuilder(\"ab\").append('c')");
        assertInstanceOf(StringBuilder.class, builder);                   // the object, not its toString()
        assertEquals("abc", builder.toString());
        Object image = session.eval("new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        assertInstanceOf(BufferedImage.class, image);
        assertEquals(3, ((BufferedImage) image).getWidth());
    }

    @Test
    void declarationsAssignmentsStatementsAndVoidCallsHaveNoValue() throws CellException {
        assertSame(Session.NO_VALUE, session.eval("int declared = 5;"));
        assertSame(Session.NO_VALUE, session.eval("declared = 7"));
        assertSame(Session.NO_VALUE, session.eval("if (declared > 0) { declared++; }"));
        assertSame(Session.NO_VALUE, session.eval("System.out.println(\"\")"));
        assertSame(Session.NO_VALUE, session.eval("double half(double v) { return v / 2; }"));
        assertSame(Session.NO_VALUE, session.eval("printf(\"%d%n\", 3)"));     // IJava's printf is void
        assertEquals(8, session.eval("declared"));
    }

    @Test
    void aCellEndingInSystemOutPrintfHasAPrintStreamValueThatShowsNothing() throws CellException {
        Object value = session.eval("System.out.printf(\"%d%n\", 3)");
        assertInstanceOf(PrintStream.class, value);
        assertEquals(null, new ValueDisplay(new org.dflib.jjava.jupyter.kernel.display.Renderer()).render(value));
    }

    @Test
    void aCompileErrorNamesItsCellLineAndColumnAndEarlierSnippetsStayDefined() {
        CellException e = assertThrows(CellException.class,
                () -> session.eval("int before = 1;\nint after = undefinedName + 1;\nint never = 2;"));
        assertEquals("CompilationException", e.ename());
        assertTrue(e.evalue().contains("cannot find symbol"), e.evalue());
        String traceback = String.join("\n", e.traceback());
        assertTrue(traceback.contains("cell line 2, column 13"), traceback);
        assertTrue(traceback.contains("int after = undefinedName + 1;"), traceback);
        assertTrue(traceback.contains("^^^^^^^^^^^^^"), traceback); // under the 13 characters of undefinedName
        assertThrows(CellException.class, () -> session.eval("never"));
        assertEquals(1, assertDoesNotThrow(() -> session.eval("before")));
    }

    @Test
    void aRuntimeExceptionKeepsItsClassMessageAndCellLine() {
        CellException e = assertThrows(CellException.class,
                () -> session.eval("int[] a = new int[2];\n\na[5] = 1;"));
        assertEquals("ArrayIndexOutOfBoundsException", e.ename());
        assertEquals("Index 5 out of bounds for length 2", e.evalue());
        String traceback = String.join("\n", e.traceback());
        assertTrue(traceback.contains("java.lang.ArrayIndexOutOfBoundsException"), traceback);
        assertTrue(traceback.contains("(cell line 3)"), traceback);
        assertFalse(traceback.contains("trampoline") || traceback.contains("jdk.internal.reflect"),
                "the trace stops at the user's code:\n" + traceback);
    }

    @Test
    void anExceptionFromAMethodDeclaredInTheCellShowsBothFramesAndItsCause() {
        CellException e = assertThrows(CellException.class, () -> session.eval(
                "void inner() { throw new IllegalStateException(\"outer\", new ArithmeticException(\"root\")); }\n"
                        + "inner();"));
        assertEquals("IllegalStateException", e.ename());
        String traceback = String.join("\n", e.traceback());
        assertTrue(traceback.contains("at inner (cell line 1)"), traceback);
        assertTrue(traceback.contains("at (cell line 2)"), traceback);
        assertTrue(traceback.contains("Caused by: ") && traceback.contains("java.lang.ArithmeticException"), traceback);
    }

    @Test
    void isCompleteFollowsJupytersContract() {
        assertEquals("complete", session.isComplete("int x = 1;"));
        assertEquals("complete", session.isComplete("int x = 1;\nx + 1"));
        assertEquals("    ", session.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("  ", session.isComplete("void f() {\n  int y = 1;"));
    }

    @Test
    void anInterruptStopsABusyLoopAndASleepAndTheSessionGoesOn() throws Exception {
        session.eval("var spins = new java.util.concurrent.atomic.AtomicLong();");
        for (String endless : List.of("while (true) {}", "Thread.sleep(100000);", "while (true) { spins.incrementAndGet(); }")) {
            CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> {
                try {
                    return session.eval(endless);
                } catch (CellException e) {
                    return e;
                }
            });
            while (!session.isRunning()) {
                Thread.sleep(20);
            }
            Thread.sleep(1000); // past compilation, into the loop (an earlier stop is also handled, see below)
            session.stop();
            Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cell.get(60, TimeUnit.SECONDS),
                    "the cell did not stop: " + endless);
            CellException e = assertInstanceOf(CellException.class, outcome, endless);
            assertEquals("Interrupted", e.ename(), endless);
        }
        assertEquals(2, session.eval("1 + 1"));
        assertEquals(true, session.eval("spins.get() > 0")); // the loop ran and its variable is kept
    }

    @Test
    void anInterruptBetweenSnippetsSkipsTheRestOfTheCell() throws Exception {
        session.eval("int counter = 0;");
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> {
            try {
                return session.eval("Thread.sleep(100000);\ncounter = 1;");
            } catch (CellException e) {
                return e;
            }
        });
        while (!session.isRunning()) {
            Thread.sleep(20);
        }
        session.stop();
        assertInstanceOf(CellException.class, cell.get(60, TimeUnit.SECONDS));
        assertEquals(0, session.eval("counter"));
    }

    private static Object assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<Object> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }
}
