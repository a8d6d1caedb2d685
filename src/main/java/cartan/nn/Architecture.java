package cartan.nn;

import java.util.Map;
import java.util.TreeMap;

/**
 * A network together with the role of each of its weight layers (see {@link Architectures}).
 *
 * @param id      a short identifier such as {@code cnn-mnist}
 * @param network the network
 * @param roles   the role of every weight layer, by layer index
 */
public record Architecture(String id, Network network, Map<Integer, LayerRole> roles) {

    public Architecture {
        cartan.Require.notNull("id", id);
        cartan.Require.notNull("network", network);
        roles = Map.copyOf(roles);
        for (int i : network.weightLayers()) {
            if (!roles.containsKey(i)) {
                throw new IllegalArgumentException("roles: weight layer " + i + " (" + network.name(i) + ") has no role");
            }
        }
    }

    /** The same architecture with other parameters (same layers, names and roles). */
    public Architecture with(Network trained) {
        if (trained.layers().size() != network.layers().size()) {
            throw new IllegalArgumentException("trained: has " + trained.layers().size() + " layers, this architecture "
                    + network.layers().size());
        }
        return new Architecture(id, trained, roles);
    }

    /** Role of weight layer i. */
    public LayerRole role(int i) {
        LayerRole r = roles.get(i);
        if (r == null) {
            throw new IllegalArgumentException("i: layer " + i + " is not a weight layer");
        }
        return r;
    }

    /** Roles sorted by layer index. */
    public Map<Integer, LayerRole> sortedRoles() {
        return new TreeMap<>(roles);
    }
}
