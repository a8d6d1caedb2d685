package cartan.curvature;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the layers of {@link PublishedLayers} in a parsed result file and validates their fields (the
 * rules are in {@link PublishedLayers}' class comment). Every problem is an
 * {@link IllegalArgumentException} starting {@code file:} that names the file and the JSON path.
 */
final class PublishedLayerReader {

    private static final Set<String> CONTAINERS = Set.of("results", "layers", "conv_results", "fc_result");

    private PublishedLayerReader() {
    }


    static List<PublishedLayers.Layer> layers(JsonNode root, String source) {
        String stem = source.endsWith(".json") ? source.substring(0, source.length() - 5) : source;
        String rootExperiment = root.isObject() && root.path("experiment").isTextual()
                ? root.get("experiment").asText() : null;
        String rootDataset = root.isObject() && root.path("dataset").isTextual() ? root.get("dataset").asText() : null;
        String rootModel = root.isObject() && root.path("model").isTextual() ? root.get("model").asText() : null;
        List<Found> found = new ArrayList<>();
        walk(root, new ArrayList<>(), found, "", source, 0);
        // position within each experiment, in file order
        Map<String, int[]> span = new LinkedHashMap<>();
        for (int i = 0; i < found.size(); i++) {
            span.computeIfAbsent(found.get(i).label, x -> new int[] {Integer.MAX_VALUE, -1});
            int[] s = span.get(found.get(i).label);
            s[0] = Math.min(s[0], i);
            s[1] = Math.max(s[1], i);
        }
        List<PublishedLayers.Layer> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            int[] s = span.get(f.label);
            String position = i == s[0] ? "first" : i == s[1] ? "last" : "interior";
            String experiment = !f.label.isEmpty() ? f.label : rootExperiment != null ? rootExperiment : stem;
            List<String> prov = PublishedLayers.PROVENANCE.get(experiment);
            String dataset = rootDataset != null ? rootDataset : prov != null ? prov.get(0) : "";
            String model = rootModel != null ? rootModel : prov != null ? prov.get(1) : "";
            out.add(layer(f.node, source, f.where, experiment, dataset, model, "last".equals(position), position));
        }
        return out;
    }

    private record Found(JsonNode node, String label, String where) {
    }

    private static void walk(JsonNode node, List<String> labels, List<Found> out, String where, String source,
                             int depth) {
        if (depth > PublishedResults.MAX_DEPTH) {
            throw new IllegalArgumentException("file: " + source + " nests deeper than " + PublishedResults.MAX_DEPTH);
        }
        if (node.isObject()) {
            if (isLayer(node)) {
                out.add(new Found(node, String.join("/", labels), where));
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getValue().isContainerNode()) {
                    List<String> next = labels;
                    if (!CONTAINERS.contains(f.getKey())) {
                        next = new ArrayList<>(labels);
                        next.add(f.getKey());
                    }
                    walk(f.getValue(), next, out, where + "/" + f.getKey(), source, depth + 1);
                }
            }
        } else if (node.isArray()) {
            int j = 0;
            for (JsonNode e : node) {
                List<String> next = labels;
                if (e.isObject() && !isLayer(e)) {
                    JsonNode label = e.path("experiment").isTextual() ? e.get("experiment") : e.path("arch");
                    if (label.isTextual()) {
                        next = new ArrayList<>(labels);
                        next.add(label.asText());
                    }
                }
                if (e.isContainerNode()) {
                    walk(e, next, out, where + "/" + j, source, depth + 1);
                }
                j++;
            }
        }
    }

    private static boolean isLayer(JsonNode o) {
        return o.path("name").isTextual() && (o.path("alpha").isNumber() || o.path("alpha_exact").isNumber());
    }

    private static PublishedLayers.Layer layer(JsonNode o, String source, String where, String experiment,
                                               String dataset, String model, boolean last, String position) {
        String at = "file: " + source + ": " + where;
        String name = o.get("name").asText();
        double alpha = number(o, at, "alpha", "alpha_exact");
        double r2a = number(o, at, "r2_alpha", "r2", "r2_exact");
        double gamma = number(o, at, "gamma");
        double r2g = number(o, at, "r2_gamma");
        double s = number(o, at, "s_hessian");
        double r2s = number(o, at, "r2_s_hessian");
        double rel = number(o, at, "triangle_relative_error");
        double[] sigma = raw(o, at, "sigma");
        double[] h = raw(o, at, "h_exact");
        if (sigma.length != h.length) {
            throw new IllegalArgumentException(at + " (" + name + ") has " + sigma.length + " sigma values but "
                    + h.length + " h_exact values");
        }
        for (int i = 0; i < sigma.length; i++) {
            if (!(sigma[i] > 0) || (i > 0 && sigma[i] > sigma[i - 1])) {
                throw new IllegalArgumentException(at + " (" + name + "): sigma must be positive and decreasing, entry "
                        + i + " is " + sigma[i]);
            }
        }
        double kStored = number(o, at, "top_k", "top_k_hvp");
        int k = Double.isFinite(kStored) ? boundedInt(kStored, at + "/top_k") : sigma.length;
        int[] shape = shape(o, at);
        String type = type(name, shape.length > 2 ? 4 : 2, last);
        int rows = shape.length == 0 ? 0 : shape[0];
        long cols = shape.length == 0 ? 0 : 1;
        for (int i = 1; i < shape.length; i++) {
            cols *= shape[i];
            if (cols > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(at + "/shape: columns overflow an int");
            }
        }
        if (shape.length == 1) {
            cols = 1;
        }
        return new PublishedLayers.Layer(source, experiment, dataset, model, name, type, position, rows, (int) cols, k,
                alpha, r2a, gamma, r2g, s, r2s, rel, sigma, h);
    }

    /** The first of the named fields present, which must be a finite number; NaN if none is present. */
    private static double number(JsonNode o, String at, String... keys) {
        for (String key : keys) {
            JsonNode v = o.get(key);
            if (v != null && !v.isNull()) {
                if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                    throw new IllegalArgumentException(at + "/" + key + " must be a finite number, got " + v);
                }
                return v.doubleValue();
            }
        }
        return Double.NaN;
    }

    private static double[] raw(JsonNode o, String at, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return new double[0];
        }
        if (!v.isArray() || v.size() > PublishedLayers.MAX_RAW) {
            throw new IllegalArgumentException(at + "/" + key + " must be an array of at most "
                    + PublishedLayers.MAX_RAW + " numbers");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isNumber() || !Double.isFinite(e.doubleValue())) {
                throw new IllegalArgumentException(at + "/" + key + "/" + i + " must be a finite number, got " + e);
            }
            out[i] = e.doubleValue();
        }
        return out;
    }

    private static int[] shape(JsonNode o, String at) {
        JsonNode v = o.has("shape_2d") ? o.get("shape_2d") : o.get("shape");
        if (v == null || v.isNull()) {
            return new int[0];
        }
        if (!v.isArray() || v.size() > 8) {
            throw new IllegalArgumentException(at + "/shape must be an array of at most 8 dimensions, got " + v);
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode d = v.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 1) {
                throw new IllegalArgumentException(at + "/shape/" + i + " must be a positive int, got " + d);
            }
            out[i] = d.asInt();
        }
        return out;
    }

    private static int boundedInt(double v, String at) {
        if (v != Math.rint(v) || v < 0 || v > PublishedLayers.MAX_RAW) {
            throw new IllegalArgumentException(at + " must be a whole number in [0, " + PublishedLayers.MAX_RAW
                    + "], got " + v);
        }
        return (int) v;
    }

    /** The layer type from the name (see the class comment); {@code rank} is 4 for conv kernels. */
    static String type(String name, int rank, boolean last) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.contains("downsample")) {
            return "conv_shortcut";
        }
        if (n.contains("patch_embed")) {
            return "embedding";
        }
        if (n.contains("qkv")) {
            return "attention_qkv";
        }
        if (n.contains("attn_proj") || n.contains("attn.c_proj") || n.contains("attn_out")) {
            return "attention_out";
        }
        if (n.contains("mlp_up") || n.matches(".*mlp\\.0(\\.weight)?$")) {
            return "mlp_up";
        }
        if (n.contains("mlp_down") || n.matches(".*mlp\\.2(\\.weight)?$")) {
            return "mlp_down";
        }
        boolean classifier = n.matches("(fc|head|output_head|classifier(\\.\\d+)?)(\\.weight)?");
        if (classifier) {
            return last ? "head" : "dense";
        }
        if (n.contains("conv") || n.startsWith("features.") || rank == 4) {
            return "conv";
        }
        return "dense";
    }
}
