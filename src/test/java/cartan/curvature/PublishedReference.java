package cartan.curvature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * published_layers_reference.json, written by src/test/resources/cartan/curvature/published_layers_reference.py
 * (numpy, from the same frozen JSON files), and the project's copy of those files.
 */
final class PublishedReference {

    /** The authors' frozen results as committed under data/ (tests run from the module root). */
    static final Path DATA = Path.of("data", "paper3-frozen-results");

    static final JsonNode JSON = load();

    private PublishedReference() {
    }

    static Path file(String name) {
        return DATA.resolve(name);
    }

    private static JsonNode load() {
        try (InputStream in = PublishedReference.class.getResourceAsStream(
                "/cartan/curvature/published_layers_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double get(String... path) {
        JsonNode n = JSON;
        for (String p : path) {
            n = n.get(p);
            if (n == null) {
                throw new IllegalStateException("no reference value at " + String.join("/", path));
            }
        }
        return n.asDouble();
    }

    static JsonNode node(String... path) {
        JsonNode n = JSON;
        for (String p : path) {
            n = n.get(p);
        }
        return n;
    }
}
