package cartan.io;

import cartan.Require;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.InvalidPathException;
import java.util.Locale;

/**
 * A TensorFlow.js model: a layers-model {@code model.json} (keys {@code modelTopology} and
 * {@code weightsManifest}) or a bare weights manifest (a JSON array of groups, as in
 * {@code *-weights_manifest.json}), with its binary shards.
 *
 * <p>Each manifest group lists shard files ({@code paths}) and tensors ({@code weights}); the shards
 * are concatenated in order and the tensors read one after another, little-endian. Bytes per element:
 * float32 and int32 4; with a {@code quantization} entry, uint8 1 and uint16 2 (value = q·scale + min)
 * and float16 2 (IEEE half precision). The group's bytes must be consumed exactly: a short shard, a
 * missing shard, trailing bytes, an unknown dtype or a non-finite value are errors that name the file
 * or tensor. Shard paths must be relative and stay inside the model's directory (no absolute paths,
 * no {@code ..} escaping it), and shapes whose size overflows are rejected before anything is allocated.
 */
public final class TfjsModel {

    /** Shared: an ObjectMapper is thread-safe for reading once configured, and costly to build per file. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode topology;
    private final Map<String, TfjsTensor> tensors;

    private TfjsModel(JsonNode topology, Map<String, TfjsTensor> tensors) {
        this.topology = topology;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** A Keras layer from the topology: class name (e.g. {@code Conv2D}) and its config object. */
    public record Layer(String className, String name, JsonNode config) {
    }

