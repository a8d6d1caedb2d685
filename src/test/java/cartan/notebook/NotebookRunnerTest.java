package cartan.notebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The notebook runner must fail loudly on a false theorem: a fixture notebook with one true and one
 * false check is run through the real kernel. Needs the project-local kernelspec, which
 * {@code bin/cartan test} passes as {@code -Dcartan.kernel.dir} (and the Jupyter python as
 * {@code -Dcartan.python}); a bare {@code mvn test} skips it.
 */
class NotebookRunnerTest {

    /** Runs the runner on a fixture folder; returns its exit code and output. */
    private static Run run(String fixture, Path out, String... extra) throws IOException, InterruptedException {
        String kernelDir = System.getProperty("cartan.kernel.dir", "");
        String python = System.getProperty("cartan.python", "");
        assumeTrue(!kernelDir.isBlank() && !python.isBlank(), "run through bin/cartan test (needs the kernelspec)");
        Path root = NotebookConventionsTest.projectDir();
        List<String> command = new java.util.ArrayList<>(List.of(python, root.resolve("bin/notebook-runner.py").toString(),
                "--root", root.toString(),
                "--notebooks-dir", root.resolve("src/test/resources/" + fixture).toString(),
                "--out", out.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JUPYTER_PATH", kernelDir);
        pb.redirectErrorStream(true);
        Path log = out.resolve("runner.log");
        Files.createDirectories(out);
        pb.redirectOutput(log.toFile());
        Process process = pb.start();
        assertTrue(process.waitFor(15, TimeUnit.MINUTES), "runner did not finish");
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String output) {
    }

    @Test
    void hangingCellAndDyingKernelAreReportedAndTheOtherNotebooksStillRun(@TempDir Path out)
            throws IOException, InterruptedException {
        Run r = run("runner-broken", out, "--cell-timeout", "30"); // a first cell (JShell warm-up) took > 10 s under a load of 19
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("FAILED NOTEBOOK a-hanging-cell: cell 1 did not finish within the 30 s cell timeout"),
                r.output());
        assertTrue(r.output().contains("FAILED NOTEBOOK b-dying-kernel: the kernel died while running cell 0"), r.output());
        assertTrue(r.output().contains("last lines of the kernel's output"), r.output());
        List<String> summary = Files.readAllLines(out.resolve("checks/summary.csv"));
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("c-healthy,OK.1,") && l.contains(",PASS,")),
                String.join("\n", summary));
        assertTrue(r.output().contains("checks: 2 passed, 0 failed"), r.output());
    }

    @Test
    void failingCheckFailsTheRunAndIsNamed(@TempDir Path out) throws IOException, InterruptedException {
        Run r = run("runner-fixture", out);
        String output = r.output();
        assertNotEquals(0, r.exit(), "runner must exit non-zero:\n" + output);
        assertTrue(output.contains("FAILED CHECK failing-check FX.2"), output);
        assertTrue(output.contains("checks: 1 passed, 1 failed"), output);
        // execution stops at the failing check: the last cell never ran
        var executed = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("notebooks/failing-check.ipynb").toFile()).path("cells");
        assertTrue(executed.get(2).path("outputs").toString().contains("FX.2"));
        assertEquals(0, executed.get(3).path("outputs").size(), "the cell after the failure ran");
        List<String> summary = Files.readAllLines(out.resolve("checks/summary.csv"));
        assertEquals("notebook,id,kind,description,measured,expected,tolerance,status,rival,rival_value,rival_margin",
                summary.get(0));
        assertEquals(3, summary.size(), String.join("\n", summary));
        assertTrue(summary.get(1).startsWith("failing-check,FX.1,identity,") && summary.get(1).contains(",PASS,"));
        assertTrue(summary.get(2).startsWith("failing-check,FX.2,identity,") && summary.get(2).contains(",FAIL,"));
        assertTrue(Files.exists(out.resolve("site/index.html")));
        assertTrue(Files.exists(out.resolve("site/failing-check.html")));
    }

    @Test
    void notReproducedIsAResultButAnUnderpoweredTheoremFails(@TempDir Path out) throws IOException, InterruptedException {
        Run r = run("runner-kinds", out, "--require-theorem");
        String output = r.output();
        assertNotEquals(0, r.exit(), output);
        // a-results: a theorem, an identity, a hypothesis that did not reproduce and a finding: the notebook is ok
        assertTrue(output.contains("NOT REPRODUCED a-results H.1"), output);
        assertTrue(output.contains("NOT REPRODUCED a-results F.1"), output);
        assertTrue(!output.contains("FAILED NOTEBOOK a-results"), output);
        // b-underpowered: agrees with its claim but sits next to its rival
        assertTrue(output.contains("FAILED CHECK b-underpowered T.2"), output);
        // c-identities-only: fails under --require-theorem
        assertTrue(output.contains("FAILED NOTEBOOK c-identities-only: the notebook records no theorem check"), output);
        List<String> summary = Files.readAllLines(out.resolve("checks/summary.csv"));
        assertTrue(summary.contains("a-results,T.1,theorem,claim beats rival,1,1,abs 0.01,PASS,rival,2,100"),
                String.join("\n", summary));
        assertTrue(output.contains("1 theorem checks, 2 identities, 0 hypotheses reproduced, 2 not reproduced"), output);
    }
}
