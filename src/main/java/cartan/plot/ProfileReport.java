package cartan.plot;

import cartan.Require;
import cartan.profile.ExponentProfile;
import cartan.profile.LayerSpectrum;
import cartan.profile.ModelDelta;
import cartan.profile.ModelSummary;
import cartan.profile.ProfileComparison;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code report.html}: one self-contained page a person reads instead of the CSV — the summary, the
 * correlation traps, α and the Cartan-chart exponent over depth by layer role, the sortable per-layer table, each
 * layer's ESD with its fits (linear and log axes), and for a fine-tune the comparison with its base. Every image is
 * an embedded PNG ({@code data:} URL), the styles and the table-sorting script are inline, and the page's
 * Content-Security-Policy forbids any other source, so it opens offline and loads nothing from anywhere.
 */
public final class ProfileReport {

    /** At most this many layers get ESD charts when no pattern selects them. */
    public static final int MAX_ESD_LAYERS = 60;

    /** The columns of the page's table (the CSV has them all). */
    static final List<String> TABLE = List.of("index", "layer", "kind", "rows", "cols", "alpha", "alpha_se",
            "alpha_n_tail", "alpha_p", "tail_verdict", "num_spikes", "mp_softrank", "num_traps", "rand_distance",
            "ww_softrank", "stable_rank", "log_norm", "log_spectral_norm", "beta_chart", "chart_residual",
            "delta_relative_norm", "notes");

    /**
     * What the page shows besides the profile.
     *
     * @param title      the page's heading (e.g. the model's name)
     * @param command    the command line or call that produced it (shown verbatim), or ""
     * @param esd        the layers whose ESDs are drawn (find semantics on the name); null: every layer, up to
     *                   {@link #MAX_ESD_LAYERS}
     * @param comparison for a fine-tune: the model against its base, or null
     */
    public record Options(String title, String command, Pattern esd, ProfileComparison comparison) {
        public Options {
            Require.notNull("title", title);
            Require.notNull("command", command);
        }

        /** A page titled {@code title}, every layer's ESD, no comparison. */
        public static Options titled(String title) {
            return new Options(title, "", null, null);
        }
    }

    private ProfileReport() {
    }

