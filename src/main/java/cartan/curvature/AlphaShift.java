package cartan.curvature;

import cartan.Require;
import cartan.curvature.PublishedLayers.Layer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * The change of the curvature exponent α of one layer between two runs of a controlled ablation (arXiv
 * 2606.02596, App. "controlled ablations": output dimension, task), each α refitted from the raw σ_k, h_k:
 * Δα = α_to − α_from with the standard error SE(Δα) = √(SE_from² + SE_to²) of two independent OLS slopes.
 * OLS standard errors treat the directions as independent, so SE is a lower bound on the real uncertainty.
 *
 * @param layer     the layer's name
 * @param from      the experiment of the first run
 * @param to        the experiment of the second run
 * @param alphaFrom α of the first run
 * @param alphaTo   α of the second run
 * @param se        SE(Δα)
 */
public record AlphaShift(String layer, String from, String to, double alphaFrom, double alphaTo, double se) {

    /** Δα = α_to − α_from. */
    public double delta() {
        return alphaTo - alphaFrom;
    }

    /**
     * The shift of layer {@code name} from experiment {@code from} to {@code to} in {@code layers}, both refitted on
     * the first {@code window} directions.
     *
     * @throws IllegalArgumentException if either run does not have exactly one such layer with raw arrays
     */
    public static AlphaShift of(PublishedLayers layers, String name, String from, String to, int window) {
        Require.notNull("layers", layers);
        CurvatureExponents x = one(layers, name, from).refit(window);
        CurvatureExponents y = one(layers, name, to).refit(window);
        return new AlphaShift(name, from, to, x.alpha(), y.alpha(),
                Math.hypot(x.alphaFit().slopeStdError(), y.alphaFit().slopeStdError()));
    }

    /** The shifts as a table: layer, from, to, α from, α to, Δα, SE(Δα). */
    public static Table table(String title, List<AlphaShift> shifts) {
        Require.notNull("title", title);
        Require.notNull("shifts", shifts);
        StringColumn layer = StringColumn.create("layer");
        StringColumn from = StringColumn.create("from");
        StringColumn to = StringColumn.create("to");
        DoubleColumn a = DoubleColumn.create("α from");
        DoubleColumn b = DoubleColumn.create("α to");
        DoubleColumn d = DoubleColumn.create("Δα");
        DoubleColumn se = DoubleColumn.create("SE(Δα)");
        for (AlphaShift s : shifts) {
            layer.append(s.layer());
            from.append(s.from());
            to.append(s.to());
            a.append(s.alphaFrom());
            b.append(s.alphaTo());
            d.append(s.delta());
            se.append(s.se());
        }
        return Table.create(title).addColumns(layer, from, to, a, b, d, se);
    }

    private static Layer one(PublishedLayers layers, String name, String experiment) {
        List<Layer> found = layers.where(l -> l.experiment().equals(experiment) && l.name().equals(name)).layers();
        if (found.size() != 1) {
            throw new IllegalArgumentException("layers: expected one layer " + name + " in " + experiment + ", found "
                    + found.size());
        }
        return found.get(0);
    }
}
