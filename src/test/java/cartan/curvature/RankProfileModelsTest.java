package cartan.curvature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three rank-profile models and their BIC against the paper authors' own values: the raw gradient
 * singular values of three ResNet-18 CIFAR-10 layers and the BICs the authors stored for them
 * (src/test/resources/cartan/curvature/paper3_rank_profiles.json, extracted by extract_rank_profiles.py
 * from their MIT-licensed frozen results).
 */
class RankProfileModelsTest {

    @Test
    void bicMatchesTheAuthorsFrozenFits() throws IOException {
        JsonNode layers;
        try (InputStream in = getClass().getResourceAsStream("paper3_rank_profiles.json")) {
            layers = new ObjectMapper().readTree(in);
        }
        assertEquals(3, layers.size());
        for (JsonNode l : layers) {
            double[] sigma = new double[l.get("sigma").size()];
            for (int i = 0; i < sigma.length; i++) {
                sigma[i] = l.get("sigma").get(i).asDouble();
            }
            RankProfileModels m = RankProfileModels.fit(sigma);
            String name = l.get("name").asText();
            assertEquals(l.get("bic_power_law").asDouble(), m.powerLawBic(), 1e-9, name + " power law");
            assertEquals(l.get("bic_exponential").asDouble(), m.exponentialBic(), 1e-9, name + " exponential");
            assertEquals(l.get("bic_lognormal").asDouble(), m.logNormalBic(), 1e-9, name + " log-normal");
            assertEquals(l.get("best").asText(), m.best(), name);
        }
    }

    @Test
    void anExactPowerLawPrefersThePowerLawOverTheExponential() {
        double[] x = new double[20];
        for (int k = 0; k < 20; k++) {
            x[k] = 3 * Math.pow(k + 1, -1.3) * (1 + 0.01 * Math.sin(7 * k));
        }
        RankProfileModels m = RankProfileModels.fit(x);
        assertTrue(m.powerLawBic() < m.exponentialBic());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RankProfileModels.fit(new double[]{1, 0.5, 0.2}))
                .getMessage().startsWith("values"));
    }
}
