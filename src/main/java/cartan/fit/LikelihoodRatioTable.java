package cartan.fit;

import cartan.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * Vuong likelihood-ratio tests of a power-law fit against its alternatives as a table (notebook 21,
 * {@link LikelihoodRatioTest#all}): one row per alternative with R (log-likelihood ratio, > 0 favours the
 * power law), optionally the normalised ratio R/(√n s), the p-value and the verdict at the level 0.1
 * ({@link LikelihoodRatio#favoured}).
 */
public final class LikelihoodRatioTable {

    private LikelihoodRatioTable() {
    }

    /** Columns alternative, R, [R/(sqrt(n) s)], p, favoured at 0.1. */
    public static Table of(String title, List<LikelihoodRatio> ratios, boolean normalized) {
        Require.notNull("title", title);
        Require.notNull("ratios", ratios);
        Table t = Table.create(title).addColumns(
                StringColumn.create("alternative", ratios.stream().map(l -> l.alternative().name()).toArray(String[]::new)),
                DoubleColumn.create("R", ratios.stream().mapToDouble(LikelihoodRatio::ratio).toArray()));
        if (normalized) {
            t.addColumns(DoubleColumn.create("R/(sqrt(n) s)", ratios.stream().mapToDouble(LikelihoodRatio::normalizedRatio).toArray()));
        }
        return t.addColumns(DoubleColumn.create("p", ratios.stream().mapToDouble(LikelihoodRatio::pValue).toArray()),
                StringColumn.create("favoured at 0.1", ratios.stream().map(l -> l.favoured(0.1)).toArray(String[]::new)));
    }
}
