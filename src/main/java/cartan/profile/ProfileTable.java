package cartan.profile;

import cartan.fit.PowerLawFit;
import cartan.spectrum.ChartFit;
import cartan.spectrum.MarchenkoPasturFit;
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

/**
 * Builds the columns of an {@link ExponentProfile} one by one from its {@link LayerSpectrum} rows. The columns
 * are Tablesaw columns, but no {@link Table} is made until one is asked for ({@link #table}): Tablesaw's
 * {@code Table} class scans the class path when it is first loaded (about 0.5 s), which a caller that only
 * reads columns (the CLI's summary) does not need.
 */
final class ProfileTable {

    private ProfileTable() {
    }

    /**
     * The columns {@link ExponentProfile#COLUMNS}, {@link ExponentProfile#EXTRA_COLUMNS} (without notes; a chain
     * profile has no {@link ExponentProfile#DIAGNOSTIC_COLUMNS}), {@link ExponentProfile#CHART_COLUMNS}, then
     * {@code extra} (a chain's rigidity columns), then notes.
     *
     * @param depths the depth column (a chain's ℓ), or null to parse it from the layer names
     */
    static List<Column<?>> build(List<LayerSpectrum> rows, int[] depths, List<Column<?>> extra) {
        Columns t = new Columns();
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
        t.addColumns(nTail, doubles("beta_top_radial", rows, l -> finite(l.betaTopRadial())));
        if (depths == null) {
            addDiagnostics(t, rows);
        }
        t.addColumns(chart("beta_chart_se", rows, ChartFit::standardError),
                chart("r_squared", rows, ChartFit::rSquared),
                chart("signed_residual", rows, ChartFit::signedResidual),
                chart("hellinger_residual", rows, ChartFit::hellingerResidual),
                rank("rank_q99", rows, 0.99));
        for (Column<?> c : extra) {
            t.addColumns(c);
        }
        t.addColumns(string("notes", rows, LayerSpectrum::notes));
        return List.copyOf(t.list);
    }

    /** A table of these columns. */
    static Table table(String title, List<Column<?>> columns) {
        return Table.create(title, columns.toArray(new Column<?>[0]));
    }

    /** The columns in the order they were added. */
    private static final class Columns {
        private final List<Column<?>> list = new ArrayList<>();

        void addColumns(Column<?>... cs) {
            list.addAll(List.of(cs));
        }
    }

    /**
     * The columns of a layer profile beyond the spectrum and chart ({@link ExponentProfile#DIAGNOSTIC_COLUMNS}):
     * WeightWatcher's log_alpha_norm, the MP bulk, the randomized control, the tail's alternatives, the finger
     * clipping and the fine-tune delta.
     */
    private static void addDiagnostics(Columns t, List<LayerSpectrum> rows) {
        t.addColumns(ints("slices", rows, LayerSpectrum::slices),
                doubles("log_alpha_norm", rows, LayerSpectrum::logAlphaNorm),
                bulk("sigma_mp", rows, MarchenkoPasturFit::sigma),
                bulk("bulk_min", rows, MarchenkoPasturFit::bulkMin),
                bulk("bulk_max", rows, MarchenkoPasturFit::bulkMax),
                optionalInts("num_spikes", rows, LayerSpectrum::numSpikes),
                bulk("mp_softrank", rows, MarchenkoPasturFit::softRank),
                random("max_rand_eval", rows, RandomizedSpectrum::maxEigenvalue),
                random("rand_bulk_max", rows, RandomizedSpectrum::bulkMax),
                optionalInts("num_traps", rows, LayerSpectrum::numTraps),
                random("rand_distance", rows, RandomizedSpectrum::distance),
                random("ww_softrank", rows, RandomizedSpectrum::softRank),
                tails("tpl_alpha", rows, TailComparison::truncatedAlpha),
                tails("tpl_lambda", rows, TailComparison::truncatedLambda),
                tails("lr_lognormal", rows, c -> c.lognormal().ratio()),
                tails("lr_lognormal_p", rows, c -> c.lognormal().pValue()),
                tails("lr_exponential", rows, c -> c.exponential().ratio()),
                tails("lr_exponential_p", rows, c -> c.exponential().pValue()),
                tails("lr_tpl", rows, c -> c.truncated().ratio()),
                tails("lr_tpl_p", rows, c -> c.truncated().pValue()),
                string("tail_verdict", rows, l -> l.tailComparison() == null ? "" : l.tailComparison().verdict()),
                doubles("raw_alpha", rows, l -> l.fingers() == null ? Double.NaN : l.fingers().raw().alpha()),
                optionalInts("num_fingers", rows, l -> l.fingers() == null ? -1 : l.fingers().fingers()),
                doubles("base_frobenius_norm", rows, l -> finite(l.baseNorm())),
                doubles("delta_relative_norm", rows, l -> finite(l.deltaRelativeNorm())));
    }

    private static DoubleColumn bulk(String name, List<LayerSpectrum> rows, ToDoubleFunction<MarchenkoPasturFit> f) {
        return doubles(name, rows, l -> l.bulk() == null ? Double.NaN : finite(f.applyAsDouble(l.bulk())));
    }

    private static DoubleColumn random(String name, List<LayerSpectrum> rows, ToDoubleFunction<RandomizedSpectrum> f) {
        return doubles(name, rows, l -> l.randomized() == null ? Double.NaN : finite(f.applyAsDouble(l.randomized())));
    }

    private static DoubleColumn tails(String name, List<LayerSpectrum> rows, ToDoubleFunction<TailComparison> f) {
        return doubles(name, rows, l -> l.tailComparison() == null ? Double.NaN
                : finite(f.applyAsDouble(l.tailComparison())));
    }

    /** An int column where a negative value means missing. */
    private static IntColumn optionalInts(String name, List<LayerSpectrum> rows, ToIntFunction<LayerSpectrum> f) {
        IntColumn c = IntColumn.create(name);
        for (LayerSpectrum l : rows) {
            int v = f.applyAsInt(l);
            if (v < 0) {
                c.appendMissing();
            } else {
                c.append(v);
            }
        }
        return c;
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
