package cartan.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged kernel ({@code target/cartan-kernel.jar}) as Jupyter sees it: started as a subprocess
 * and driven over ZeroMQ by jupyter_client (src/test/resources/protocol_driver.py, run with the Jupyter
 * python, {@code -Dcartan.python}, default /usr/bin/python3). Interrupts are checked on the default
 * JDK and on Java 25 ({@code -Dcartan.kernel.java25}), where {@code Thread.stop} no longer exists.
 * Skipped (with the reason) when the python has no jupyter_client or the JDK is missing.
 */
class KernelProtocolIT {

    private static final String JAVA_HOME_JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static String java17() {
        String configured = System.getProperty("cartan.kernel.java", "");
        return configured.isBlank() ? JAVA_HOME_JAVA : configured;
    }

    private static String python() {
        String python = System.getProperty("cartan.python", "/usr/bin/python3");
        assumeTrue(Files.isExecutable(Path.of(python)), "no python at " + python);
        try {
            Process p = new ProcessBuilder(python, "-c", "import jupyter_client").redirectErrorStream(true).start();
            assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, python + " cannot import jupyter_client");
        } catch (IOException | InterruptedException e) {
            assumeTrue(false, "cannot run " + python + ": " + e);
        }
        return python;
    }

    /** The library jar when it has been built next to the kernel (bin/cartan test builds it first), else "". */
    private static String libraryClassPath() {
        Path jar = Path.of(System.getProperty("cartan.kernel.basedir", ".")).resolve("../target/cartan.jar").normalize();
        return Files.isRegularFile(jar) ? jar.toString() : "";
    }

    private static JsonObject drive(String scenario, String java, String classPath, String stdin) throws Exception {
        String jar = System.getProperty("cartan.kernel.jar", "target/cartan-kernel.jar");
        assumeTrue(Files.isRegularFile(Path.of(jar)), "kernel jar not built: " + jar);
        Path script = Files.createTempFile("protocol_driver", ".py");
        try (var in = KernelProtocolIT.class.getResourceAsStream("/protocol_driver.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path log = Files.createTempFile("protocol_driver", ".log");
        List<String> command = new ArrayList<>(List.of(python(), script.toString(), scenario, java, jar));
        command.add(classPath);
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "driver did not finish");
        String stderr = Files.readString(log);
        Files.deleteIfExists(script);
        Files.deleteIfExists(log);
        assertEquals(0, p.exitValue(), "driver failed:\n" + stderr + new String(out, StandardCharsets.UTF_8));
        String text = new String(out, StandardCharsets.UTF_8).strip();
        return JsonParser.parseString(text.substring(text.lastIndexOf("\n{") + 1)).getAsJsonObject();
    }

    private static JsonArray outputs(JsonObject cell) {
        return cell.getAsJsonArray("outputs");
    }

    private static List<JsonObject> ofType(JsonObject cell, String type) {
        List<JsonObject> found = new ArrayList<>();
        for (JsonElement e : outputs(cell)) {
            if (e.getAsJsonObject().get("type").getAsString().equals(type)) {
                found.add(e.getAsJsonObject());
            }
        }
        return found;
    }

    private static String stdout(JsonObject cell) {
        StringBuilder s = new StringBuilder();
        for (JsonObject o : ofType(cell, "stream")) {
            if (o.get("name").getAsString().equals("stdout")) {
                s.append(o.get("text").getAsString());
            }
        }
        return s.toString();
    }

    @Test
    void cellsShowValuesImagesDisplaysStreamsAndErrorsLikeIJava() throws Exception {
        String library = libraryClassPath();
        JsonArray codes = new JsonArray();
        codes.add("1 + 1");                                                                          // 0
        codes.add("int x = 3;\nString s = \"a\";\nx * 2");                                           // 1
        codes.add("System.out.printf(\"x=%d%n\", x)");                                                // 2
        codes.add("System.out.print(\"no newline\");\nSystem.err.println(\"to stderr\");");         // 3
        codes.add("var img = new java.awt.image.BufferedImage(4, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);\nimg"); // 4
        codes.add("String id = display(\"first\");\nupdateDisplay(id, \"second\");\ndisplay(\"<b>b</b>\", \"text/html\");\nrender(7)"); // 5
        codes.add("int y = 1;\nint z = y + undefinedName;");                                          // 6
        codes.add("Object o = null;\n\no.hashCode()");                                                 // 7
        codes.add("y");                                                                               // 8: y survived the failing cell 6
        codes.add("void nothing() {}\nnothing()");                                                     // 9
        codes.add(library.isEmpty() ? "\"no library\""                                               // 10
                : "import cartan.notebook.Show;\nShow.html(\"<i>shown</i>\");\nShow.kernel()");
        codes.add(library.isEmpty() ? "\"no library\""                                               // 11
                : "tech.tablesaw.api.Table.create(\"t\").addColumns(tech.tablesaw.api.DoubleColumn.create(\"a\", 1, 2))");
        JsonObject r = drive("cells", java17(), library, codes.toString());
        JsonArray cells = r.getAsJsonArray("cells");

        JsonObject c0 = cells.get(0).getAsJsonObject();
        assertEquals("ok", c0.get("status").getAsString());
        assertEquals("2", ofType(c0, "execute_result").get(0).getAsJsonObject("data").get("text/plain").getAsString());

        assertEquals("6", ofType(cells.get(1).getAsJsonObject(), "execute_result").get(0).getAsJsonObject("data")
                .get("text/plain").getAsString());

        JsonObject printf = cells.get(2).getAsJsonObject();
        assertEquals("x=3\n", stdout(printf));
        assertTrue(ofType(printf, "execute_result").isEmpty(), "a cell ending in printf shows no PrintStream: " + printf);

        JsonObject streams = cells.get(3).getAsJsonObject();
        assertEquals("no newline", stdout(streams));
        assertTrue(ofType(streams, "stream").stream().anyMatch(o -> o.get("name").getAsString().equals("stderr")
                && o.get("text").getAsString().equals("to stderr\n")), streams.toString());

        JsonObject image = ofType(cells.get(4).getAsJsonObject(), "execute_result").get(0).getAsJsonObject("data");
        assertTrue(image.get("image/png").getAsString().startsWith("iVBORw0KGgo"), "a PNG in base64: " + image);

        JsonObject displays = cells.get(5).getAsJsonObject();
        List<JsonObject> shown = ofType(displays, "display_data");
        List<JsonObject> updated = ofType(displays, "update_display_data");
        assertEquals(2, shown.size(), displays.toString());
        assertEquals("first", shown.get(0).getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("<b>b</b>", shown.get(1).getAsJsonObject("data").get("text/html").getAsString());
        assertEquals(1, updated.size());
        assertEquals(shown.get(0).get("display_id").getAsString(), updated.get(0).get("display_id").getAsString());
        assertEquals("second", updated.get(0).getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("7", ofType(displays, "execute_result").get(0).getAsJsonObject("data").get("text/plain").getAsString());

        JsonObject compile = cells.get(6).getAsJsonObject();
        assertEquals("error", compile.get("status").getAsString());
        JsonObject compileError = ofType(compile, "error").get(0);
        assertEquals("CompilationException", compileError.get("ename").getAsString());
        assertTrue(compileError.get("traceback").toString().contains("cell line 2, column 13"), compileError.toString());

        JsonObject npe = ofType(cells.get(7).getAsJsonObject(), "error").get(0);
        assertEquals("NullPointerException", npe.get("ename").getAsString());
        assertTrue(npe.get("traceback").toString().contains("(cell line 3)"), npe.toString());

        assertEquals("1", ofType(cells.get(8).getAsJsonObject(), "execute_result").get(0).getAsJsonObject("data")
                .get("text/plain").getAsString());
        JsonObject voidCall = cells.get(9).getAsJsonObject();
        assertEquals("ok", voidCall.get("status").getAsString());
        assertTrue(outputs(voidCall).isEmpty(), voidCall.toString());

        if (!library.isEmpty()) {
            JsonObject show = cells.get(10).getAsJsonObject();
            assertEquals("<i>shown</i>", ofType(show, "display_data").get(0).getAsJsonObject("data").get("text/html").getAsString());
            assertEquals("cartan", ofType(show, "execute_result").get(0).getAsJsonObject("data").get("text/plain").getAsString());
            JsonObject table = ofType(cells.get(11).getAsJsonObject(), "execute_result").get(0).getAsJsonObject("data");
            assertTrue(table.get("text/html").getAsString().startsWith("<table"), table.toString());
        }

        JsonArray matches = r.getAsJsonObject("complete").getAsJsonArray("matches");
        assertTrue(matches.toString().contains("valueOf("), matches.toString());
        assertTrue(r.getAsJsonObject("inspect").get("found").getAsBoolean());
        assertTrue(r.getAsJsonObject("inspect").toString().contains("Math.max"), r.toString());
        assertEquals("incomplete", r.getAsJsonObject("is_complete_open").get("status").getAsString());
        assertEquals("complete", r.getAsJsonObject("is_complete_done").get("status").getAsString());
    }

    private static void assertInterruptsWork(String java) throws Exception {
        JsonObject r = drive("interrupt", java, "", "");
        JsonArray cells = r.getAsJsonArray("cells");
        for (int i : new int[] {0, 2, 3}) { // for the record (not asserted: timing depends on the machine)
            JsonObject c = cells.get(i).getAsJsonObject();
            System.out.printf("interrupt on %s: %s by %s -> %s after %s s%n", java, c.get("code").getAsString().replace('\n', ' '),
                    c.get("how").getAsString(), c.get("ename"), c.get("seconds_to_reply"));
        }
        for (int i : new int[] {0, 2, 3}) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            assertTrue(cell.get("replied").getAsBoolean(), "no reply after the interrupt: " + cell);
            assertEquals("error", cell.get("status").getAsString(), cell.toString());
            assertEquals("Interrupted", cell.get("ename").getAsString(), cell.toString());
        }
        assertEquals("2", ofType(cells.get(1).getAsJsonObject(), "execute_result").get(0).getAsJsonObject("data")
                .get("text/plain").getAsString(), "usable after an interrupt");
        assertEquals("true", ofType(cells.get(4).getAsJsonObject(), "execute_result").get(0).getAsJsonObject("data")
                .get("text/plain").getAsString(), "the loop ran, was stopped by SIGINT, its variable is kept");
    }

    @Test
    void interruptStopsBusyAndSleepingCellsOnTheDefaultJdk() throws Exception {
        assertInterruptsWork(java17());
    }

    @Test
    void interruptStopsBusyAndSleepingCellsOnJava25() throws Exception {
        String java25 = System.getProperty("cartan.kernel.java25", "");
        assumeTrue(!java25.isBlank() && Files.isExecutable(Path.of(java25)), "no Java 25 at '" + java25 + "'");
        assertInterruptsWork(java25);
    }

    @Test
    void restartGivesAFreshSessionAndShutdownEndsTheJvmByItself() throws Exception {
        JsonObject r = drive("shutdown", java17(), "", "");
        JsonArray cells = r.getAsJsonArray("cells");
        assertEquals("42", ofType(cells.get(0).getAsJsonObject(), "execute_result").get(0).getAsJsonObject("data")
                .get("text/plain").getAsString());
        assertEquals("ok", cells.get(1).getAsJsonObject().get("status").getAsString());
        assertEquals("error", cells.get(2).getAsJsonObject().get("status").getAsString(), "the restarted session is fresh");
        assertNotNull(r.get("exit_code"), r.toString());
        // jupyter_client kills (SIGKILL, exit code -9) a kernel still alive 5 s after shutdown_request
        assertEquals(0, r.get("exit_code").getAsInt(), "the kernel exited by itself: " + r);
        assertFalse(r.toString().contains("Traceback"), r.toString());
    }
}
