package cartan.experiment;

import cartan.Require;
import cartan.io.NamedMatrix;
import cartan.io.NpyReader;
import cartan.nn.Architecture;
import cartan.nn.Network;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads back what {@code bin/cartan experiment paper3} wrote ({@link Paper3Writer}): the CSV tables as
 * Tablesaw tables, the trained checkpoints as networks, and a model of the zoo by id.
 *
 * @param dir the results directory, e.g. {@code data/experiments/paper3}
 */
public record Paper3Results(Path dir) {

    public Paper3Results {
        Require.notNull("dir", dir);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("dir: " + dir + " is not a directory; run bin/cartan experiment paper3");
        }
    }

    /** One of the CSV tables, e.g. {@code zoo-layers}. */
    public Table table(String name) throws IOException {
        Path p = dir.resolve(name + ".csv");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("name: no table " + p);
        }
        return Table.read().csv(p.toFile());
    }

    /** One column of {@code zoo-spectra} (sigma, h, h_kron, phi, lambda) for a layer, in rank order. */
    public static double[] spectrum(Table spectra, String model, String layer, String column) {
        Table t = spectra.where(spectra.stringColumn("model").isEqualTo(model).and(spectra.stringColumn("layer").isEqualTo(layer)));
        if (t.rowCount() == 0) {
            throw new IllegalArgumentException("layer: no spectrum for " + model + " / " + layer);
        }
        return t.sortAscendingOn("k").numberColumn(column).asDoubleArray();
    }

    /** The zoo model with this id (from the full list). */
    public static ZooModel model(String id) {
        Optional<ZooModel> m = ZooModel.full().stream().filter(z -> z.id().equals(id)).findFirst();
        return m.orElseThrow(() -> new IllegalArgumentException("id: no zoo model '" + id + "'"));
    }

    /** The trained network of a checkpointed model ({@link Paper3Writer#CHECKPOINTS}), with its architecture. */
    public Architecture checkpoint(String id, long seed) throws IOException {
        Path p = dir.resolve("checkpoint-" + id + ".npy");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("id: no checkpoint " + p);
        }
        List<NamedMatrix> m = NpyReader.read(p);
        Architecture arch = model(id).architecture().apply(seed);
        double[] theta = m.get(0).matrix().data;
        Network net = arch.network();
        if (theta.length != net.parameterCount()) {
            throw new IllegalArgumentException("id: checkpoint has " + theta.length + " parameters, the model " + net.parameterCount());
        }
        return arch.with(net.withFlatParameters(java.util.Arrays.copyOf(theta, net.parameterCount())));
    }
}
