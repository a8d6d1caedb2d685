package cartan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The package structure of docs/design.md, checked on the sources: plotting (XChart) lives only in the
 * packages above the analysis.
 */
class ArchitectureTest {

    /** The packages that may draw: plots, the notebook helpers and the command line. */
    static final Set<String> MAY_PLOT = Set.of("plot", "notebook", "cli");

    static final Path MAIN = Path.of("src/main/java/cartan");

    @Test
    void noMathematicsPackageImportsXChart() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources()) {
            String pkg = packageOf(f);
            if (!MAY_PLOT.contains(pkg) && Files.readString(f).contains("org.knowm.xchart")) {
                offenders.add(MAIN.relativize(f).toString());
            }
        }
        assertFalse(sources().isEmpty(), "no sources found under " + MAIN.toAbsolutePath());
        assertEquals(List.of(), offenders, "XChart outside " + MAY_PLOT);
    }

    static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** "plot" for src/main/java/cartan/plot/Charts.java, "" for a class directly in {@code cartan}. */
    static String packageOf(Path file) {
        Path rel = MAIN.relativize(file);
        return rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
    }
}
