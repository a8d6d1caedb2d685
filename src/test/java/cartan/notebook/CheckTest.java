package cartan.notebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckTest {

    @Test
    void comparisonsPassAndFailAtTheirBoundaries() {
        assertTrue(CheckResult.relative("E", "d", 1.0 + 1e-7, 1.0, 1e-6).passed());
        assertFalse(CheckResult.relative("E", "d", 1.0 + 1e-5, 1.0, 1e-6).passed());
        assertTrue(CheckResult.absolute("E", "d", 0.1, 0.0, 0.1).passed());
        assertFalse(CheckResult.absolute("E", "d", 0.1000001, 0.0, 0.1).passed());
        assertTrue(CheckResult.atMost("E", "d", 2, 2, 0).passed());
        assertFalse(CheckResult.atMost("E", "d", 2.0000001, 2, 0).passed());
        assertTrue(CheckResult.atLeast("E", "d", 2, 2, 0).passed());
        assertFalse(CheckResult.atLeast("E", "d", 1.9, 2, 0).passed());
        assertFalse(CheckResult.condition("E", "d", false).passed());
    }

    @Test
    void nonFiniteMeasurementsNeverPass() {
        assertFalse(CheckResult.relative("E", "d", Double.NaN, 1, 1e300).passed());
        assertFalse(CheckResult.absolute("E", "d", Double.POSITIVE_INFINITY, 1, 1e300).passed());
        assertFalse(CheckResult.atMost("E", "d", Double.NEGATIVE_INFINITY, 1, 0).passed());
        assertFalse(CheckResult.atMost("E", "d", Double.NaN, 1, 0).passed());
    }

    @Test
    void recordAppendsACsvRowAndThrowsOnFailure(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checks.csv");
        System.setProperty("cartan.checks.file", file.toString());
        try {
            Check.close("E9.1", "ok, with a comma", 1, 1, 1e-9);
            Check.CheckFailedError e = assertThrows(Check.CheckFailedError.class,
                    () -> Check.atMost("E9.2", "too big", 3, 2));
            assertTrue(e.getMessage().contains("E9.2") && e.getMessage().contains("FAIL"), e.getMessage());
            List<String> lines = Files.readAllLines(file);
            assertEquals(2, lines.size());
            assertEquals("E9.1,\"ok, with a comma\",1,1,rel 1e-09,PASS", lines.get(0));
            assertTrue(lines.get(1).startsWith("E9.2,too big,3,2,") && lines.get(1).endsWith(",FAIL"), lines.get(1));
        } finally {
            System.clearProperty("cartan.checks.file");
        }
    }

    @Test
    void rejectsMeaninglessChecks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckResult.relative("E", "d", 1, Double.NaN, 1e-3));
        assertTrue(e.getMessage().startsWith("expected:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckResult.relative("E", "d", 1, 1, -1));
        assertTrue(e.getMessage().startsWith("tolerance:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckResult.relative(" ", "d", 1, 1, 0));
        assertTrue(e.getMessage().startsWith("id:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckResult.atMost("E", "d", 1, Double.NaN, 0));
        assertTrue(e.getMessage().startsWith("bound:"), e.getMessage());
    }
}
