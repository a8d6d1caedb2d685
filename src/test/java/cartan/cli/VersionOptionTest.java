package cartan.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --version}, which every command's help lists, prints Cartan's version and the Java runtime. */
class VersionOptionTest {

    @Test
    void everyCommandPrintsTheVersionAndTheRuntime() {
        String java = "Java " + Runtime.version();
        ProfileCommandTest.Run root = ProfileCommandTest.run("--version");
        assertEquals(0, root.code(), root.err());
        String[] lines = root.out().strip().split("\\R");
        assertEquals(2, lines.length, root.out());
        assertTrue(lines[0].startsWith("cartan "), lines[0]);
        assertTrue(lines[1].startsWith(java), lines[1]);
        for (String command : new String[] {"profile", "compare", "sweep", "fit", "experiment"}) {
            for (String option : new String[] {"--version", "-V"}) {
                ProfileCommandTest.Run r = ProfileCommandTest.run(command, option);
                assertEquals(0, r.code(), command + " " + option + ": " + r.err());
                assertEquals(root.out(), r.out(), command + " " + option);
            }
        }
    }
}
