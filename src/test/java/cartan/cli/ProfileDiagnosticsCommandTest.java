package cartan.cli;

import cartan.profile.ProfileComparison;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cartan.cli.ProfileCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cartan profile --conv/--base/--randomize/--out} and {@code cartan compare} end to end on a safetensors
 * fixture whose expected values come from numpy (src/test/resources/cartan/cli/profile_cli_reference.py: SVDs by
 * numpy.linalg.svd and the Marchenko–Pastur bulk by the numpy re-implementation ../spectrum/mp_reference.py).
 * Tolerances are those of cartan.profile.DiagnosticsTest for the same quantities.
 */
class ProfileDiagnosticsCommandTest {

    static final Path DIR = Path.of("src/test/resources/cartan/cli");
    static final String MODEL = DIR.resolve("profile_cli_model.safetensors").toString();
    static final String BASE = DIR.resolve("profile_cli_base.safetensors").toString();
    static JsonNode ref;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        ref = new ObjectMapper().readTree(DIR.resolve("profile_cli_reference.json").toFile());
    }

    static void close(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.max(1e-300, Math.abs(expected)), what);
    }

    /** Runs the profile with --out and reads profile.csv back. */
    Table profile(String name, String... extra) throws IOException {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("profile", MODEL, "--quiet", "--min-size", "10", "--out",
                out.toString()));
        args.addAll(List.of(extra));
        ProfileCommandTest.Run r = run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return ProfileComparison.readCsv(out);
    }

    static int row(Table t, String layer) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.stringColumn("layer").get(i).equals(layer)) {
                return i;
            }
        }
        throw new AssertionError("no row " + layer + " in " + t.stringColumn("layer").asList());
    }

    static double v(Table t, String layer, String column) {
        return t.doubleColumn(column).getDouble(row(t, layer));
    }

    void checkSpectra(Table t, JsonNode expected, String mode) {
        assertEquals(expected.size(), t.rowCount(), mode);
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String l = e.getKey();
            JsonNode x = e.getValue();
            String what = mode + " " + l;
            close(x.get("sigma_max").asDouble(), v(t, l, "sigma_max"), 1e-12, what + " sigma_max");
            close(x.get("frobenius_norm").asDouble(), v(t, l, "frobenius_norm"), 1e-12, what + " frobenius_norm");
            close(x.get("stable_rank").asDouble(), v(t, l, "stable_rank"), 1e-10, what + " stable_rank");
            close(x.get("sigma_mp").asDouble(), v(t, l, "sigma_mp"), 1e-6, what + " sigma_mp");
            close(x.get("bulk_max").asDouble(), v(t, l, "bulk_max"), 2e-6, what + " bulk_max");
            close(x.get("mp_softrank").asDouble(), v(t, l, "mp_softrank"), 2e-6, what + " mp_softrank");
            assertEquals(x.get("num_spikes").asInt(), (int) v(t, l, "num_spikes"), what + " num_spikes");
        }
    }

    @Test
    void flattenAndPooledConvMatchNumpy() throws IOException {
        Table flat = profile("flat");
        checkSpectra(flat, ref.get("model").get("flatten"), "flatten");
        assertEquals(1, v(flat, "layers.0.conv.weight", "slices"));
        Table pooled = profile("pooled", "--conv", "pooled");
        checkSpectra(pooled, ref.get("model").get("pooled"), "pooled");
        assertEquals(9, v(pooled, "layers.0.conv.weight", "slices"));
        // the planted rank-1 signal and the huge entry are spikes of the MP bulk; the i.i.d. layers have none
        assertEquals(1, v(flat, "layers.0.mlp.weight", "num_spikes"));
        assertEquals(0, v(flat, "head.weight", "num_spikes"));
    }

    @Test
    void slicesModeGivesOneRowPerSpatialPosition() throws IOException {
        Table t = profile("slices", "--conv", "slices");
        JsonNode s = ref.get("model").get("slices");
        assertEquals(3 + s.size(), t.rowCount());
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            close(e.getValue().get("sigma_max").asDouble(), v(t, e.getKey(), "sigma_max"), 1e-12, e.getKey());
        }
    }

    @Test
    void baseProfilesTheDeltaOfMatchedLayers() throws IOException {
        Path out = tmp.resolve("delta");
        ProfileCommandTest.Run r = run("profile", MODEL, "--base", BASE, "--quiet", "--min-size", "10", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("head.weight"), "the unmatched layer is reported: " + r.err());
        Table t = ProfileComparison.readCsv(out);
        JsonNode d = ref.get("delta");
        assertEquals(d.size(), t.rowCount());
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String l = e.getKey();
            for (String c : List.of("sigma_max", "stable_rank", "base_frobenius_norm", "delta_relative_norm")) {
                close(e.getValue().get(c).asDouble(), v(t, l, c), 1e-10, l + " " + c);
            }
        }
        // the rank-1 fine-tune is rank one, whatever the float32 rounding of its entries
        close(1, v(t, "layers.0.mlp.weight", "stable_rank"), 1e-9, "rank-1 delta");
        Table cmp = ProfileComparison.readCsv(out.resolve("compare.csv"));
        assertEquals(3, cmp.rowCount());
        assertTrue(r.out().contains("compare: A = " + BASE + ", B = " + MODEL + ", 3 layers matched"), r.out());

        ProfileCommandTest.Run none = run("profile", MODEL, "--base", BASE, "--quiet", "--layers", "head");
        assertEquals(ExitCode.NO_LAYERS, none.code(), none.err());
    }

    @Test
    void randomizedControlFindsThePlantedTrapOnly() throws IOException {
        Table plain = profile("plain");
        assertTrue(plain.column("num_traps").isMissing(0), "no randomized columns without --randomize");
        Table t = profile("rand", "--randomize");
        double entry = ref.get("trap_entry").asDouble();
        // ||W||_2 >= |w_ij| for any arrangement of the entries, so the shuffled attn matrix keeps lambda >= w_57^2
        assertTrue(v(t, "layers.1.attn.weight", "max_rand_eval") >= entry * entry * (1 - 1e-12));
        assertTrue(v(t, "layers.1.attn.weight", "num_traps") >= 1);
        // a rank-1 signal spread over all entries is a spike of W but not of the shuffled W
        assertEquals(0, v(t, "layers.0.mlp.weight", "num_traps"));
        assertEquals(1, v(t, "layers.0.mlp.weight", "num_spikes"));
    }

    @Test
    void compareTwoProfileDirectories() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, run("profile", BASE, "--quiet", "--min-size", "10", "--out", a.toString()).code());
        assertEquals(0, run("profile", MODEL, "--quiet", "--min-size", "10", "--out", b.toString()).code());
        Path out = tmp.resolve("c");
        ProfileCommandTest.Run r = run("compare", a.toString(), b.toString(), "--metrics", "sigma_max,stable_rank",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("only in B: head.weight"), r.err());
        Table c = ProfileComparison.readCsv(out.resolve("compare.csv"));
        assertEquals(3, c.rowCount());
        JsonNode ma = ref.get("base").get("flatten");
        JsonNode mb = ref.get("model").get("flatten");
        for (String l : List.of("layers.0.mlp.weight", "layers.1.attn.weight", "layers.0.conv.weight")) {
            close(mb.get(l).get("sigma_max").asDouble() - ma.get(l).get("sigma_max").asDouble(),
                    v(c, l, "sigma_max_diff"), 1e-11, l);
        }
        for (String l : List.of("layers.0.mlp.weight", "layers.1.attn.weight", "layers.0.conv.weight")) {
            double sa = ma.get(l).get("stable_rank").asDouble();
            double sb = mb.get(l).get("stable_rank").asDouble();
            assertEquals(sb - sa, v(c, l, "stable_rank_diff"), 1e-10 * Math.max(sa, sb), l);
        }
        // conv x 1.5: the stable rank is scale-free, up to the float32 rounding of the scaled entries
        assertEquals(0, v(c, "layers.0.conv.weight", "stable_rank_diff"), 1e-6);
        assertTrue(Files.exists(out.resolve("compare_sigma_max.png")));
        assertTrue(Files.exists(out.resolve("compare_stable_rank_diff.png")));

        ProfileCommandTest.Run missing = run("compare", a.toString(), tmp.resolve("nope").toString());
        assertEquals(ExitCode.INPUT, missing.code());
        ProfileCommandTest.assertOneLineNoTrace(missing);
        ProfileCommandTest.Run noMetric = run("compare", a.toString(), b.toString(), "--metrics", "nonsense");
        assertEquals(ExitCode.INPUT, noMetric.code());
        assertTrue(noMetric.err().startsWith("cartan compare: metrics:"), noMetric.err());
    }

    /** Every URL-bearing attribute or CSS url() of the page, and its external references. */
    static void assertSelfContained(String html) {
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "CSP present");
        assertFalse(html.toLowerCase().contains("<link"), "no linked resources");
        Matcher m = Pattern.compile("(?i)\\b(src|href|action|data|poster)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            String url = m.group(2);
            if (m.group(1).equalsIgnoreCase("href")) {
                assertTrue(url.startsWith("#"), "only in-page links: " + url);
            } else {
                assertTrue(url.startsWith("data:image/png;base64,"), "only embedded images: " + m.group(1) + "=" + url);
                images++;
            }
        }
        assertTrue(images > 0);
        assertFalse(Pattern.compile("(?i)url\\s*\\(|@import|<script[^>]*\\bsrc").matcher(html).find(), "no url() or script src");
    }

    static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void reportIsSelfContainedWithOneSectionPerLayer() throws IOException {
        profile("report", "--randomize");
        String html = Files.readString(tmp.resolve("report/report.html"));
        assertSelfContained(html);
        // four layers: four ESD figures with two charts each, four body rows of the sortable table
        assertEquals(4, count(html, "<figure class=\"esd"));
        for (int i = 0; i < 4; i++) {
            assertTrue(html.contains("id=\"esd-" + i + "\""), "esd-" + i);
        }
        String table = html.substring(html.indexOf("id=\"layer-table\""), html.indexOf("</table>",
                html.indexOf("id=\"layer-table\"")));
        assertEquals(4, count(table, "<tr[ >]") - 1);
        // the one trapped layer (the planted entry) is marked in the table and listed under traps
        assertEquals(1, count(table, "<tr class=\"trap\">"));
        String traps = html.substring(html.indexOf("id=\"traps\""), html.indexOf("</section>", html.indexOf("id=\"traps\"")));
        assertTrue(traps.contains("layers.1.attn.weight"), traps);
        assertFalse(traps.contains("layers.0.mlp.weight"), traps);
        assertFalse(html.contains("id=\"comparison\""), "no comparison without --base");

        profile("report-delta", "--base", BASE, "--esd", "mlp|attn");
        String delta = Files.readString(tmp.resolve("report-delta/report.html"));
        assertSelfContained(delta);
        assertTrue(delta.contains("id=\"comparison\""));
        assertEquals(2, count(delta, "<figure class=\"esd"), "--esd selects the report's ESDs");
        assertTrue(delta.contains("1 layer(s) only in"), "unmatched layer reported on the page");
    }
}
