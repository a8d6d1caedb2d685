package cartan.profile;

import cartan.Require;
import cartan.io.MatrixSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fine-tuned model matched layer by layer with its base model, for the profile of the update
 * ΔW = W − W_base ({@link ExponentProfile#ofDelta}; WeightWatcher's {@code base_model=}). Layers are matched
 * by name and shape, in the fine-tuned model's order; what does not match is listed, never guessed.
 *
 * @param pairs          the matched layers (model source, base source), in model order
 * @param onlyInModel    names of the model's layers the base does not have
 * @param onlyInBase     names of the base's layers the model does not have
 * @param shapeMismatch  "name: rows×cols vs rows×cols" for layers present in both with different shapes
 */
public record ModelDelta(List<Pair> pairs, List<String> onlyInModel, List<String> onlyInBase,
                         List<String> shapeMismatch) {

    /** A matched layer. */
    public record Pair(MatrixSource model, MatrixSource base) {
        public Pair {
            Require.notNull("model", model);
            Require.notNull("base", base);
        }
    }

    public ModelDelta {
        pairs = List.copyOf(Require.notNull("pairs", pairs));
        onlyInModel = List.copyOf(Require.notNull("onlyInModel", onlyInModel));
        onlyInBase = List.copyOf(Require.notNull("onlyInBase", onlyInBase));
        shapeMismatch = List.copyOf(Require.notNull("shapeMismatch", shapeMismatch));
    }

    /**
     * Matches the layers of {@code model} with those of {@code base} by name, keeping a pair only when the
     * shapes (rows, cols and stored shape) agree.
     *
     * @throws IllegalArgumentException if a list or an element is null, or a name repeats within a list
     */
    public static ModelDelta match(List<? extends MatrixSource> model, List<? extends MatrixSource> base) {
        Map<String, MatrixSource> b = byName("base", base);
        Map<String, MatrixSource> m = byName("model", model);
        List<Pair> pairs = new ArrayList<>();
        List<String> onlyModel = new ArrayList<>();
        List<String> mismatch = new ArrayList<>();
        for (MatrixSource s : m.values()) {
            MatrixSource t = b.get(s.name());
            if (t == null) {
                onlyModel.add(s.name());
            } else if (s.rows() != t.rows() || s.cols() != t.cols()
                    || !Arrays.equals(s.originalShape(), t.originalShape())) {
                mismatch.add(s.name() + ": " + Arrays.toString(s.originalShape()) + " vs "
                        + Arrays.toString(t.originalShape()));
            } else {
                pairs.add(new Pair(s, t));
            }
        }
        List<String> onlyBase = new ArrayList<>();
        for (String n : b.keySet()) {
            if (!m.containsKey(n)) {
                onlyBase.add(n);
            }
        }
        return new ModelDelta(pairs, onlyModel, onlyBase, mismatch);
    }

    private static Map<String, MatrixSource> byName(String argument, List<? extends MatrixSource> sources) {
        Require.notNull(argument, sources);
        Map<String, MatrixSource> out = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            MatrixSource s = sources.get(i);
            if (s == null) {
                throw new IllegalArgumentException(argument + ": element " + i + " is null");
            }
            if (out.put(s.name(), s) != null) {
                throw new IllegalArgumentException(argument + ": the name \"" + s.name() + "\" appears twice");
            }
        }
        return out;
    }

    /** Whether every layer of both models was matched. */
    public boolean complete() {
        return onlyInModel.isEmpty() && onlyInBase.isEmpty() && shapeMismatch.isEmpty();
    }

    /** One line per kind of unmatched layer, empty when everything matched. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        if (!onlyInModel.isEmpty()) {
            out.add(onlyInModel.size() + " layer(s) only in the model: " + abbreviate(onlyInModel));
        }
        if (!onlyInBase.isEmpty()) {
            out.add(onlyInBase.size() + " layer(s) only in the base: " + abbreviate(onlyInBase));
        }
        if (!shapeMismatch.isEmpty()) {
            out.add(shapeMismatch.size() + " layer(s) with different shapes: " + abbreviate(shapeMismatch));
        }
        return out;
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + ", … (" + (names.size() - 5) + " more)";
    }
}
