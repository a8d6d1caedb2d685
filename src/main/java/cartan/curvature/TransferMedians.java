package cartan.curvature;

import cartan.Require;
import cartan.curvature.PublishedLayers.Layer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * The spectral-transfer error e = |αγ − s|/s of published layers summarised per group (data set), as the
 * paper (arXiv 2606.02596, §3) reports it, beside its rival and its linearity bound.
 *
 * <p>One row per group: {@code data set}, {@code n}, {@code median, all} (median e), {@code n ≤ 10%} and
 * {@code median, ≤ 10%} (the paper's "well-conditioned" layers, e ≤ 0.10), {@code rival α = 2, all} and
 * {@code rival α = 2, ≤ 10%}: the median of |2γ − s|/s, the error a constant α = 2 (Theorem 2's Gauss–Newton
 * baseline) would give on the same layers, {@code median A}: the median linearity bound
 * A = √((1 − R²_α)(1 − R²_γ)/(R²_γ R²_s)) of {@link TransferError#linearityBound}, and
 * {@code median error / A}: the median of e/A. Medians of an even count are the mean of the middle two.
 */
public final class TransferMedians {

    /** The "well-conditioned" threshold of the paper's appendix: e ≤ 10%. */
    public static final double WELL_CONDITIONED = 0.10;

    private TransferMedians() {
    }

    /**
     * The table of the class comment, one row per (name, group).
     *
     * @throws IllegalArgumentException if names and groups differ in number, or a group is empty
     */
    public static Table table(String title, List<String> names, List<PublishedLayers> groups) {
        Require.notNull("title", title);
        Require.notNull("names", names);
        Require.notNull("groups", groups);
        if (names.size() != groups.size()) {
            throw new IllegalArgumentException("groups: need one per name (" + names.size() + "), got " + groups.size());
        }
        StringColumn name = StringColumn.create("data set");
        IntColumn n = IntColumn.create("n");
        IntColumn nGood = IntColumn.create("n ≤ 10%");
        DoubleColumn mAll = DoubleColumn.create("median, all");
        DoubleColumn mGood = DoubleColumn.create("median, ≤ 10%");
        DoubleColumn rAll = DoubleColumn.create("rival α = 2, all");
        DoubleColumn rGood = DoubleColumn.create("rival α = 2, ≤ 10%");
        DoubleColumn medA = DoubleColumn.create("median A");
        DoubleColumn perA = DoubleColumn.create("median error / A");
        for (int i = 0; i < names.size(); i++) {
            PublishedLayers all = groups.get(i);
            if (all == null || all.size() == 0) {
                throw new IllegalArgumentException("groups: group '" + names.get(i) + "' has no layers");
            }
            PublishedLayers good = all.where(l -> l.relativeError() <= WELL_CONDITIONED);
            name.append(names.get(i));
            n.append(all.size());
            nGood.append(good.size());
            mAll.append(all.median(Layer::relativeError));
            mGood.append(good.size() == 0 ? Double.NaN : good.median(Layer::relativeError));
            rAll.append(all.median(TransferMedians::rivalError));
            rGood.append(good.size() == 0 ? Double.NaN : good.median(TransferMedians::rivalError));
            medA.append(all.median(TransferMedians::bound));
            perA.append(all.median(l -> l.relativeError() / bound(l)));
        }
        return Table.create(title).addColumns(name, n, mAll, nGood, mGood, rAll, rGood, medA, perA);
    }

    /** |2γ − s|/s: the transfer error if α were 2 on the layer. */
    public static double rivalError(Layer l) {
        Require.notNull("l", l);
        return Math.abs(2 * l.gamma() - l.s()) / l.s();
    }

    private static double bound(Layer l) {
        return TransferError.linearityBound(l.r2Alpha(), l.r2Gamma(), l.r2S());
    }
}
