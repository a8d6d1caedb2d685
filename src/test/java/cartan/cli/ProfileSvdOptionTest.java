package cartan.cli;

import cartan.io.Models;
import cartan.profile.ExponentProfile;
import cartan.profile.ProfileOptions;
import cartan.profile.ProfileWriter;
import cartan.profile.TestMatrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cartan profile --svd gram|accurate}: the CLI gives what the library gives for each option. */
class ProfileSvdOptionTest {

    @TempDir
    Path tmp;

    @Test
    void eachOptionMatchesTheLibrary() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("model"));
        var layers = TestMatrices.model();
        for (int i = 0; i < layers.size(); i++) {
            ProfileCommandTest.npy(d, (char) ('a' + i) + "_" + layers.get(i).name(), layers.get(i).matrix());
        }
        for (ProfileOptions.SvdMethod m : ProfileOptions.SvdMethod.values()) {
            String flag = m.name().toLowerCase(java.util.Locale.ROOT);
            ProfileCommandTest.Run r = ProfileCommandTest.run("profile", d.toString(), "--csv", "--quiet",
                    "--threads", "1", "--svd", flag);
            assertEquals(0, r.code(), r.err());
            String expected = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(
                    Models.select(Models.read(d.toString()), null, 10), ProfileOptions.DEFAULT.withSvd(m)));
            assertEquals(expected, r.out(), flag);
        }
        ProfileCommandTest.Run bad = ProfileCommandTest.run("profile", d.toString(), "--svd", "fast");
        assertEquals(ExitCode.USAGE, bad.code());
        assertTrue(bad.err().contains("--svd"), bad.err());
    }
}
