package cartan.io;

import cartan.Require;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A sharded Hugging Face checkpoint: a directory holding {@code model.safetensors.index.json} (or
 * {@code pytorch_model.bin.index.json}) whose {@code weight_map} names, for every tensor, the shard file
 * holding it ({@code model-00001-of-00003.safetensors} …), next to those shards. The shards are opened in
 * file-name order, each lazily by its own format (safetensors or PyTorch zip: headers and pickles only),
 * and their matrices listed in that order.
 *
 * <p>Checks: the index is a JSON object with a {@code weight_map} object of strings, at most
 * {@link #MAX_INDEX} bytes; every shard it names is a plain file name in the same directory (no path, no
 * {@code ..}: an index cannot make the reader open other files) and exists — a missing shard is an error
 * naming it; every tensor a shard holds is listed in the index for that shard, and no tensor name occurs in
 * two shards. Tensors the index lists that a shard reader skips (integer buffers) are not errors.
 */
public final class ShardIndex {

    /** The index file names looked for in a directory, in order of preference. */
    public static final List<String> NAMES = List.of("model.safetensors.index.json", "pytorch_model.bin.index.json");
    /** The largest index accepted (the index of a 400B-parameter model is about 100 KB). */
    public static final long MAX_INDEX = 64L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardIndex() {
    }

    /**
     * The index file of a directory: one of {@link #NAMES}, else the only file ending in
     * {@code .safetensors.index.json} or {@code .bin.index.json} (safetensors preferred), else null.
     */
    public static Path find(Path dir) throws IOException {
        Require.notNull("dir", dir);
        for (String n : NAMES) {
            if (Files.isRegularFile(dir.resolve(n))) {
                return dir.resolve(n);
            }
        }
        for (String suffix : List.of(".safetensors.index.json", ".bin.index.json")) {
            List<Path> found;
            try (Stream<Path> s = Files.list(dir)) {
                found = s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted()
                        .toList();
            }
            if (found.size() > 1) {
                throw new MalformedWeightsException(dir + ": several shard indices " + found.stream()
                        .map(p -> p.getFileName().toString()).toList() + "; open one of them");
            }
            if (found.size() == 1) {
                return found.get(0);
            }
        }
        return null;
    }

    /** The tensor → shard map of an index file, checked as the class comment says. */
    public static Map<String, String> weightMap(Path index) throws IOException {
        Require.notNull("index", index);
        String src = index.toString();
        long size = Files.size(index);
        if (size > MAX_INDEX) {
            throw new UnsupportedWeightsException(src + ": a shard index of " + size + " bytes (limit " + MAX_INDEX + ")");
        }
        JsonNode root;
        try {
            // decoded here, so that Jackson's encoding detection cannot fail on odd leading bytes
            root = JSON.readTree(new String(Files.readAllBytes(index), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new MalformedWeightsException(src + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode wm = root == null ? null : root.get("weight_map");
        if (wm == null || !wm.isObject()) {
            throw new MalformedWeightsException(src + ": no \"weight_map\" object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = wm.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isTextual() || !plainName(v.asText())) {
                throw new MalformedWeightsException(src + ": tensor '" + e.getKey() + "' maps to " + v
                        + ", not a file name in the index's directory");
            }
            out.put(e.getKey(), v.asText());
        }
        return out;
    }

    private static boolean plainName(String s) {
        return !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0 && s.indexOf('\\') < 0
                && s.indexOf('\0') < 0 && !s.contains(":");
    }

    /** The matrices of the checkpoint an index file describes, shard by shard. */
    public static List<MatrixSource> open(Path index, ReadOptions options) throws IOException {
        Require.notNull("index", index);
        Require.notNull("options", options);
        Map<String, String> map = weightMap(index);
        Path dir = index.toAbsolutePath().getParent();
        TreeSet<String> shards = new TreeSet<>(map.values());
        for (String s : shards) {
            if (!Files.isRegularFile(dir.resolve(s))) {
                throw new MalformedWeightsException(index + ": shard '" + s + "' is missing from " + dir);
            }
        }
        List<MatrixSource> out = new ArrayList<>();
        Map<String, String> seenIn = new HashMap<>();
        for (String s : shards) {
            Path shard = dir.resolve(s);
            WeightFormat f = WeightFormats.of(shard);
            if (f != WeightFormats.SAFETENSORS && f != WeightFormats.PYTORCH) {
                throw new UnsupportedWeightsException(index + ": shard '" + s + "' is neither safetensors nor a "
                        + "PyTorch checkpoint");
            }
            for (MatrixSource m : f.open(shard, options)) {
                String t = m.tensorName();
                String listed = map.get(t);
                if (!s.equals(listed)) {
                    throw new MalformedWeightsException(index + ": tensor '" + t + "' is in shard '" + s + "' but the "
                            + "index " + (listed == null ? "does not list it" : "puts it in '" + listed + "'"));
                }
                String first = seenIn.putIfAbsent(t, s);
                if (first != null && !first.equals(s)) {
                    throw new MalformedWeightsException(index + ": tensor '" + t + "' is in shards '" + first + "' and '"
                            + s + "'");
                }
                out.add(m);
            }
        }
        return out;
    }
}
