package cartan.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The models a sweep is about, from what the user typed: each argument is a model (a weight file, a directory of
 * weight files, a sharded checkpoint, a short name such as {@code minilm}) or a <b>directory of checkpoints</b> —
 * a directory without a shard index in which at least one entry's name carries a step ({@link #DEFAULT_STEP}, or
 * {@code --step-regex}). Each such entry is one checkpoint: a weight file ({@code step-000040.safetensors},
 * {@code ckpt_3.pt}), or a directory ({@code checkpoint-500/}, as Hugging Face's Trainer saves them), read through
 * its shard index, else its {@code model.safetensors}, else its {@code pytorch_model.bin}, else as a directory of
 * weight files — so optimizer and RNG states beside the model are not read. Entries whose names carry no step,
 * and hidden files (a checkpoint being written), are ignored. Checkpoints of a directory come in step order.
 *
 * <p>The step of a checkpoint is group 1 of the step pattern (the whole match if it has no group), found in the
 * entry's name; for a file given directly, in its name or else its parent directory's name; null if none.
 */
public final class Checkpoints {

    /** The default step pattern: step, checkpoint, ckpt, iter(ation) or epoch, an optional - _ or =, digits. */
    public static final Pattern DEFAULT_STEP =
            Pattern.compile("(?i)(?:step|checkpoint|ckpt|iteration|iter|epoch)[-_=]?(\\d+)");

    /** Model files looked for inside a checkpoint directory without a shard index, in order. */
    static final List<String> MODEL_FILES = List.of("model.safetensors", "pytorch_model.bin");

    /**
     * One model of the sweep.
     *
     * @param model the {@code model} column: the argument as typed, or the entry's path inside a checkpoint directory
     * @param step  the step parsed from the name, or null
     * @param path  what {@code cartan.io.Models.open} reads: an absolute path or a short name
     */
    public record Checkpoint(String model, Long step, String path) {
    }

    /** An argument that names nothing readable. */
    public record Problem(String argument, String message) {
    }

    /** The checkpoints found, in order, and the arguments that named nothing. */
    public record Expansion(List<Checkpoint> checkpoints, List<Problem> problems) {
    }

    private Checkpoints() {
    }

    /** The checkpoints of the arguments, in argument order (a checkpoint directory's in step order). */
    public static Expansion expand(List<String> arguments, Pattern step) {
        List<Checkpoint> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String a : arguments) {
            Path p = Path.of(a);
            if (!Files.exists(p)) {
                if (KnownModel.byName(a) != null) {
                    out.add(new Checkpoint(a, null, a));
                } else {
                    problems.add(new Problem(a, "no such file or directory, and not a known model name "
                            + KnownModel.modelNames()));
                }
                continue;
            }
            if (!Files.isDirectory(p)) {
                Long s = step(p.getFileName().toString(), step);
                if (s == null && p.toAbsolutePath().getParent() != null && p.toAbsolutePath().getParent().getFileName() != null) {
                    s = step(p.toAbsolutePath().getParent().getFileName().toString(), step);
                }
                out.add(new Checkpoint(a, s, p.toAbsolutePath().toString()));
                continue;
            }
            try {
                List<Checkpoint> inside = ShardIndex.find(p) == null ? inside(a, p, step) : List.of();
                if (inside.isEmpty()) {
                    out.add(new Checkpoint(a, step(name(p), step), p.toAbsolutePath().toString()));
                } else {
                    out.addAll(inside);
                }
            } catch (IOException e) {
                problems.add(new Problem(a, "cannot list the directory: " + e.getMessage()));
            }
        }
        return new Expansion(out, problems);
    }

    /** The entries of a directory whose names carry a step, as checkpoints in (step, name) order. */
    private static List<Checkpoint> inside(String argument, Path dir, Pattern step) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(e -> !name(e).startsWith(".")).sorted().toList();
        }
        record Found(Path entry, long step) {
        }
        List<Found> found = new ArrayList<>();
        for (Path e : entries) {
            Long s = step(name(e), step);
            if (s != null && (Files.isRegularFile(e) || Files.isDirectory(e))) {
                found.add(new Found(e, s));
            }
        }
        found.sort(Comparator.comparingLong(Found::step).thenComparing(f -> name(f.entry())));
        List<Checkpoint> out = new ArrayList<>();
        for (Found f : found) {
            String model = Path.of(argument).resolve(name(f.entry())).toString();
            out.add(new Checkpoint(model, f.step(), modelOf(f.entry()).toAbsolutePath().toString()));
        }
        return out;
    }

    /** What to read for a checkpoint entry: a file itself; in a directory its index, model file, or the directory. */
    static Path modelOf(Path entry) throws IOException {
        if (!Files.isDirectory(entry) || ShardIndex.find(entry) != null) {
            return entry;
        }
        for (String f : MODEL_FILES) {
            if (Files.isRegularFile(entry.resolve(f))) {
                return entry.resolve(f);
            }
        }
        return entry;
    }

    /** The step a name carries: group 1 of the pattern (or the whole match) as a long; null if none. */
    public static Long step(String name, Pattern step) {
        Matcher m = step.matcher(name);
        if (!m.find()) {
            return null;
        }
        String digits = m.groupCount() >= 1 ? m.group(1) : m.group();
        if (digits == null) {
            return null;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }
}
