package cartan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The numpy-written fixtures in src/test/resources/cartan/io (made by make_fixtures.py there) and
 * the numpy reference numbers in expected.json.
 */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/cartan/io/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/cartan/io/expected.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonNode arr) {
        double[] d = new double[arr.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = arr.get(i).asDouble();
        }
        return d;
    }

    /** Singular values agree with numpy's to 1e-12 relative to σ₁ (rank-deficient tails are ~1e-16). */
    static void assertSingularValues(double[] expected, DMatrixRMaj m) {
        double[] s = cartan.linalg.SingularValues.of(m);
        assertEquals(expected.length, s.length);
        for (int i = 0; i < s.length; i++) {
            assertEquals(expected[i], s[i], 1e-12 * expected[0], "sigma_" + i);
        }
    }

    /** a34[i][j] = 10 i + j + 0.5, the matrix make_fixtures.py writes in several encodings. */
    static double a34(int i, int j) {
        return 10 * i + j + 0.5;
    }
}
