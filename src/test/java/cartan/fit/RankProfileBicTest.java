package cartan.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rank-profile BIC against numpy lstsq fits (src/test/resources/cartan/curvature/published_layers_reference.py)
 * and against the authors' own stored BIC values (results_model_fit_comparison.json) for the 24 CIFAR layers.
 */
class RankProfileBicTest {

    static final Path DATA = Path.of("data", "paper3-frozen-results");

    static JsonNode reference() throws IOException {
        try (InputStream in = RankProfileBicTest.class.getResourceAsStream(
                "/cartan/curvature/published_layers_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    @Test
    void cifarLayersMatchNumpyAndTheAuthorsFits() throws IOException {
        JsonNode ref = reference().get("bic");
        JsonNode tri = new ObjectMapper().readTree(DATA.resolve("results_alpha_triangle.json").toFile());
        JsonNode authors = new ObjectMapper().readTree(DATA.resolve("results_model_fit_comparison.json").toFile())
                .get("layers");
        int n = 0;
        int logNormal = 0;
        for (JsonNode block : tri) {
            for (JsonNode r : block.get("results")) {
                String key = block.get("experiment").asText() + "/" + r.get("name").asText();
                RankProfileBic b = RankProfileBic.of(doubles(r.get("sigma")));
                JsonNode e = ref.get(key);
                assertEquals(e.get("power_law").asDouble(), b.bicPowerLaw(), 1e-9, key);
                assertEquals(e.get("exponential").asDouble(), b.bicExponential(), 1e-9, key);
                assertEquals(e.get("lognormal").asDouble(), b.bicLogNormal(), 1e-9, key);
                assertEquals(e.get("winner").asText(), b.winner(), key);
                JsonNode a = authors.get(n);
                assertEquals(r.get("name").asText(), a.get("name").asText());
                assertEquals(a.get("fits").get("lognormal").get("bic").asDouble(), b.bicLogNormal(), 1e-9, key);
                assertEquals(a.get("best_model_bic").asText(), b.winner(), key);
                assertEquals(r.get("gamma").asDouble(), b.gamma(), 1e-12, key);
                logNormal += b.winner().equals(RankProfileBic.LOG_NORMAL) ? 1 : 0;
                n++;
            }
        }
        assertEquals(24, n);
        assertEquals(21, logNormal, "the paper's appendix: log-normal wins 21 of 24");
    }

    @Test
    void logNormalRateUnderAPowerLawAgreesWithNumpy() throws IOException {
        JsonNode tri = new ObjectMapper().readTree(DATA.resolve("results_alpha_triangle.json").toFile());
        double[] sigma = doubles(tri.get(0).get("results").get(1).get("sigma"));
        assertEquals("layer1.0.conv1", tri.get(0).get("results").get(1).get("name").asText());
        int draws = 4000;
        double rate = RankProfileBic.logNormalRateUnderPowerLaw(sigma, draws, 11);
        JsonNode ref = reference().get("lognormal_rate_layer1.0.conv1");
        double p = ref.get("rate").asDouble();
        double se = Math.sqrt(p * (1 - p) * (1.0 / draws + 1.0 / ref.get("draws").asInt()));
        assertEquals(p, rate, 4 * se);
    }

    @Test
    void exactProfilesAreRecognised() {
        int n = 30;
        double[] pl = new double[n];
        double[] ex = new double[n];
        double[] ln = new double[n];
        for (int k = 1; k <= n; k++) {
            double wiggle = 1e-3 * Math.sin(7.3 * k); // keeps every RSS positive
            pl[k - 1] = Math.exp(-1.3 * Math.log(k) + wiggle);
            ex[k - 1] = Math.exp(-0.2 * k + wiggle);
            ln[k - 1] = Math.exp(-0.2 * Math.log(k) - 0.4 * Math.log(k) * Math.log(k) + wiggle);
        }
        assertEquals(RankProfileBic.POWER_LAW, RankProfileBic.of(pl).winner());
        assertEquals(1.3, RankProfileBic.of(pl).gamma(), 1e-3);
        assertEquals(RankProfileBic.EXPONENTIAL, RankProfileBic.of(ex).winner());
        assertEquals(RankProfileBic.LOG_NORMAL, RankProfileBic.of(ln).winner());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankProfileBic.of(new double[] {1, 2, 0.5, 0.1}));
        assertTrue(e.getMessage().startsWith("sigma:"));
        assertThrows(IllegalArgumentException.class, () -> RankProfileBic.of(new double[] {3, 2, 1}));
        assertThrows(IllegalArgumentException.class, () -> RankProfileBic.of(new double[] {3, 2, 1, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> RankProfileBic.logNormalRateUnderPowerLaw(new double[] {4, 3, 2, 1}, 0, 1));
    }

    /** Ties go to the simpler model, in the documented order power law, exponential, log-normal. */
    @Test
    void tiesGoToTheSimplerModel() {
        assertEquals(RankProfileBic.POWER_LAW, new RankProfileBic(1, 1, 1, 0.5, 10).winner());
        assertEquals(RankProfileBic.POWER_LAW, new RankProfileBic(1, 2, 1, 0.5, 10).winner());
        assertEquals(RankProfileBic.POWER_LAW, new RankProfileBic(1, 1, 2, 0.5, 10).winner());
        assertEquals(RankProfileBic.EXPONENTIAL, new RankProfileBic(2, 1, 1, 0.5, 10).winner());
        assertEquals(RankProfileBic.LOG_NORMAL, new RankProfileBic(2, 1, 0, 0.5, 10).winner());
        assertEquals(RankProfileBic.LOG_NORMAL, new RankProfileBic(1, 2, 0, 0.5, 10).winner());
    }

    /**
     * Four values are enough, equal neighbours are non-increasing, and a rise is reported with its place.
     * σ = {8, 4, 2, 1} = 2^(4 − k) is exponential in rank, so the exponential fit is exact up to rounding.
     */
    @Test
    void smallestAndTiedSpectraAreAccepted() {
        RankProfileBic b = RankProfileBic.of(new double[] {8, 4, 2, 1});
        assertEquals(4, b.n());
        assertEquals(RankProfileBic.EXPONENTIAL, b.winner());
        assertEquals(5, RankProfileBic.of(new double[] {4, 2, 2, 2, 1}).n());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankProfileBic.of(new double[] {4, 2, 3, 1}));
        assertTrue(e.getMessage().startsWith("sigma:") && e.getMessage().contains("entry 2 = 3.0 exceeds entry 1 = 2.0"),
                e.getMessage());
    }
}
