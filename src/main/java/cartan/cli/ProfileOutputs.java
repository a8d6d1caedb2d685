package cartan.cli;

import cartan.plot.Charts;
import cartan.plot.EsdPlots;
import cartan.plot.ProfilePlots;
import cartan.plot.ProfileReport;
import cartan.profile.ExponentProfile;
import cartan.profile.LayerSpectrum;
import cartan.profile.ModelSummary;
import cartan.profile.ProfileComparison;
import cartan.profile.ProfileWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The files of {@code cartan profile --out DIR}, built in memory and then written all-or-nothing
 * ({@link AtomicOutput}): {@code profile.csv}, {@code profile.json}, {@code summary.json}, the depth charts,
 * the {@code --esd} charts (log–log and linear axes), {@code report.html} and, with {@code --base},
 * {@code compare.csv}.
 */
final class ProfileOutputs {

    private ProfileOutputs() {
    }

    /**
     * The files, by name.
     *
     * @param esd        the layers whose ESD charts are written as PNG files (and drawn in the report), or null:
     *                   no PNG files, the report draws up to {@link ProfileReport#MAX_ESD_LAYERS} layers
     * @param comparison the model against its base, or null
     */
    static Map<String, byte[]> build(ExponentProfile profile, String source, String command, Pattern esd,
                                     ProfileComparison comparison, PrintStream stderr) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        files.put("profile.csv", utf8(ProfileWriter.csv(profile)));
        files.put("profile.json", json.writeValueAsBytes(ProfileWriter.jsonTree(profile, source)));
        files.put("summary.json", json.writeValueAsBytes(ModelSummary.of(profile).jsonTree()));
        chart(files, "alpha_depth.png", () -> ProfilePlots.byDepth(profile, "alpha"), stderr);
        chart(files, "beta_chart_depth.png", () -> ProfilePlots.byDepth(profile, "beta_chart"), stderr);
        chart(files, "rank_windows.png", () -> ProfilePlots.quantileRanks(profile), stderr);
        if (esd != null) {
            int matched = 0;
            for (LayerSpectrum l : profile.layers()) {
                if (esd.matcher(l.name()).find()) {
                    matched++;
                    String base = String.format(Locale.ROOT, "esd_%03d_%s", l.index(), ProfileCommand.sanitize(l.name()));
                    chart(files, base + ".png", () -> EsdPlots.histogram(l, true), stderr);
                    chart(files, base + "_linear.png", () -> EsdPlots.histogram(l, false), stderr);
                }
            }
            if (matched == 0) {
                stderr.println("cartan profile: warning: --esd /" + esd.pattern() + "/ matches no profiled layer");
            }
        }
        if (comparison != null) {
            files.put("compare.csv", utf8(ProfileWriter.csv(comparison.table())));
        }
        files.put("report.html", utf8(ProfileReport.html(profile,
                new ProfileReport.Options(source, command, esd, comparison))));
        return files;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void chart(Map<String, byte[]> files, String name, Supplier<XYChart> chart, PrintStream stderr) {
        try {
            files.put(name, Charts.pngBytes(chart.get()));
        } catch (IllegalArgumentException e) {
            stderr.println("cartan profile: warning: chart " + name + " skipped: " + ProfileCommand.oneLine(e));
        }
    }
}
