package cartan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The package structure of docs/design.md, checked on the sources (comments stripped): every package
 * imports only packages on a lower floor of {@link #FLOORS}, so the dependencies point down and have no
 * cycles, and plotting (XChart) lives only in the packages above the analysis.
 */
class ArchitectureTest {

    /** The floor of each package of cartan ("" is the root: Require); a new package must be placed here. */
    static final Map<String, Integer> FLOORS = Map.ofEntries(
            Map.entry("", 0),
            Map.entry("special", 1), Map.entry("linalg", 1), Map.entry("table", 1),
            Map.entry("orbit", 2), Map.entry("io", 2), Map.entry("fit", 2),
            Map.entry("spectrum", 3), Map.entry("dln", 3), Map.entry("lyapunov", 3), Map.entry("nn", 3),
            Map.entry("rank", 4), Map.entry("curvature", 4), Map.entry("profile", 4),
            Map.entry("plot", 5), Map.entry("train", 5),
            Map.entry("experiment", 6),
            Map.entry("notebook", 7), Map.entry("cli", 7));

    private static final Pattern REFERENCE = Pattern.compile("\\bcartan\\.([a-z]+)\\.[A-Z*]");

    @Test
    void dependenciesPointDown() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources()) {
            String pkg = packageOf(f);
            Integer floor = FLOORS.get(pkg);
            if (floor == null) {
                offenders.add(MAIN.relativize(f) + ": package '" + pkg + "' has no floor in ArchitectureTest.FLOORS");
                continue;
            }
            Matcher m = REFERENCE.matcher(withoutStrings(withoutComments(Files.readString(f))));
            while (m.find()) {
                String used = m.group(1);
                Integer usedFloor = FLOORS.get(used);
                if (!used.equals(pkg) && (usedFloor == null || usedFloor >= floor)) {
                    offenders.add(MAIN.relativize(f) + " (" + pkg + ", floor " + floor + ") uses cartan." + used
                            + " (floor " + usedFloor + ")");
                }
            }
        }
        assertEquals(List.of(), offenders.stream().distinct().toList());
    }

    /** The source without its comments (block, Javadoc and line comments; string literals are left alone). */
    static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", " ");
    }

    /**
     * The source without the contents of its string literals: a class named in a string is looked up by
     * reflection at run time (the notebook helper finding whichever Jupyter kernel runs it, such as the
     * separate kernel project's {@code cartan.kernel.CartanKernel}), which is not a compile-time dependency.
     */
    static String withoutStrings(String java) {
        return java.replaceAll("'(?:\\\\.|[^'\\\\])'", "' '").replaceAll("\"(?:\\\\.|[^\"\\\\\n])*\"", "\"\"");
    }

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
