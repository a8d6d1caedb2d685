package cartan.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** fit_reference.json, written by src/test/resources/cartan/fit/fit_reference.py (numpy/scipy). */
final class Reference {

    static final JsonNode JSON = load();

    private Reference() {
    }

    private static JsonNode load() {
        try (InputStream in = Reference.class.getResourceAsStream("/cartan/fit/fit_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(String key) {
        JsonNode a = JSON.get(key);
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    static double get(String... path) {
        JsonNode n = JSON;
        for (String p : path) {
            n = n.get(p);
        }
        return n.asDouble();
    }
}
