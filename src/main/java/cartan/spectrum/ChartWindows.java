package cartan.spectrum;

import cartan.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The Cartan chart of one spectrum fitted on several rank windows (notebook 00): for each window [lo, hi) of
 * rank fractions ({@link RankRange#fraction}) the OLS line μ̃_k ≈ c − β log k ({@link PowerLawChart#fit}), one
 * row per window with its first and last rank, β, its standard error and the RMS residual. For an exact power
 * law every window gives the same β and residual 0; differing β say the spectrum is not one power law.
 */
public final class ChartWindows {

    private ChartWindows() {
    }

    /** Columns first, last, beta, beta_se, rms_residual; {@code windows} holds pairs {lo, hi}. */
    public static Table of(Spectrum spectrum, double[][] windows) {
        Require.notNull("spectrum", spectrum);
        Require.notNull("windows", windows);
        IntColumn first = IntColumn.create("first");
        IntColumn last = IntColumn.create("last");
        DoubleColumn beta = DoubleColumn.create("beta");
        DoubleColumn se = DoubleColumn.create("beta_se");
        DoubleColumn rms = DoubleColumn.create("rms_residual");
        for (double[] w : windows) {
            if (w == null || w.length != 2) {
                throw new IllegalArgumentException("windows: each window is a pair {lo, hi} of rank fractions");
            }
            ChartFit f = PowerLawChart.fit(spectrum, RankRange.fraction(spectrum.size(), w[0], w[1]));
            first.append(f.window().first());
            last.append(f.window().last());
            beta.append(f.beta());
            se.append(f.standardError());
            rms.append(f.rmsResidual());
        }
        return Table.create("chart on rank windows").addColumns(first, last, beta, se, rms);
    }
}
