package cartan.profile;

import cartan.fit.PowerLawFit;
import cartan.spectrum.ChartFit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.Function;

/** Builds the Tablesaw table of an {@link ExponentProfile} column by column from its {@link LayerSpectrum} rows. */
final class ProfileTable {

    private ProfileTable() {
    }

    /**
     * The columns {@link ExponentProfile#COLUMNS}, {@link ExponentProfile#EXTRA_COLUMNS} (without notes),
     * {@link ExponentProfile#CHART_COLUMNS}, then {@code extra} (a chain's rigidity columns), then notes.
     *
     * @param depths the depth column (a chain's ℓ), or null to parse it from the layer names
     */
    static Table build(String title, List<LayerSpectrum> rows, int[] depths, List<Column<?>> extra) {
        Table t = Table.create(title);
        t.addColumns(
                string("layer", rows, LayerSpectrum::name),
                string("kind", rows, l -> l.kind().name().toLowerCase(Locale.ROOT)),
                ints("rows", rows, LayerSpectrum::rows),
                ints("cols", rows, LayerSpectrum::cols),
                doubles("sigma_max", rows, LayerSpectrum::sigmaMax),
                doubles("frobenius_norm", rows, l -> finite(l.frobeniusNorm())),
                doubles("stable_rank", rows, LayerSpectrum::stableRank),
                doubles("entropy_rank", rows, LayerSpectrum::entropyRank),
                doubles("participation_ratio", rows, LayerSpectrum::participationRatio),
                rank("rank_q90", rows, 0.9),
                doubles("alpha", rows, LayerSpectrum::alpha),
                tail("alpha_xmin", rows, PowerLawFit::xMin),
                tail("alpha_ks", rows, PowerLawFit::ksDistance),
                tail("alpha_se", rows, PowerLawFit::standardError),
                doubles("alpha_p", rows, l -> finite(l.tailPValue())),
                doubles("alpha_weighted", rows, l -> l.tail() == null ? Double.NaN : l.alphaWeighted()),
                doubles("log_norm", rows, LayerSpectrum::logNorm),
                doubles("log_spectral_norm", rows, LayerSpectrum::logSpectralNorm),
                chart("beta_chart", rows, ChartFit::beta),
                doubles("top_radial", rows, LayerSpectrum::topRadial),
                chart("chart_residual", rows, ChartFit::rmsResidual),
                ints("index", rows, LayerSpectrum::index));
        IntColumn depth = IntColumn.create("depth");
        for (int i = 0; i < rows.size(); i++) {
            int d = depths != null ? depths[i] : rows.get(i).layerName().depth();
            if (d < 0) {
                depth.appendMissing();
            } else {
                depth.append(d);
            }
        }
        t.addColumns(depth, string("role", rows, l -> l.layerName().role()));
        IntColumn nTail = IntColumn.create("alpha_n_tail");
        for (LayerSpectrum l : rows) {
            if (l.tail() == null) {
                nTail.appendMissing();
            } else {
                nTail.append(l.tail().tailSize());
            }
        }
        t.addColumns(nTail, doubles("beta_top_radial", rows, l -> finite(l.betaTopRadial())),
                chart("beta_chart_se", rows, ChartFit::standardError),
                chart("r_squared", rows, ChartFit::rSquared),
                chart("signed_residual", rows, ChartFit::signedResidual),
                chart("hellinger_residual", rows, ChartFit::hellingerResidual),
                rank("rank_q99", rows, 0.99));
        for (Column<?> c : extra) {
            t.addColumns(c);
        }
        t.addColumns(string("notes", rows, LayerSpectrum::notes));
        return t;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static StringColumn string(String name, List<LayerSpectrum> rows, Function<LayerSpectrum, String> f) {
        List<String> v = new ArrayList<>(rows.size());
        for (LayerSpectrum l : rows) {
            v.add(f.apply(l));
        }
        return StringColumn.create(name, v);
    }

    private static IntColumn ints(String name, List<LayerSpectrum> rows, ToIntFunction<LayerSpectrum> f) {
        return IntColumn.create(name, rows.stream().mapToInt(f).toArray());
    }

    /** NaN is Tablesaw's missing double. */
    private static DoubleColumn doubles(String name, List<LayerSpectrum> rows, ToDoubleFunction<LayerSpectrum> f) {
        return DoubleColumn.create(name, rows.stream().mapToDouble(f).toArray());
    }

    private static DoubleColumn tail(String name, List<LayerSpectrum> rows, ToDoubleFunction<PowerLawFit> f) {
        return doubles(name, rows, l -> l.tail() == null ? Double.NaN : f.applyAsDouble(l.tail()));
    }

    private static DoubleColumn chart(String name, List<LayerSpectrum> rows, ToDoubleFunction<ChartFit> f) {
        return doubles(name, rows, l -> l.chart() == null ? Double.NaN : f.applyAsDouble(l.chart()));
    }

    private static IntColumn rank(String name, List<LayerSpectrum> rows, double tau) {
        IntColumn c = IntColumn.create(name);
        for (LayerSpectrum l : rows) {
            if (l.spectrum() == null) {
                c.appendMissing();
            } else {
                c.append(l.quantileRank(tau));
            }
        }
        return c;
    }
}
