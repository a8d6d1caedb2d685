package cartan.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel's settings, read from its environment (the kernelspec's {@code env}).
 *
 * <ul>
 * <li>{@code CARTAN_KERNEL_CLASSPATH}, then IJava's {@code IJAVA_CLASSPATH} and JJava's
 * {@code JJAVA_CLASSPATH}: class path entries for the notebook, separated by the platform's path
 * separator; an entry {@code DIR/*} means every jar in DIR (as {@code java -cp} reads it);</li>
 * <li>{@code CARTAN_KERNEL_COMPILER_OPTS} (or {@code IJAVA_COMPILER_OPTS} /
 * {@code JJAVA_COMPILER_OPTS}): javac options for JShell, separated by blanks.</li>
 * </ul>
 *
 * @param classPath       class path entries, in order, without duplicates
 * @param compilerOptions javac options
 */
public record KernelOptions(List<String> classPath, List<String> compilerOptions) {

    static final List<String> CLASSPATH_VARIABLES = List.of("CARTAN_KERNEL_CLASSPATH", "IJAVA_CLASSPATH", "JJAVA_CLASSPATH");
    static final List<String> COMPILER_VARIABLES = List.of("CARTAN_KERNEL_COMPILER_OPTS", "IJAVA_COMPILER_OPTS", "JJAVA_COMPILER_OPTS");

    public KernelOptions {
        classPath = List.copyOf(classPath);
        compilerOptions = List.copyOf(compilerOptions);
    }

    /** The options from an environment map (normally {@code System.getenv()}). */
    public static KernelOptions fromEnvironment(Map<String, String> env) {
        Set<String> entries = new LinkedHashSet<>();
        for (String variable : CLASSPATH_VARIABLES) {
            String value = env.get(variable);
            if (value != null) {
                entries.addAll(classPathEntries(value));
            }
        }
        List<String> options = new ArrayList<>();
        for (String variable : COMPILER_VARIABLES) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                options.addAll(List.of(value.strip().split("\\s+")));
            }
        }
        return new KernelOptions(new ArrayList<>(entries), options);
    }

    /** Splits a class path string; {@code DIR/*} becomes the jars of DIR, sorted by name. */
    static List<String> classPathEntries(String value) {
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            if (e.endsWith("/*") || e.equals("*")) {
                Path dir = Path.of(e.length() == 1 ? "." : e.substring(0, e.length() - 2));
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
                            .forEach(p -> entries.add(p.toAbsolutePath().toString()));
                } catch (IOException ex) {
                    // a missing folder contributes nothing, as with java -cp
                }
            } else {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return entries;
    }
}
