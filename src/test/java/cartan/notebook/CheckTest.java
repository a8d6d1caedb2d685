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
            assertEquals("E9.1,identity,\"ok, with a comma\",1,1,rel 1e-09,PASS,,,", lines.get(0));
            assertEquals("E9.2,identity,too big,3,2,<= 0,FAIL,,,", lines.get(1));
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

    @Test
    void theoremPassesOnlyWhenTheClaimHoldsAndEveryRivalIsRejected() {
        // claim 1 +- 0.01 (abs); rival at 1.05 is 4.9 tolerances from 1.001: rejected (margin 2)
        CheckResult ok = CheckResult.theorem("T", "d", 1.001, Claim.absClose(1, 0.01), Rival.of("r", 1.05));
        assertEquals(CheckResult.Status.PASS, ok.status());
        assertEquals(4.9, ok.rivalMargin(), 1e-12);
        // rival 1.015 is only 1.4 tolerances away: the check cannot tell the claim from the rival
        CheckResult weak = CheckResult.theorem("T", "d", 1.001, Claim.absClose(1, 0.01), Rival.of("r", 1.015));
        assertEquals(CheckResult.Status.FAIL, weak.status());
        // a stated margin of 1 accepts the same rival distance
        assertEquals(CheckResult.Status.PASS, CheckResult.theorem("T", "d", 1.001, Claim.absClose(1, 0.01),
                Rival.of("r", 1.015).margin(1)).status());
        // the claim itself fails: FAIL whatever the rival
        assertEquals(CheckResult.Status.FAIL, CheckResult.theorem("T", "d", 1.2, Claim.absClose(1, 0.01),
                Rival.of("r", 2)).status());
        // relative claims measure the rival in units of relTol*|expected|: 0.1*10 = 1
        CheckResult rel = CheckResult.theorem("T", "d", 10, Claim.close(10, 0.1), Rival.of("r", 13));
        assertEquals(3.0, rel.rivalMargin(), 1e-12);
        assertTrue(rel.passed());
        // every rival must be rejected
        assertEquals(CheckResult.Status.FAIL, CheckResult.theorem("T", "d", 10, Claim.close(10, 0.1),
                Rival.of("far", 20), Rival.of("near", 11)).status());
    }

    @Test
    void boundRivalsMustBeViolated() {
        // claim sin <= 0.5; rival "tighter bound" sin <= 0.1 is violated by 0.3: rejected
        assertTrue(CheckResult.theorem("T", "d", 0.3, Claim.atMost(0.5), Rival.atMost("tight", 0.1)).passed());
        assertFalse(CheckResult.theorem("T", "d", 0.05, Claim.atMost(0.5), Rival.atMost("tight", 0.1)).passed());
        assertTrue(CheckResult.theorem("T", "d", 0.3, Claim.atLeast(0.1), Rival.atLeast("loose", 0.4)).passed());
        assertFalse(CheckResult.theorem("T", "d", 0.45, Claim.atLeast(0.1), Rival.atLeast("loose", 0.4)).passed());
        // a value rival against a bound claim without slack needs its own scale
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckResult.theorem("T", "d", 0.1, Claim.atMost(0.5), Rival.of("random", 0.7)));
        assertTrue(e.getMessage().startsWith("scale:"), e.getMessage());
        CheckResult random = CheckResult.theorem("T", "d", 0.1, Claim.atMost(0.5), Rival.of("random", 0.7, 0.05));
        assertTrue(random.passed());
        assertEquals(12.0, random.rivalMargin(), 1e-9);
    }

    @Test
    void hypothesisRecordsNotReproducedWithoutFailing() {
        assertEquals(CheckResult.Status.PASS, CheckResult.hypothesis("H", "d", 2.0, Claim.absClose(2, 0.1),
                Rival.of("one", 1)).status());
        assertEquals(CheckResult.Status.NOT_REPRODUCED, CheckResult.hypothesis("H", "d", 1.0, Claim.absClose(2, 0.1),
                Rival.of("one", 1)).status());
        // agrees with the claim but cannot reject the rival: underpowered, a failure
        assertEquals(CheckResult.Status.FAIL, CheckResult.hypothesis("H", "d", 2.0, Claim.absClose(2, 0.5),
                Rival.of("near", 2.6)).status());
        assertEquals(CheckResult.Status.FAIL, CheckResult.hypothesis("H", "d", Double.NaN, Claim.absClose(2, 0.5),
                Rival.of("one", 1)).status());
    }

    @Test
    void theoremsNeedRivalsAndRivalsNeedSense() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckResult.theorem("T", "d", 1, Claim.close(1, 0.1)));
        assertTrue(e.getMessage().startsWith("rivals:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rival.of("r", Double.NaN));
        assertTrue(e.getMessage().startsWith("predicted:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rival.of(" ", 1));
        assertTrue(e.getMessage().startsWith("name:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rival.of("r", 1, -1));
        assertTrue(e.getMessage().startsWith("scale:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Claim.between(2, 1));
        assertTrue(e.getMessage().startsWith("lo:"), e.getMessage());
        assertFalse(CheckResult.theorem("T", "d", Double.NaN, Claim.close(1, 0.1), Rival.of("r", 5)).passed());
    }

    @Test
    void summaryRowsCarryKindAndRivals(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checks.csv");
        System.setProperty("cartan.checks.file", file.toString());
        try {
            Check.theorem("E1.3a", "BW = (d/4) Fisher", 5.0, Claim.close(5.0, 1e-3), Rival.of("(d/3) Fisher", 6.0),
                    Rival.of("(d/2) Fisher", 10.0));
            Check.hypothesis("E3.7c", "SN wins", 0.2, Claim.atLeast(0.5, 0.01), Rival.of("ties", 0.5, 0.01));
            Check.notReproduced("E3.5x", "rho << 1", "rho = 0.8");
            List<String> lines = Files.readAllLines(file);
            assertEquals("E1.3a,theorem,BW = (d/4) Fisher,5,5,rel 0.001,PASS,(d/3) Fisher | (d/2) Fisher,6 | 10,200",
                    lines.get(0));
            assertEquals("E3.7c,hypothesis,SN wins,0.2,0.5,>= 0.01,NOT_REPRODUCED,ties,0.5,30", lines.get(1));
            assertEquals("E3.5x,finding,rho << 1 -- found: rho = 0.8,,,,NOT_REPRODUCED,,,", lines.get(2));
            assertEquals(10, CheckResult.CSV_COLUMNS.size());
        } finally {
            System.clearProperty("cartan.checks.file");
        }
    }
}
