package cartan.io;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Layer kind from a tensor's name and rank, for formats that store no graph (safetensors, npy/npz):
 * rank ≥ 2 and a name mentioning an embedding ({@code embed}, GGUF's {@code token_embd}, {@code wte},
 * {@code wpe}) →
 * EMBEDDING; rank 2 → DENSE; rank 3–5 → CONV; rank 0–1 or higher → OTHER.
 */
final class NameKinds {

    private static final Pattern EMBEDDING = Pattern.compile("embed|embd|(^|[._/])(wte|wpe)([._/]|$)");

    private NameKinds() {
    }

    static LayerKind kind(String name, int rank) {
        if (rank >= 2 && EMBEDDING.matcher(name.toLowerCase(Locale.ROOT)).find()) {
            return LayerKind.EMBEDDING;
        }
        if (rank == 2) {
            return LayerKind.DENSE;
        }
        if (rank >= 3 && rank <= 5) {
            return LayerKind.CONV;
        }
        return LayerKind.OTHER;
    }
}
