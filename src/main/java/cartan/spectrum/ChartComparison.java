package cartan.spectrum;

import cartan.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * Scalar and full-Cartan readings of several spectra side by side (notebook 05, E1.8): per spectrum its
 * top-radial coordinate r = ½ log(d p_1), the scalar exponent r^{−1}(r) ({@link TopRadialChart#fit}), the
 * full-Cartan exponent β̂ of the OLS chart over all ranks ({@link PowerLawChart#fit}), and the chart's RMS and
 * Hellinger residuals.
 */
public final class ChartComparison {

    private ChartComparison() {
    }

    /** Columns spectrum, top_radial, beta_top_radial, beta_chart, chart_residual, hellinger_residual. */
    public static Table table(String title, List<String> names, List<Spectrum> spectra) {
        Require.notNull("title", title);
        Require.notNull("names", names);
        Require.notNull("spectra", spectra);
        if (names.size() != spectra.size()) {
            throw new IllegalArgumentException("names: need one name per spectrum, got " + names.size() + " for "
                    + spectra.size());
        }
        List<ChartFit> fits = spectra.stream().map(PowerLawChart::fit).toList();
        return Table.create(title).addColumns(StringColumn.create("spectrum", names),
                DoubleColumn.create("top_radial", spectra.stream().mapToDouble(Spectrum::topRadial).toArray()),
                DoubleColumn.create("beta_top_radial", spectra.stream().mapToDouble(TopRadialChart::fit).toArray()),
                DoubleColumn.create("beta_chart", fits.stream().mapToDouble(ChartFit::beta).toArray()),
                DoubleColumn.create("chart_residual", fits.stream().mapToDouble(ChartFit::rmsResidual).toArray()),
                DoubleColumn.create("hellinger_residual", fits.stream().mapToDouble(ChartFit::hellingerResidual).toArray()));
    }
}
