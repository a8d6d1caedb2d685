package cartan.cli;

import cartan.io.Checkpoints;
import cartan.profile.ProfileOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a sweep measures, shared by both engines as a picocli mixin ({@code @Mixin}): the models or checkpoint
 * directories, the layer filters, the step pattern, and how each layer's α is fitted. The local engine
 * ({@link SweepCommand}) and the Spark engine ({@code cartan.spark.SweepCommand}, in {@code spark/}) must read
 * the same options the same way, since their tables are compared bit for bit.
 */
public final class SweepSelection {

    @Parameters(arity = "1..*", paramLabel = "MODEL_OR_CHECKPOINT", description = "models, checkpoints or directories of checkpoints")
    public List<String> models = new ArrayList<>();

    @Option(names = "--layers", paramLabel = "REGEX", description = "profile only layers whose name contains a match")
    public String layers;

    @Option(names = "--min-size", paramLabel = "N", description = "skip matrices with min(rows, cols) < N (default: ${DEFAULT-VALUE})")
    public int minSize = 10;

    @Option(names = "--step-regex", paramLabel = "REGEX",
            description = "where the step is in a checkpoint's name: group 1, or the whole match (default: "
                    + "(?i)(?:step|checkpoint|ckpt|iteration|iter|epoch)[-_=]?(\\d+))")
    public String stepRegex;

    @Option(names = "--fit", paramLabel = "ww|csn", description = "x_min rule for alpha: ww (default) or csn")
    public ProfileOptions.FitRule fit = ProfileOptions.FitRule.WW;

    @Option(names = "--min-tail", paramLabel = "N", description = "smallest tail the csn rule accepts (default: ${DEFAULT-VALUE})")
    public int minTail = 10;

    @Option(names = "--bootstrap", paramLabel = "N", description = "goodness-of-fit replicates per layer (default 0 = off)")
    public int bootstrap;

    @Option(names = "--seed", paramLabel = "S", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    public long seed = 42;

    /**
     * Checks the numeric options and both regular expressions.
     *
     * @return the step pattern ({@link Checkpoints#DEFAULT_STEP} unless {@code --step-regex} was given)
     * @throws IllegalArgumentException whose message starts with the offending option
     */
    public Pattern validate() {
        if (minSize < 1) {
            throw new IllegalArgumentException("--min-size must be at least 1, got " + minSize);
        }
        if (minTail < 2) {
            throw new IllegalArgumentException("--min-tail must be at least 2, got " + minTail);
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("--bootstrap must be 0 or more, got " + bootstrap);
        }
        compile("--layers", layers);
        return stepRegex == null ? Checkpoints.DEFAULT_STEP : compile("--step-regex", stepRegex);
    }

    private static Pattern compile(String option, String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(option + ": invalid regular expression '" + regex + "': " + e.getDescription());
        }
    }
}
