package cartan.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every notebook under notebooks/ follows the conventions the runner and the kernels rely on. */
class NotebookConventionsTest {

    static Path projectDir() {
        String base = System.getProperty("cartan.basedir");
        return base == null || base.isBlank() ? Path.of("").toAbsolutePath() : Path.of(base);
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookIsCleanAndChecked() throws IOException {
        Path dir = projectDir().resolve("notebooks");
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(dir)) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in " + dir);
        ObjectMapper json = new ObjectMapper();
        return notebooks.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            JsonNode nb = json.readTree(p.toFile());
            assertEquals(4, nb.path("nbformat").asInt(), "nbformat");
            assertEquals("cartan", nb.path("metadata").path("kernelspec").path("name").asText(), "kernelspec name");
            StringBuilder code = new StringBuilder();
            for (JsonNode cell : nb.path("cells")) {
                String source = source(cell);
                if ("code".equals(cell.path("cell_type").asText())) {
                    assertEquals(0, cell.path("outputs").size(), "stored outputs in a code cell of " + p.getFileName());
                    assertTrue(cell.path("execution_count").isNull(), "stored execution count in " + p.getFileName());
                    code.append(source).append('\n');
                }
            }
            String all = code.toString();
            assertTrue(all.contains("Check."), p.getFileName() + " has no Check call");
            assertFalse(all.contains("import java.awt.*"), "'import java.awt.*' breaks IJava's magics");
            assertFalse(all.lines().anyMatch(l -> l.stripLeading().startsWith("%")), "kernel magics are not kernel-neutral");
            assertFalse(all.contains("display("), "call Show.* instead of a kernel's display(...)");
        }));
    }

    private static String source(JsonNode cell) {
        JsonNode src = cell.path("source");
        if (src.isTextual()) {
            return src.asText();
        }
        StringBuilder sb = new StringBuilder();
        src.forEach(line -> sb.append(line.asText()));
        return sb.toString();
    }
}
