package cartan.plot;

import cartan.Require;
import cartan.fit.PowerLawFit;
import cartan.profile.ExponentProfile;
import cartan.spectrum.ChartFit;
import cartan.spectrum.Spectrum;
import cartan.profile.LayerName;
import cartan.profile.LayerSpectrum;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.StringColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plots of exponent profiles: a column over depth ({@link #column} for an {@link ExponentProfile},
 * {@link #byDepth} for a per-layer weight profile), a layer's empirical spectral density with its
 * power-law fit ({@link #esd}), its position in the Cartan chart ({@link #cartanChart}) and the
 * energy-quantile ranks of every layer ({@link #quantileRanks}).
 */
public final class ProfilePlots {

    private ProfilePlots() {
    }

    /**
     * A chart of one numeric column against layer index (layer profiles, 0-based) or depth ℓ (chains).
     * {@code beta_chart} is drawn with ±1 standard-error bars; {@code drift} also draws
     * {@code drift_bound} (and {@code drift_top_radial} its own bound) for comparison.
     */
    public static XYChart column(ExponentProfile profile, String name) {
        Require.notNull("profile", profile);
        boolean chain = profile.isChain();
        double[] y = profile.column(name);
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = chain ? i + 1 : i;
        }
        XYChart c = Charts.xy(name + (chain ? " along depth" : " by layer"), chain ? "depth ℓ" : "layer index", name);
        if (name.equals("beta_chart")) {
            Charts.errorBars(c, "beta_chart ± SE", x, y, profile.column("beta_chart_se"));
        } else {
            Charts.scatter(c, name, x, y);
        }
        if (chain && (name.equals("drift") || name.equals("drift_top_radial"))) {
            Charts.line(c, name + "_bound", x, profile.column(name + "_bound"));
        }
        return c;
    }

    /**
     * A column (e.g. {@code alpha}, {@code beta_chart}) against depth, one series per role; rows whose
     * name has no block number (embeddings, heads) sit at depth −1; when no row has a depth, against the
     * layer index, one series per kind. Rows where the value is missing are left out.
     */
    public static XYChart byDepth(ExponentProfile profile, String column) {
        Require.notNull("profile", profile);
        if (column == null || !profile.table().columnNames().contains(column)
                || profile.table().column(column) instanceof StringColumn) {
            throw new IllegalArgumentException("column: '" + column + "' is not a numeric column");
        }
        boolean byDepth = profile.layers().stream().anyMatch(l -> LayerName.parse(l.name()).depth() >= 0);
        boolean outside = profile.layers().stream().anyMatch(l -> LayerName.parse(l.name()).depth() < 0);
        XYChart chart = Charts.xy(column + " by " + (byDepth ? "depth" : "layer") + " and role",
                byDepth ? (outside ? "depth (block; −1: outside the blocks)" : "depth (block)") : "layer index",
                column);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (LayerSpectrum l : profile.layers()) {
            double v = profile.value(l.index(), column);
            if (!Double.isFinite(v)) {
                continue;
            }
            LayerName n = LayerName.parse(l.name());
            double x = byDepth ? Math.max(n.depth(), -1) : l.index();
            series.computeIfAbsent(byDepth ? legendName(n.role()) : l.kind().name().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(new double[] {x, v});
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("column: '" + column + "' has no value in any layer");
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            if (x.length == 1) {
                Charts.scatter(chart, e.getKey(), x, y);
            } else {
                Charts.line(chart, e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    /**
     * The empirical spectral density of layer i on log–log axes: a log-binned histogram of the positive
     * λ's (density per unit λ, normalised over all λ), the fitted power law
     * (n_tail/N)·(α−1)/x_min·(λ/x_min)^{−α} for λ ≥ x_min, and a vertical line at x_min.
     */
    public static XYChart esd(ExponentProfile profile, int i) {
        Require.notNull("profile", profile);
        LayerSpectrum l = profile.layer(i);
        double[] lambda = Arrays.stream(l.eigenvalues()).filter(v -> v > 0).sorted().toArray();
        if (lambda.length < 2) {
            throw new IllegalArgumentException("i: layer " + l.name() + " has fewer than 2 positive eigenvalues");
        }
        PowerLawFit f = l.tail();
        String title = "ESD " + shortName(l.name()) + (f == null ? "" : String.format(Locale.ROOT, ": α=%.2f, x_min=%.3g, D=%.3f",
                f.alpha(), f.xMin(), f.ksDistance()));
        XYChart chart = Charts.logLog(title, "eigenvalue λ = σ²", "density");
        double lo = lambda[0];
        double hi = lambda[lambda.length - 1];
        int bins = Math.max(5, Math.min(40, (int) Math.ceil(Math.sqrt(lambda.length))));
        if (hi <= lo) {
            hi = lo * 1.0001;
        }
        double ll = Math.log(lo);
        double step = (Math.log(hi) - ll) / bins;
        int[] count = new int[bins];
        for (double v : lambda) {
            int b = (int) Math.floor((Math.log(v) - ll) / step);
            count[Math.min(Math.max(b, 0), bins - 1)]++;
        }
        List<double[]> pts = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) {
                continue;
            }
            double a = Math.exp(ll + b * step);
            double z = Math.exp(ll + (b + 1) * step);
            pts.add(new double[] {Math.sqrt(a * z), count[b] / (double) lambda.length / (z - a)});
        }
        double[] hx = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] hy = pts.stream().mapToDouble(p -> p[1]).toArray();
        Charts.scatter(chart, "ESD (log-binned)", hx, hy);
        if (f != null) {
            double frac = (double) f.tailSize() / f.sampleSize();
            int m = 50;
            double[] x = new double[m];
            double[] y = new double[m];
            double a = Math.log(f.xMin());
            double b = Math.log(hi);
            for (int k = 0; k < m; k++) {
                x[k] = Math.exp(a + (b - a) * k / (m - 1));
                y[k] = frac * (f.alpha() - 1) / f.xMin() * Math.pow(x[k] / f.xMin(), -f.alpha());
            }
            Charts.line(chart, String.format(Locale.ROOT, "power law α=%.2f", f.alpha()), x, y);
            double ymin = Arrays.stream(hy).min().orElse(1e-12);
            double ymax = Math.max(Arrays.stream(hy).max().orElse(1), y[0]);
            Charts.line(chart, "x_min", new double[] {f.xMin(), f.xMin()}, new double[] {ymin, ymax});
        }
        return chart;
    }

    /**
     * The rank windows of the profile: energy-quantile ranks r_τ/q for τ = 0.5, 0.9, 0.99 by layer
     * (q = number of singular values), with the stable rank / q for comparison.
     */
    public static XYChart quantileRanks(ExponentProfile profile) {
        Require.notNull("profile", profile);
        XYChart chart = Charts.xy("Energy-quantile rank windows r_τ / q by layer", "layer index",
                "fraction of ranks");
        double[] taus = {0.5, 0.9, 0.99};
        List<LayerSpectrum> ok = profile.layers().stream().filter(l -> l.spectrum() != null).toList();
        if (ok.isEmpty()) {
            throw new IllegalArgumentException("profile: no layer has a spectrum");
        }
        double[] x = ok.stream().mapToDouble(LayerSpectrum::index).toArray();
        for (double tau : taus) {
            double[] y = ok.stream().mapToDouble(l -> l.spectrum().energyQuantileRank(tau)
                    / (double) l.spectrum().size()).toArray();
            Charts.line(chart, "r_" + tau, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        double[] y = ok.stream().mapToDouble(l -> l.spectrum().stableRank() / l.spectrum().size()).toArray();
        Charts.line(chart, "stable rank", x, y);
        return chart;
    }

    /**
     * The Cartan view of layer i: μ̃_k = ln σ_k − ½ ln(‖W‖_F²/q) against rank k (log axis) and the
     * fitted chart line c − β ln k over the chart's window.
     */
    public static XYChart cartanChart(ExponentProfile profile, int i) {
        Require.notNull("profile", profile);
        LayerSpectrum l = profile.layer(i);
        ChartFit c = l.chart();
        if (c == null) {
            throw new IllegalArgumentException("i: layer " + l.name() + " has no Cartan chart (" + l.notes() + ")");
        }
        Spectrum s = l.spectrum();
        int last = c.window().last();
        double shift = 0.5 * Math.log(s.frobeniusSquared() / s.size());
        double[] k = new double[last];
        double[] mu = new double[last];
        double[] line = new double[last];
        for (int j = 0; j < last; j++) {
            k[j] = j + 1;
            mu[j] = Math.log(s.singularValue(j + 1)) - shift;
            line[j] = c.intercept() - c.beta() * Math.log(j + 1);
        }
        XYChart chart = Charts.logX(String.format(Locale.ROOT, "Cartan chart %s: β=%.3f, RMS residual %.3f",
                shortName(l.name()), c.beta(), c.rmsResidual()), "rank k", "μ̃_k = ln σ_k − ½ ln(‖W‖²_F / q)");
        Charts.scatter(chart, "μ̃_k", k, mu).setMarker(SeriesMarkers.CIRCLE);
        Charts.line(chart, "c − β ln k", k, line);
        return chart;
    }

    /** A role shortened for a legend: BERT's "attention/self/query" → "query", ".../dense" → "...". */
    static String legendName(String role) {
        String s = role.replace("attention/self/", "").replaceAll("/dense$", "").replaceFirst("^embeddings/", "");
        return s.length() > 24 ? "…" + s.substring(s.length() - 23) : s;
    }

    /** A short label for chart titles: "3 attention/self/query" for a name with a depth, else the name. */
    static String shortName(String name) {
        LayerName n = LayerName.parse(name);
        String s = n.depth() >= 0 ? n.depth() + " " + n.role() : n.role();
        return s.length() > 48 ? "…" + s.substring(s.length() - 47) : s;
    }

}
