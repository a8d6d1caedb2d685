package cartan.profile;

import cartan.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One model in a few numbers: the averages WeightWatcher's {@code get_summary()} returns, then Cartan's own.
 *
 * <p>WeightWatcher ({@code get_summary}, the mean over layers of each column, layers without a value left
 * out): {@code log_norm}, {@code alpha}, {@code alpha_weighted}, {@code log_alpha_norm},
 * {@code log_spectral_norm}, {@code stable_rank}, {@code mp_softrank}.
 *
 * <p>Cartan: {@code layers} (rows), {@code alpha_median}, {@code alpha_in_2_6} (the share of fitted layers with
 * 2 ≤ α ≤ 6, WeightWatcher's "well-trained" band, a heuristic), {@code alpha_se} (mean), {@code beta_chart}
 * and {@code chart_residual} (means), {@code num_spikes} (mean), {@code power_law_verdicts} (the share of
 * compared layers whose {@code tail_verdict} is "power law"); with a bootstrap {@code alpha_p_rejected} (the
 * share with p ≤ 0.1, CSN's threshold); with the randomized control {@code layers_with_traps},
 * {@code num_traps} (total), {@code rand_distance} and {@code ww_softrank} (means); for a fine-tune delta
 * {@code delta_relative_norm} (mean) and {@code unmatched_layers}.
 *
 * @param metrics the metrics in order
 */
public record ModelSummary(List<Metric> metrics) {

    /** WeightWatcher's {@code get_summary} columns, in its order. */
    public static final List<String> WEIGHTWATCHER = List.of("log_norm", "alpha", "alpha_weighted", "log_alpha_norm",
            "log_spectral_norm", "stable_rank", "mp_softrank");

    /**
     * One number.
     *
     * @param name   the metric
     * @param value  its value (NaN if no layer has one)
     * @param origin "WeightWatcher" or "Cartan"
     */
    public record Metric(String name, double value, String origin) {
    }

    public ModelSummary {
        metrics = List.copyOf(Require.notNull("metrics", metrics));
    }

    /** The summary of a layer profile. */
    public static ModelSummary of(ExponentProfile profile) {
        Require.notNull("profile", profile);
        if (profile.isChain()) {
            throw new IllegalArgumentException("profile: is a chain profile; the summary is of a model's layers");
        }
        List<Metric> out = new ArrayList<>();
        for (String c : WEIGHTWATCHER) {
            out.add(new Metric(c, mean(profile.column(c)), "WeightWatcher"));
        }
        double[] alpha = profile.column("alpha");
        out.add(cartan("layers", profile.size()));
        out.add(cartan("alpha_median", median(alpha)));
        out.add(cartan("alpha_in_2_6", share(alpha, v -> v >= 2 && v <= 6)));
        out.add(cartan("alpha_se", mean(profile.column("alpha_se"))));
        out.add(cartan("beta_chart", mean(profile.column("beta_chart"))));
        out.add(cartan("chart_residual", mean(profile.column("chart_residual"))));
        out.add(cartan("num_spikes", mean(profile.column("num_spikes"))));
        long compared = profile.layers().stream().filter(l -> l.tailComparison() != null).count();
        long plVerdicts = profile.layers().stream().filter(l -> l.tailComparison() != null
                && l.tailComparison().verdict().equals("power law")).count();
        out.add(cartan("power_law_verdicts", compared == 0 ? Double.NaN : (double) plVerdicts / compared));
        if (profile.options().bootstrap() > 0) {
            out.add(cartan("alpha_p_rejected", share(profile.column("alpha_p"), v -> v <= 0.1)));
        }
        if (profile.options().randomize()) {
            double[] traps = profile.column("num_traps");
            out.add(cartan("layers_with_traps", Arrays.stream(traps).filter(v -> v > 0).count()));
            out.add(cartan("num_traps", Arrays.stream(traps).filter(Double::isFinite).sum()));
            out.add(cartan("rand_distance", mean(profile.column("rand_distance"))));
            out.add(cartan("ww_softrank", mean(profile.column("ww_softrank"))));
        }
        profile.delta().ifPresent(d -> {
            out.add(cartan("delta_relative_norm", mean(profile.column("delta_relative_norm"))));
            out.add(cartan("unmatched_layers", d.onlyInModel().size() + d.onlyInBase().size()
                    + d.shapeMismatch().size()));
        });
        return new ModelSummary(out);
    }

    private static Metric cartan(String name, double v) {
        return new Metric(name, v, "Cartan");
    }

    /** The value of a metric. */
    public double value(String name) {
        for (Metric m : metrics) {
            if (m.name().equals(name)) {
                return m.value();
            }
        }
        throw new IllegalArgumentException("name: no metric \"" + name + "\"; metrics are " + asMap().keySet());
    }

    /** The metrics as an ordered map (NaN kept). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Metric x : metrics) {
            m.put(x.name(), x.value());
        }
        return m;
    }

    /** The metrics as a JSON-ready map (NaN as null). */
    public Map<String, Object> jsonTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Metric x : metrics) {
            m.put(x.name(), Double.isFinite(x.value()) ? x.value() : null);
        }
        return m;
    }

    /** A three-column table: metric, value, origin. */
    public Table table() {
        return Table.create("summary").addColumns(
                StringColumn.create("metric", metrics.stream().map(Metric::name).toList()),
                DoubleColumn.create("value", metrics.stream().mapToDouble(Metric::value).toArray()),
                StringColumn.create("origin", metrics.stream().map(Metric::origin).toList()));
    }

    /** Aligned text lines, WeightWatcher's first. */
    public String text() {
        StringBuilder b = new StringBuilder();
        String origin = "";
        for (Metric m : metrics) {
            if (!m.origin().equals(origin)) {
                origin = m.origin();
                b.append(origin.equals("WeightWatcher") ? "summary (WeightWatcher get_summary: means over layers)"
                        : "summary (Cartan)").append('\n');
            }
            b.append(String.format(Locale.ROOT, "  %-20s %s%n", m.name(), format(m.value())));
        }
        return b.toString();
    }

    static String format(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        int n = s.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double share(double[] v, java.util.function.DoublePredicate p) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).toArray();
        return f.length == 0 ? Double.NaN : Arrays.stream(f).filter(p).count() / (double) f.length;
    }
}
