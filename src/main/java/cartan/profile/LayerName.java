package cartan.profile;

import cartan.Require;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Depth and role of a layer, read from its name: the block number after {@code layer}, {@code layers},
 * {@code block}, {@code blocks} or {@code h} (e.g. {@code /encoder/layer.3/attention/self/query/MatMul}
 * → depth 3, role {@code attention/self/query}; {@code model.layers.11.mlp.up_proj.weight} → depth 11,
 * role {@code mlp.up_proj}). The role drops the block prefix and a trailing operator or parameter
 * suffix ({@code /MatMul}, {@code /Gemm}, {@code /Conv}, {@code /Gather}, {@code .weight}, {@code /kernel}).
 * A name without a block number has depth −1 and keeps its whole (suffix-stripped) name as role.
 *
 * @param depth block index, or −1 when the name has none
 * @param role  the layer's role within its block
 */
public record LayerName(int depth, String role) {

    private static final Pattern BLOCK = Pattern.compile("(?i)(?:^|[./_\\-])(?:layers?|blocks?|h)[._\\-/]?(\\d+)(?=$|[./_\\-])");
    private static final Pattern SUFFIX = Pattern.compile("(?i)([./](?:MatMul|Gemm|Conv|ConvTranspose|Gather|weight|kernel|bias))+$");

    /** Parses a layer name. */
    public static LayerName parse(String name) {
        Require.notNull("name", name);
        Matcher m = BLOCK.matcher(name);
        if (m.find()) {
            int depth;
            try {
                depth = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                depth = -1;
            }
            String rest = strip(name.substring(m.end()));
            String role = rest.replaceAll("^[./_\\-]+", "");
            if (role.isEmpty()) {
                role = strip(name.substring(0, m.start())).replaceAll("^[./_\\-]+", "");
            }
            return new LayerName(depth, role.isEmpty() ? "block" : role);
        }
        String role = strip(name).replaceAll("^[./_\\-]+", "");
        return new LayerName(-1, role.isEmpty() ? name : role);
    }

    private static String strip(String s) {
        return SUFFIX.matcher(s).replaceAll("");
    }
}