    /** The page, as one HTML string. */
    public static String html(ExponentProfile profile, Options options) {
        Require.notNull("profile", profile);
        Require.notNull("options", options);
        if (profile.isChain()) {
            throw new IllegalArgumentException("profile: is a chain profile; the report is of a model's layers");
        }
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Cartan profile: ")
                .append(esc(options.title())).append("</title>\n<style>").append(ReportAssets.CSS).append("</style></head>\n")
                .append("<body>\n<header><h1>Spectral profile of ").append(esc(options.title())).append("</h1>\n<p>")
                .append(profile.size()).append(" layers · eigenvalues λ = σ² of WᵀW (no 1/N) · α rule ")
                .append(profile.options().fit().name().toLowerCase(Locale.ROOT)).append(" · seed ")
                .append(profile.options().seed()).append(profile.delta().isPresent() ? " · <b>rows are W − W_base</b>" : "")
                .append("</p>");
        if (!options.command().isEmpty()) {
            b.append("<p><code>").append(esc(options.command())).append("</code></p>");
        }
        b.append("<nav><a href=\"#summary\">summary</a> <a href=\"#traps\">traps</a> <a href=\"#depth\">over depth</a> ")
                .append("<a href=\"#layers\">layers</a> <a href=\"#esd\">ESDs</a>")
                .append(options.comparison() == null ? "" : " <a href=\"#comparison\">comparison</a>")
                .append("</nav></header>\n<main>\n");
        summary(b, profile);
        traps(b, profile);
        depth(b, profile);
        table(b, profile);
        esds(b, profile, options.esd());
        if (options.comparison() != null) {
            comparison(b, options.comparison());
        }
        b.append("</main>\n<footer><p>Made by Cartan. Column definitions: the README's “CSV columns” and ")
                .append("<code>bin/cartan profile --help</code>; every column is in <code>profile.csv</code>.</p></footer>\n")
                .append("<script>").append(ReportAssets.SCRIPT).append("</script>\n</body></html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, ExponentProfile p) {
        ModelSummary s = ModelSummary.of(p);
        b.append("<section id=\"summary\"><h2>Summary</h2>\n<table class=\"summary\"><thead><tr><th>metric</th>")
                .append("<th>value</th><th>from</th></tr></thead><tbody>\n");
        for (ModelSummary.Metric m : s.metrics()) {
            b.append("<tr><td>").append(m.name()).append("</td><td class=\"num\">").append(fmt(m.value()))
                    .append("</td><td>").append(m.origin().equals("WeightWatcher") ? "WeightWatcher get_summary" : "Cartan")
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        List<String> warnings = new ArrayList<>();
        p.delta().ifPresent(d -> warnings.addAll(d.report()));
        long noted = p.layers().stream().filter(l -> !l.notes().isEmpty()).count();
        if (noted > 0) {
            warnings.add(noted + " layer(s) have notes (see the table's last column)");
        }
        if (!warnings.isEmpty()) {
            b.append("<ul class=\"warnings\">");
            for (String w : warnings) {
                b.append("<li>").append(esc(w)).append("</li>");
            }
            b.append("</ul>\n");
        }
        b.append("</section>\n");
    }

    private static void traps(StringBuilder b, ExponentProfile p) {
        b.append("<section id=\"traps\"><h2>Correlation traps</h2>\n");
        if (!p.options().randomize()) {
            b.append("<p class=\"muted\">Not computed: run with <code>--randomize</code> to compare every layer with ")
                    .append("its element-shuffled matrix.</p></section>\n");
            return;
        }
        List<LayerSpectrum> trapped = p.layers().stream().filter(l -> l.numTraps() > 0).toList();
        b.append("<p>A trap is an eigenvalue of the element-shuffled matrix beyond the Marchenko–Pastur edge of the ")
                .append("shuffled ESD: a few entries so large that no arrangement hides them.</p>\n");
        if (trapped.isEmpty()) {
            b.append("<p id=\"no-traps\">No layer has a correlation trap.</p></section>\n");
            return;
        }
        b.append("<table class=\"traps\"><thead><tr><th>layer</th><th>num_traps</th><th>max_rand_eval</th>")
                .append("<th>rand_bulk_max</th><th>ww_softrank</th></tr></thead><tbody>\n");
        for (LayerSpectrum l : trapped) {
            b.append("<tr><td>").append(esc(l.name())).append("</td><td class=\"num\">").append(l.numTraps())
                    .append("</td><td class=\"num\">").append(fmt(l.randomized().maxEigenvalue()))
                    .append("</td><td class=\"num\">").append(fmt(l.randomized().bulkMax()))
                    .append("</td><td class=\"num\">").append(fmt(l.randomized().softRank())).append("</td></tr>\n");
        }
        b.append("</tbody></table></section>\n");
    }

    private static void depth(StringBuilder b, ExponentProfile p) {
        b.append("<section id=\"depth\"><h2>Over depth, by layer role</h2>\n<div class=\"grid\">");
        image(b, "α by depth", () -> ProfilePlots.byDepth(p, "alpha"));
        image(b, "Cartan-chart β by depth", () -> ProfilePlots.byDepth(p, "beta_chart"));
        image(b, "mp_softrank by depth", () -> ProfilePlots.byDepth(p, "mp_softrank"));
        image(b, "rank windows", () -> ProfilePlots.quantileRanks(p));
        b.append("</div></section>\n");
    }

    private static void table(StringBuilder b, ExponentProfile p) {
        b.append("<section id=\"layers\"><h2>Layers</h2>\n<p class=\"muted\">Click a column to sort; rows with a ")
                .append("correlation trap are marked.</p>\n<div class=\"scroll\"><table id=\"layer-table\" class=\"sortable\">")
                .append("<thead><tr>");
        var t = p.table();
        List<String> cols = TABLE.stream().filter(c -> t.columnNames().contains(c)).toList();
        for (String c : cols) {
            b.append("<th data-col=\"").append(c).append("\">").append(c).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (int i = 0; i < p.size(); i++) {
            LayerSpectrum l = p.layer(i);
            b.append(l.numTraps() > 0 ? "<tr class=\"trap\">" : "<tr>");
            for (String c : cols) {
                var col = t.column(c);
                if (col.type().name().equals("STRING")) {
                    String v = t.stringColumn(c).get(i);
                    b.append("<td data-v=\"").append(esc(v)).append("\">").append(esc(v)).append("</td>");
                } else {
                    double v = p.value(i, c);
                    b.append("<td class=\"num\" data-v=\"").append(Double.isFinite(v) ? Double.toString(v) : "")
                            .append("\">").append(fmt(v)).append("</td>");
                }
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div></section>\n");
    }

    private static void esds(StringBuilder b, ExponentProfile p, Pattern esd) {
        b.append("<section id=\"esd\"><h2>Eigenvalue densities</h2>\n<p class=\"muted\">Histogram of λ, the fitted ")
                .append("Marchenko–Pastur density and bulk edge λ₊, the power-law tail above x_min")
                .append(p.options().randomize() ? ", and the shuffled matrix's ESD" : "").append(".</p>\n");
        List<LayerSpectrum> chosen = p.layers().stream().filter(l -> esd == null || esd.matcher(l.name()).find())
                .toList();
        if (esd == null && chosen.size() > MAX_ESD_LAYERS) {
            b.append("<p class=\"muted\">The first ").append(MAX_ESD_LAYERS).append(" of ").append(chosen.size())
                    .append(" layers; choose others with <code>--esd REGEX</code>.</p>\n");
            chosen = chosen.subList(0, MAX_ESD_LAYERS);
        }
        if (chosen.isEmpty()) {
            b.append("<p class=\"muted\">No layer selected.</p>");
        }
        for (LayerSpectrum l : chosen) {
            b.append("<figure class=\"esd").append(l.numTraps() > 0 ? " trap" : "").append("\" id=\"esd-")
                    .append(l.index()).append("\"><figcaption>").append(l.index()).append(" · ").append(esc(l.name()))
                    .append("</figcaption><div class=\"pair\">");
            image(b, "ESD of " + l.name() + ", linear axes", () -> EsdPlots.histogram(l, false));
            image(b, "ESD of " + l.name() + ", log axes", () -> EsdPlots.histogram(l, true));
            b.append("</div></figure>\n");
        }
        b.append("</section>\n");
    }

    private static void comparison(StringBuilder b, ProfileComparison c) {
        b.append("<section id=\"comparison\"><h2>Model against base</h2>\n<p>A = ").append(esc(c.labelA()))
                .append(", B = ").append(esc(c.labelB())).append("; ").append(c.matched()).append(" layers matched by name ")
                .append("and shape.</p>\n<table class=\"summary\"><thead><tr><th>metric</th><th>mean B − A</th></tr></thead><tbody>");
        for (String m : c.metrics()) {
            b.append("<tr><td>").append(m).append("</td><td class=\"num\">").append(fmt(c.meanDifference(m)))
                    .append("</td></tr>");
        }
        b.append("</tbody></table>\n");
        List<String> unmatched = new ArrayList<>();
        if (!c.onlyInA().isEmpty()) {
            unmatched.add(c.onlyInA().size() + " layer(s) only in A");
        }
        if (!c.onlyInB().isEmpty()) {
            unmatched.add(c.onlyInB().size() + " layer(s) only in B");
        }
        if (!unmatched.isEmpty()) {
            b.append("<ul class=\"warnings\"><li>").append(String.join("</li><li>", unmatched)).append("</li></ul>");
        }
        b.append("<div class=\"grid\">");
        for (String m : List.of("alpha", "beta_chart", "log_spectral_norm")) {
            if (c.metrics().contains(m)) {
                image(b, m + " of A and B", () -> ComparisonPlots.sideBySide(c, m));
                image(b, m + " difference", () -> ComparisonPlots.difference(c, m));
            }
        }
        b.append("</div>\n<div class=\"scroll\"><table id=\"comparison-table\" class=\"sortable\"><thead><tr>");
        var t = c.table();
        for (String col : t.columnNames()) {
            b.append("<th data-col=\"").append(col).append("\">").append(col).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (int i = 0; i < t.rowCount(); i++) {
            b.append("<tr>");
            for (String col : t.columnNames()) {
                if (t.column(col).type().name().equals("STRING")) {
                    String v = t.stringColumn(col).get(i);
                    b.append("<td data-v=\"").append(esc(v)).append("\">").append(esc(v)).append("</td>");
                } else {
                    double v = t.doubleColumn(col).getDouble(i);
                    b.append("<td class=\"num\" data-v=\"").append(Double.isFinite(v) ? Double.toString(v) : "")
                            .append("\">").append(fmt(v)).append("</td>");
                }
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div></section>\n");
    }

    /** An embedded PNG, or a line saying why the chart could not be drawn. */
    private static void image(StringBuilder b, String alt, Supplier<XYChart> chart) {
        try {
            byte[] png = Charts.pngBytes(chart.get());
            b.append("<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\">");
        } catch (IllegalArgumentException e) {
            b.append("<p class=\"muted chart-skipped\">").append(esc(alt)).append(": not drawn (")
                    .append(esc(e.getMessage())).append(")</p>");
        }
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A delta profile's unmatched layers, for callers that print them. */
    public static List<String> unmatched(ExponentProfile p) {
        return p.delta().map(ModelDelta::report).orElse(List.of());
    }
}
