package cartan.curvature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON result files that the authors of a paper publish with it (for arXiv 2606.02596: the
 * {@code results/*.json} of 9D-Labs/9d-spectral-alignment-decomposition), read as Tablesaw tables.
 *
 * <p>{@link #table(Path, String)} takes a path into the document — segments separated by {@code /},
 * a number indexes an array, a name selects an object field, and {@code *} runs over every element of
 * an array or every field of an object — and returns one row per object found at its end (an array of
 * objects, or a single object). Columns are the objects' scalar fields: numbers become
 * {@link DoubleColumn}s, text and booleans {@link StringColumn}s (a field that holds numbers in some rows
 * and text in others is text), nested objects of scalars are flattened with dotted names
 * ({@code bic.power_law}), arrays are left out (see {@link PublishedLayers} for the per-layer arrays), a
 * field absent from a row is missing. A {@code *} adds what it ran over: over an object's fields, a text
 * column named after the segment before it holding the field name (e.g. {@code /output_dim/*} gives
 * column {@code output_dim} = {@code CIFAR-10}, …); over an array of objects, each element's scalar
 * fields, named {@code segment.field} ({@code /trajectory/*}{@code /layers} gives
 * {@code trajectory.epoch}) or just {@code field} at the root.
 *
 * <p>Files from outside are hostile. Before parsing: the file must be a regular file of at most
 * {@link #MAX_BYTES}. Jackson parses with bounded nesting ({@link #MAX_DEPTH}), number length and
 * string length, rejects duplicate keys, and NaN/Infinity (not JSON); a number that overflows a double
 * is rejected too. The tree Jackson builds is proportional to the bytes present, so nothing is
 * allocated on the word of a length field. Every problem with the content is an
 * {@link IllegalArgumentException} whose message starts with {@code file:} and names the file and
 * where in it; a file that cannot be read at all is an {@link IOException}.
 */
public final class PublishedResults {

    /** Largest file read: the biggest of the paper's 15 files is 1.9 MB. */
    public static final long MAX_BYTES = 8L << 20;
    /** Deepest nesting of arrays and objects accepted (the paper's files nest at most 6 deep). */
    public static final int MAX_DEPTH = 32;
    /** Most columns in one table. */
    public static final int MAX_COLUMNS = 1024;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(64)
                    .maxStringLength(1 << 16)
                    .maxDocumentLength(MAX_BYTES)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private PublishedResults() {
    }

    /**
     * The parsed document, after the size and syntax checks of the class comment.
     *
     * @throws IllegalArgumentException if the file is too large, empty or not valid JSON within the limits
     * @throws IOException              if the file cannot be read
     */
    public static JsonNode read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("file: must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file: " + file + " does not exist or is not a regular file");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("file: " + file + " has " + size + " bytes, more than the "
                    + MAX_BYTES + " read");
        }
        JsonNode root;
        try (JsonParser p = JSON.createParser(file.toFile())) {
            root = JSON.readTree(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("file: " + file + " has content after the JSON value");
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("file: " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("file: " + file + " is empty");
        }
        return root;
    }

    /**
     * The objects at {@code path} in the file as a table (see the class comment for the path syntax and
     * the columns).
     *
     * @throws IllegalArgumentException if the path does not lead to objects, or the file is malformed
     * @throws IOException              if the file cannot be read
     */
    public static Table table(Path file, String path) throws IOException {
        JsonNode root = read(file);
        return table(root, path, file.getFileName().toString());
    }

    /** {@link #table(Path, String)} of a parsed document; {@code name} titles the table and the errors. */
    public static Table table(JsonNode root, String path, String name) {
        if (root == null) {
            throw new IllegalArgumentException("root: must not be null");
        }
        if (path == null) {
            throw new IllegalArgumentException("path: must not be null");
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        collect(root, segments, 0, "", new LinkedHashMap<>(), rows, name);
        return toTable(rows, name + (path.isEmpty() ? "" : " " + path));
    }

    /**
     * The array of numbers at a JSON Pointer (RFC 6901, e.g. {@code /conv_results/0/h_kron}): finite, at most
     * {@link PublishedLayers#MAX_RAW} of them.
     *
     * @throws IllegalArgumentException if nothing is there, or it is not such an array
     */
    public static double[] numbers(JsonNode root, String pointer) {
        if (root == null) {
            throw new IllegalArgumentException("root: must not be null");
        }
        if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
            throw new IllegalArgumentException("pointer: must be a JSON Pointer starting with '/', got " + pointer);
        }
        JsonNode a = root.at(pointer);
        if (!a.isArray() || a.size() > PublishedLayers.MAX_RAW) {
            throw new IllegalArgumentException("pointer: " + pointer + " is not an array of at most "
                    + PublishedLayers.MAX_RAW + " numbers");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw new IllegalArgumentException("pointer: " + pointer + "/" + i + " is not a finite number: " + v);
            }
            out[i] = v.doubleValue();
        }
        return out;
    }

    private static void collect(JsonNode node, List<String> segments, int i, String where,
                                Map<String, JsonNode> inherited, List<Map<String, JsonNode>> rows, String name) {
        if (i == segments.size()) {
            if (node.isArray()) {
                int j = 0;
                for (JsonNode e : node) {
                    if (!e.isObject()) {
                        throw new IllegalArgumentException("file: " + name + ": " + where + "/" + j
                                + " is not an object, so it cannot be a row");
                    }
                    rows.add(row(e, inherited, where + "/" + j, name));
                    j++;
                }
            } else if (node.isObject()) {
                rows.add(row(node, inherited, where, name));
            } else {
                throw new IllegalArgumentException("file: " + name + ": " + (where.isEmpty() ? "/" : where)
                        + " is neither an array of objects nor an object");
            }
            return;
        }
        String seg = segments.get(i);
        String before = i == 0 ? "" : segments.get(i - 1);
        if (seg.equals("*")) {
            if (node.isArray()) {
                int j = 0;
                for (JsonNode e : node) {
                    Map<String, JsonNode> next = new LinkedHashMap<>(inherited);
                    if (e.isObject()) {
                        Iterator<Map.Entry<String, JsonNode>> it = e.fields();
                        while (it.hasNext()) {
                            Map.Entry<String, JsonNode> f = it.next();
                            if (f.getValue().isValueNode()) {
                                next.put(before.isEmpty() ? f.getKey() : before + "." + f.getKey(), f.getValue());
                            }
                        }
                    }
                    collect(e, segments, i + 1, where + "/" + j, next, rows, name);
                    j++;
                }
            } else if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    Map<String, JsonNode> next = new LinkedHashMap<>(inherited);
                    next.put(before.isEmpty() ? "key" : before,
                            com.fasterxml.jackson.databind.node.TextNode.valueOf(f.getKey()));
                    collect(f.getValue(), segments, i + 1, where + "/" + f.getKey(), next, rows, name);
                }
            } else {
                throw new IllegalArgumentException("file: " + name + ": " + (where.isEmpty() ? "/" : where)
                        + " is not an array or object, so '*' has nothing to run over");
            }
            return;
        }
        JsonNode next;
        if (node.isArray()) {
            int index;
            try {
                index = Integer.parseInt(seg);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("path: segment '" + seg + "' must be an index or '*' at "
                        + (where.isEmpty() ? "/" : where) + " of " + name + ", which is an array");
            }
            next = index >= 0 ? node.get(index) : null;
        } else if (node.isObject()) {
            next = node.get(seg);
        } else {
            next = null;
        }
        if (next == null) {
            throw new IllegalArgumentException("path: " + name + " has nothing at " + where + "/" + seg);
        }
        collect(next, segments, i + 1, where + "/" + seg, inherited, rows, name);
    }

    private static Map<String, JsonNode> row(JsonNode object, Map<String, JsonNode> inherited, String where,
                                             String name) {
        Map<String, JsonNode> row = new LinkedHashMap<>(inherited);
        flatten(object, "", row, where, name, 0);
        return row;
    }

    private static void flatten(JsonNode object, String prefix, Map<String, JsonNode> row, String where, String name,
                                int depth) {
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = prefix + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                if (depth < MAX_DEPTH) {
                    flatten(v, key + ".", row, where, name, depth + 1);
                }
            } else if (v.isValueNode()) {
                if (row.containsKey(key)) {
                    throw new IllegalArgumentException("file: " + name + ": " + where + " has a field '" + key
                            + "' that clashes with a column of the same name from the path");
                }
                if (v.isNumber() && !Double.isFinite(v.doubleValue())) {
                    throw new IllegalArgumentException("file: " + name + ": " + where + "/" + key
                            + " is a number beyond the range of a double");
                }
                row.put(key, v);
            }
        }
    }

    private static Table toTable(List<Map<String, JsonNode>> rows, String title) {
        Map<String, Boolean> numeric = new LinkedHashMap<>();
        for (Map<String, JsonNode> r : rows) {
            for (Map.Entry<String, JsonNode> e : r.entrySet()) {
                boolean num = e.getValue().isNumber() || e.getValue().isNull();
                numeric.merge(e.getKey(), num, Boolean::logicalAnd);
                if (numeric.size() > MAX_COLUMNS) {
                    throw new IllegalArgumentException("file: " + title + " would give more than " + MAX_COLUMNS
                            + " columns");
                }
            }
        }
        Table t = Table.create(title);
        java.util.Set<String> lower = new java.util.HashSet<>();
        for (Map.Entry<String, Boolean> c : numeric.entrySet()) {
            String key = c.getKey();
            // Tablesaw column names are non-blank and unique regardless of case
            if (key.isBlank() || !lower.add(key.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("file: " + title + " has a field name '" + key
                        + "' that is blank or repeats another one up to case");
            }
            if (c.getValue()) {
                DoubleColumn col = DoubleColumn.create(key);
                for (Map<String, JsonNode> r : rows) {
                    JsonNode v = r.get(key);
                    if (v == null || v.isNull()) {
                        col.appendMissing();
                    } else {
                        col.append(v.doubleValue());
                    }
                }
                t.addColumns(col);
            } else {
                StringColumn col = StringColumn.create(key);
                for (Map<String, JsonNode> r : rows) {
                    JsonNode v = r.get(key);
                    if (v == null || v.isNull()) {
                        col.appendMissing();
                    } else {
                        col.append(v.asText());
                    }
                }
                t.addColumns(col);
            }
        }
        return t;
    }
}
