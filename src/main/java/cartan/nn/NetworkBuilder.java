package cartan.nn;

import cartan.Require;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Network} node by node: {@link #add} appends a layer fed by the previous one,
 * {@link #mark} names the current output as the source of a residual connection, and
 * {@link #addResidual} appends a layer whose output adds that source.
 */
public final class NetworkBuilder {
    private final List<Layer> layers = new ArrayList<>();
    private final List<Params> params = new ArrayList<>();
    private final List<Integer> skips = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    NetworkBuilder() {
    }

    /** Appends a weight layer (or a parameterless one with {@code p == null}). */
    public NetworkBuilder add(String name, Layer layer, Params p) {
        return append(name, layer, p, Network.NO_SKIP);
    }

    /** Appends a parameterless layer named after itself. */
    public NetworkBuilder add(Layer layer) {
        return append(layers.size() + ":" + Require.notNull("layer", layer).name(), layer, null, Network.NO_SKIP);
    }

    /** The index of the current output ({@link Network#INPUT} before any layer): a residual source. */
    public int mark() {
        return layers.size() - 1;
    }

    /** Appends a layer whose output is f(previous) + the output of node {@code from}. */
    public NetworkBuilder addResidual(String name, Layer layer, Params p, int from) {
        return append(name, layer, p, from);
    }

    private NetworkBuilder append(String name, Layer layer, Params p, int skip) {
        Require.notNull("name", name);
        Require.notNull("layer", layer);
        if (names.contains(name)) {
            throw new IllegalArgumentException("name: '" + name + "' is already used");
        }
        layers.add(layer);
        params.add(p);
        skips.add(skip);
        names.add(name);
        return this;
    }

    public Network build(Loss loss) {
        return Network.of(layers, params, skips.stream().mapToInt(Integer::intValue).toArray(), names, loss);
    }
}
