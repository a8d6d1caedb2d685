package cartan.profile;

import cartan.Require;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvWriteOptions;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of a profile, apart from its mathematics: the CSV table of {@code cartan profile} (columns
 * {@link ExponentProfile#CSV_COLUMNS}, written by Tablesaw's CSV writer: doubles in Java's shortest
 * round-trip form, missing values empty, strings quoted when they need it) and the JSON tree of
 * {@code profile.json} (the same rows plus each layer's singular values, the shuffled matrix's eigenvalues when
 * randomized, the summary and, for a fine-tune delta, the layers that did not match).
 */
public final class ProfileWriter {

    private ProfileWriter() {
    }

    /** The CSV table: header {@link ExponentProfile#CSV_COLUMNS}, one line per layer, '\n' line ends. */
    public static String csv(ExponentProfile profile) {
        Require.notNull("profile", profile);
        return csv(profile.table().selectColumns(ExponentProfile.CSV_COLUMNS.toArray(new String[0])));
    }

    /** Any table (e.g. a {@link ProfileComparison}'s) as CSV in the same conventions. */
    public static String csv(Table t) {
        Require.notNull("t", t);
        StringWriter out = new StringWriter();
        t.write().csv(CsvWriteOptions.builder(out).header(true).lineEnd("\n").build());
        return out.toString();
    }

    /**
     * The profile as a JSON-ready tree: {@code format}, {@code source}, {@code options}, {@code columns},
     * and {@code layers}, each a row object (the CSV columns; missing values null) plus its
     * {@code singular_values}.
     */
    public static Map<String, Object> jsonTree(ExponentProfile profile, String source) {
        Require.notNull("profile", profile);
        ProfileOptions options = profile.options();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "cartan-weight-profile/1");
        root.put("source", source);
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("fit", options.fit().name().toLowerCase(Locale.ROOT));
        opt.put("min_tail", options.minTail());
        opt.put("bootstrap", options.bootstrap());
        opt.put("seed", options.seed());
        opt.put("randomize", options.randomize());
        opt.put("max_fingers", options.maxFingers());
        opt.put("finger_threshold", options.fingerThreshold());
        opt.put("pool_conv", options.poolConv());
        opt.put("svd", options.svd().name().toLowerCase(Locale.ROOT));
        opt.put("eigenvalues", "sigma^2 of W^T W, no 1/N");
        root.put("options", opt);
        root.put("columns", ExponentProfile.CSV_COLUMNS);
        Table t = profile.table();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < profile.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (String name : ExponentProfile.CSV_COLUMNS) {
                Column<?> c = t.column(name);
                r.put(name, c.isMissing(i) && !(c.get(i) instanceof String) ? null : c.get(i));
            }
            r.put("singular_values", profile.layer(i).singularValues());
            profile.layer(i).randomizedControl().ifPresent(c -> r.put("randomized_eigenvalues", c.eigenvalues()));
            rows.add(r);
        }
        root.put("layers", rows);
        if (!profile.isChain()) {
            root.put("summary", ModelSummary.of(profile).jsonTree());
        }
        profile.delta().ifPresent(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("matched", d.pairs().size());
            m.put("only_in_model", d.onlyInModel());
            m.put("only_in_base", d.onlyInBase());
            m.put("shape_mismatch", d.shapeMismatch());
            root.put("delta", m);
        });
        return root;
    }
}
