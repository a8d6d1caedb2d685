package cartan.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WeightWatcher's clip_xmax against fingers_reference.json (numpy, fingers_reference.py). */
class FingerClippingTest {

    @Test
    void matchesTheNumpyClippingLoop() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/cartan/fit/fingers_reference.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        int clipped = 0;
        int kept = 0;
        for (JsonNode c : cases) {
            double[] lambda = Reference.doubles(c, "eigenvalues");
            for (JsonNode r : c.get("runs")) {
                String what = "trial " + c.get("trial") + ", max_fingers " + r.get("max_fingers") + ", threshold "
                        + r.get("threshold");
                FingerClipping f = FingerClipping.fit(TailFitter.weightWatcher(), lambda, r.get("max_fingers").asInt(),
                        r.get("threshold").asDouble());
                assertEquals(r.get("fingers").asInt(), f.fingers(), what);
                assertEquals(r.get("alpha").asDouble(), f.fit().alpha(), 1e-11 * r.get("alpha").asDouble(), what);
                assertEquals(r.get("xmin").asDouble(), f.fit().xMin(), 0, what);
                assertEquals(r.get("n_tail").asInt(), f.fit().tailSize(), what);
                assertEquals(r.get("raw_alpha").asDouble(), f.raw().alpha(), 1e-11 * r.get("raw_alpha").asDouble(), what);
                // the raw fit is the plain WeightWatcher fit
                assertEquals(TailFitter.weightWatcher().fit(lambda).alpha(), f.raw().alpha(), 0, what);
                if (f.fingers() > 0) {
                    clipped++;
                    assertTrue(f.fit().alpha() + r.get("threshold").asDouble() < f.raw().alpha(), what);
                } else {
                    kept++;
                    assertSame(f.raw(), f.fit(), what);
                }
            }
        }
        assertTrue(clipped >= 4 && kept >= 4, "the fixture exercises both outcomes: " + clipped + " / " + kept);
    }

    @Test
    void rejectsBadArguments() {
        double[] x = {1, 2, 3, 4, 5, 6};
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FingerClipping.fit(TailFitter.weightWatcher(), x, 0, 1)).getMessage().startsWith("maxFingers:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FingerClipping.fit(TailFitter.weightWatcher(), x, 10, 0)).getMessage().startsWith("threshold:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FingerClipping.fit(null, x, 10, 1)).getMessage().startsWith("fitter:"));
    }
}
