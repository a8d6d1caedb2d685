package cartan.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a set of files into a directory all-or-nothing as far as the file system allows: every file is
 * first written completely into a hidden staging directory inside the target directory, then each is
 * renamed into place (an atomic rename within one file system). On any error the staging directory is
 * removed, and so is the target directory if this call created it; files already in the target are only
 * ever replaced by complete new versions.
 */
final class AtomicOutput {

    /** Fills the staging directory. */
    interface Writer {
        void write(Path stage) throws IOException;
    }

    private AtomicOutput() {
    }

    static void writeAll(Path dir, Map<String, byte[]> files) throws IOException {
        writeAll(dir, stage -> {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Files.write(stage.resolve(e.getKey()), e.getValue());
            }
        });
    }

    static void writeAll(Path dir, Writer writer) throws IOException {
        boolean created = false;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a directory");
        }
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            created = true;
        }
        Path stage = null;
        Thread cleanup = null;
        try {
            stage = Files.createTempDirectory(dir, ".cartan-staging-");
            // Ctrl-C (SIGINT/SIGTERM) runs shutdown hooks but not this method's catch: remove the stage there too
            Path staged0 = stage;
            cleanup = new Thread(() -> deleteTree(staged0), "cartan-output-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            writer.write(stage);
            List<Path> staged;
            try (Stream<Path> s = Files.list(stage)) {
                staged = s.sorted().toList();
            }
            for (Path f : staged) {
                Path target = dir.resolve(f.getFileName().toString());
                if (Files.isDirectory(target)) {
                    throw new FileAlreadyExistsException(target.toString(), null, "is a directory");
                }
            }
            List<Path> moved = new ArrayList<>();
            for (Path f : staged) {
                Path target = dir.resolve(f.getFileName().toString());
                try {
                    Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
                moved.add(target);
            }
            Files.delete(stage);
            removeHook(cleanup);
        } catch (IOException | RuntimeException e) {
            removeHook(cleanup);
            if (stage != null) {
                deleteTree(stage);
            }
            if (created) {
                deleteTree(dir);
            }
            throw e;
        }
    }

    private static void removeHook(Thread hook) {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook will run and find nothing left to delete
            }
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
