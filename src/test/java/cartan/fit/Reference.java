package cartan.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * fit_reference.json and discrete_reference.json, written by fit_reference.py and discrete_reference.py in
 * src/test/resources/cartan/fit (numpy/scipy).
 */
final class Reference {

    static final JsonNode JSON = load("fit_reference.json");
    static final JsonNode DISCRETE = load("discrete_reference.json");

    private Reference() {
    }

    private static JsonNode load(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/cartan/fit/" + name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(String key) {
        return doubles(JSON, key);
    }

    static double[] doubles(JsonNode json, String key) {
        JsonNode a = json.get(key);
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    static double get(String... path) {
        return get(JSON, path);
    }

    static double get(JsonNode json, String... path) {
        JsonNode n = json;
        for (String p : path) {
            n = n.get(p);
        }
        return n.asDouble();
    }
}