    /**
     * Read a model.json (or a weights-manifest JSON) and its shards from the same directory.
     *
     * @throws IllegalArgumentException on malformed JSON, missing or wrong-sized shards, unknown dtypes
     */
    public static TfjsModel read(Path json) {
        Require.notNull("json", json);
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException("json: " + json + " does not exist or is not a regular file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("json: " + json + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode manifest;
        JsonNode topology = null;
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("json: " + json + " is empty");
        }
        if (root.isArray()) {
            manifest = root;
        } else if (root.has("weightsManifest")) {
            manifest = root.get("weightsManifest");
            topology = root.get("modelTopology");
        } else {
            throw new IllegalArgumentException("json: " + json + " has neither a weightsManifest nor a top-level manifest array");
        }
        if (!manifest.isArray()) {
            throw new IllegalArgumentException("json: weightsManifest in " + json + " is not an array");
        }
        Path dir = json.toAbsolutePath().getParent();
        Map<String, TfjsTensor> out = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            readGroup(group, dir, out);
        }
        return new TfjsModel(topology, out);
    }

    private static void readGroup(JsonNode group, Path dir, Map<String, TfjsTensor> out) {
        JsonNode paths = group.get("paths");
        JsonNode weights = group.get("weights");
        if (paths == null || !paths.isArray() || weights == null || !weights.isArray()) {
            throw new IllegalArgumentException("json: a manifest group lacks 'paths' or 'weights' arrays");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        for (JsonNode p : paths) {
            Path shard = shard(dir, p);
            names.add(p.asText());
            if (!Files.isRegularFile(shard)) {
                throw new IllegalArgumentException("json: shard " + shard + " listed in the manifest does not exist");
            }
            try {
                buf.write(Files.readAllBytes(shard));
            } catch (IOException e) {
                throw new IllegalArgumentException("json: could not read shard " + shard + ": " + e.getMessage(), e);
            }
        }
        ByteBuffer bb = ByteBuffer.wrap(buf.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode w : weights) {
            String name = text(w, "name");
            String dtype = text(w, "dtype");
            JsonNode shapeNode = w.get("shape");
            if (shapeNode == null || !shapeNode.isArray()) {
                throw new IllegalArgumentException("json: tensor " + name + " has no shape array");
            }
            int[] shape = new int[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
                    throw new IllegalArgumentException("json: tensor " + name + " has invalid dimension " + d);
                }
                shape[i] = d.asInt();
                count = multiply(count, shape[i], name);
            }
            JsonNode q = w.get("quantization");
            String stored = q == null ? dtype : text(q, "dtype");
            int es = switch (stored) {
                case "float32", "int32" -> 4;
                case "uint8" -> 1;
                case "uint16", "float16" -> 2;
                default -> throw new IllegalArgumentException("json: tensor " + name + " has unsupported dtype '" + stored + "'");
            };
            if (q == null && !(dtype.equals("float32") || dtype.equals("int32"))) {
                throw new IllegalArgumentException("json: tensor " + name + " has dtype " + dtype + " without a quantization entry");
            }
            long bytes = multiply(count, es, name);
            if (bb.remaining() < bytes) {
                throw new IllegalArgumentException("json: shards " + names + " are too short: tensor " + name + " needs "
                        + bytes + " bytes, " + bb.remaining() + " remain");
            }
            float[] v = new float[Math.toIntExact(count)];
            double scale = 0;
            double min = 0;
            if (stored.equals("uint8") || stored.equals("uint16")) {
                if (q.get("scale") == null || q.get("min") == null) {
                    throw new IllegalArgumentException("json: tensor " + name + " is " + stored + "-quantized without scale and min");
                }
                scale = q.get("scale").asDouble();
                min = q.get("min").asDouble();
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (stored) {
                    case "float32" -> bb.getFloat();
                    case "int32" -> (float) bb.getInt();
                    case "uint8" -> (float) ((bb.get() & 0xFF) * scale + min);
                    case "uint16" -> (float) ((bb.getShort() & 0xFFFF) * scale + min);
                    default -> halfToFloat(bb.getShort());
                };
                if (!Float.isFinite(v[i])) {
                    throw new IllegalArgumentException("json: tensor " + name + " has a non-finite value at element " + i);
                }
            }
            if (out.containsKey(name)) {
                throw new IllegalArgumentException("json: tensor name " + name + " appears twice");
            }
            out.put(name, new TfjsTensor(name, shape, stored, v));
        }
        if (bb.remaining() != 0) {
            throw new IllegalArgumentException("json: shards " + names + " have " + bb.remaining()
                    + " bytes beyond the tensors the manifest lists");
        }
    }

    /** count · factor, or an IllegalArgumentException naming the tensor if that overflows a long. */
    private static long multiply(long count, long factor, String name) {
        try {
            return Math.multiplyExact(count, factor);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("json: tensor " + name + " has a shape whose size overflows 64 bits");
        }
    }

    /**
     * The shard a manifest path names: a relative path that stays inside the model's directory. An
     * absolute path or one that climbs out with {@code ..} would let a hostile model.json read any file
     * the process can read (e.g. {@code ../../etc/passwd} as "weights"), so it is rejected.
     */
    private static Path shard(Path dir, JsonNode p) {
        if (!p.isTextual() || p.asText().isEmpty()) {
            throw new IllegalArgumentException("json: shard path " + p + " is not a non-empty string");
        }
        Path rel;
        try {
            rel = dir.getFileSystem().getPath(p.asText());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("json: shard path " + p + " is not a valid path: " + e.getMessage(), e);
        }
        Path shard = dir.resolve(rel).normalize();
        if (rel.isAbsolute() || !shard.startsWith(dir.normalize())) {
            throw new IllegalArgumentException("json: shard path " + p + " leaves the model directory " + dir);
        }
        return shard;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("json: manifest entry lacks a string '" + key + "': " + n);
        }
        return v.asText();
    }

    /** IEEE 754 binary16 → float (subnormals, infinities and NaN included). */
    public static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits >>> 15) << 31;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) {
            float f = mant * 0x1p-24f;
            return sign == 0 ? f : -f;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** Tensor names in manifest order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    /** The tensor with this name. */
    public TfjsTensor tensor(String name) {
        TfjsTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("name: no tensor '" + name + "'; tensors are " + tensors.keySet());
        }
        return t;
    }

    /** The raw {@code modelTopology} object, or null for a bare weights manifest. */
    public JsonNode topology() {
        return topology;
    }

    /** Layers of a Keras Sequential topology, in order (empty for a bare manifest). */
    public List<Layer> layers() {
        if (topology == null) {
            return List.of();
        }
        JsonNode cfg = topology.path("model_config").path("config");
        if (cfg.isObject() && cfg.has("layers")) {
            cfg = cfg.get("layers");
        }
        if (!cfg.isArray()) {
            throw new IllegalArgumentException("json: modelTopology.model_config.config is not a layer list");
        }
        List<Layer> out = new ArrayList<>();
        for (JsonNode l : cfg) {
            JsonNode c = l.path("config");
            out.add(new Layer(l.path("class_name").asText(), c.path("name").asText(), c));
        }
        return out;
    }

    /**
     * The float tensors of a TF.js model.json or weights manifest, for {@link WeightFormats#TFJS}: rank 2
     * dense ([in, out]; embedding when the name says so), rank 3–5 conv kernels in Keras order [spatial…,
     * in, out]; int32 tensors (shape constants) are skipped. A malformed model raises
     * {@link MalformedWeightsException}.
     */
    static List<WeightTensor> tensors(Path json) throws IOException {
        TfjsModel model;
        try {
            model = read(json);
        } catch (IllegalArgumentException e) {
            throw new MalformedWeightsException(e.getMessage().replaceFirst("^json: ", ""), e);
        }
        List<WeightTensor> out = new ArrayList<>();
        for (String name : model.names()) {
            TfjsTensor t = model.tensor(name);
            if (t.dtype().startsWith("int")) {
                continue;
            }
            int[] shape = t.shape();
            LayerKind kind = shape.length == 2 ? (name.toLowerCase(Locale.ROOT).contains("embed")
                    ? LayerKind.EMBEDDING : LayerKind.DENSE)
                    : shape.length >= 3 && shape.length <= 5 ? LayerKind.CONV : LayerKind.OTHER;
            float[] f = t.values();
            double[] v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = f[i];
            }
            out.add(new WeightTensor(name, name, kind, ConvLayout.HWIO, shape, v));
        }
        return out;
    }
}
