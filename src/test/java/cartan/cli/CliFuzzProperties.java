package cartan.cli;

import cartan.io.FuzzTries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cartan profile FILE} on corrupted weight files (the numpy-written fixtures with random bit
 * flips, overwritten bytes and truncation): the command ends with exit code 0 (the file still parses),
 * 3 (bad input) or 4 (no layers) and a one-line message — never 1 (an unexpected exception) and never
 * a stack trace — within a few seconds. Scales with {@code -Dcartan.fuzz.tries=N} like the reader fuzz.
 */
@AddLifecycleHook(FuzzTries.class)
class CliFuzzProperties {

    static final Set<Integer> ALLOWED = Set.of(ExitCode.OK, ExitCode.INPUT, ExitCode.NO_LAYERS);
    static final String[] FIXTURES = {"fixture.safetensors", "a34_f4_le.npy", "arrays_compressed.npz", "arrays.npz",
        "fixture.gguf", "torch_state_dict.pt", "keras_model.h5"};

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = CliFuzzProperties.class.getResourceAsStream("/cartan/io/" + name)) {
            return in.readAllBytes();
        }
    }

    static byte[] corrupt(byte[] valid, long seed, int ops) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = valid.clone();
        for (int i = 0; i < ops && b.length > 0; i++) {
            int p = r.nextInt(b.length);
            switch (r.nextInt(3)) {
                case 0 -> b[p] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[p] = (byte) r.nextInt(256);
                default -> b = Arrays.copyOf(b, p);
            }
        }
        return b;
    }

    @Property(tries = 40)
    void corruptedFilesGiveAnInputErrorNotACrash(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                                                 @ForAll @IntRange(min = 1, max = 6) int ops,
                                                 @ForAll @IntRange(min = 0, max = 6) int which) throws IOException {
        String name = FIXTURES[which];
        Path dir = Files.createTempDirectory("cli-fuzz");
        Path f = Files.write(dir.resolve(name), corrupt(fixture(name), seed, ops));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> CartanCli.run(
                    new String[]{"profile", f.toString(), "--quiet", "--threads", "1"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
            String e = err.toString(StandardCharsets.UTF_8);
            assertTrue(ALLOWED.contains(code), () -> "exit " + code + ": " + e);
            assertFalse(e.contains("\tat ") || e.contains("Exception in"), () -> "stack trace on stderr: " + e);
            if (code != ExitCode.OK) {
                assertTrue(e.strip().lines().count() <= 2, () -> "expected a short message: " + e);
            }
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        }
    }
}
