package cartan.curvature;

import cartan.Require;
import cartan.curvature.PublishedLayers.Layer;
import cartan.fit.RankProfileBic;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * The rank-profile BIC comparison of arXiv 2606.02596 (App. "Gradient rank profile") on published layers with
 * raw σ_k: per layer the BIC = n log(RSS/n) + p log n of the power law c − γ log k, the exponential c − βk and
 * the log-normal c + b log k + a log²k fits of log σ_k ({@link RankProfileBic}), the winner, and the rate at which
 * the log-normal wins when the layer's power-law residuals are permuted
 * ({@link RankProfileBic#logNormalRateUnderPowerLaw}, seed {@code seed + i} for the i-th layer).
 *
 * <p>Columns: {@code layer, type, BIC power law, BIC exponential, BIC log-normal, winner,
 * log-normal rate if power law}.
 */
public final class RankProfileTable {

    private RankProfileTable() {
    }

    /**
     * The table of the class comment, one row per layer in order.
     *
     * @throws IllegalArgumentException if a layer has no raw σ_k, or draws &lt; 1
     */
    public static Table of(String title, PublishedLayers layers, int draws, long seed) {
        Require.notNull("title", title);
        Require.notNull("layers", layers);
        Require.atLeast("draws", draws, 1);
        StringColumn name = StringColumn.create("layer");
        StringColumn type = StringColumn.create("type");
        DoubleColumn pl = DoubleColumn.create("BIC power law");
        DoubleColumn ex = DoubleColumn.create("BIC exponential");
        DoubleColumn ln = DoubleColumn.create("BIC log-normal");
        StringColumn win = StringColumn.create("winner");
        DoubleColumn rate = DoubleColumn.create("log-normal rate if power law");
        List<Layer> all = layers.layers();
        for (int i = 0; i < all.size(); i++) {
            Layer l = all.get(i);
            if (!l.hasRaw()) {
                throw new IllegalArgumentException("layers: " + l.name() + " of " + l.source() + " has no raw sigma_k");
            }
            RankProfileBic b = RankProfileBic.of(l.sigma());
            name.append(l.name());
            type.append(l.type());
            pl.append(b.bicPowerLaw());
            ex.append(b.bicExponential());
            ln.append(b.bicLogNormal());
            win.append(b.winner());
            rate.append(RankProfileBic.logNormalRateUnderPowerLaw(l.sigma(), draws, seed + i));
        }
        return Table.create(title).addColumns(name, type, pl, ex, ln, win, rate);
    }
}
