package cartan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code report.html} opened in a headless browser (Debian's chromium, skipped where it is not installed): a probe
 * script appended to a copy of the page counts the images that failed to decode and the Content-Security-Policy
 * violations, clicks the {@code log_spectral_norm} header once and twice and writes the resulting row orders into
 * the DOM, which {@code --dump-dom} returns. The expected orders come from numpy's σ_max of the fixture's layers
 * (profile_cli_reference.json; log10 λ_max is increasing in σ_max).
 */
class ReportBrowserTest {

    @TempDir
    Path tmp;

    static final String PROBE = """
            <script>
            (function(){
              var violations=0;
              document.addEventListener('securitypolicyviolation',function(){violations++;});
              window.addEventListener('load',function(){
                var broken=0;
                for(var i=0;i<document.images.length;i++){var im=document.images[i];if(!(im.complete&&im.naturalWidth>0))broken++;}
                var t=document.getElementById('layer-table');
                var ths=t.tHead.rows[0].cells,th=null,name=0;
                for(var i=0;i<ths.length;i++){var c=ths[i].getAttribute('data-col');if(c==='log_spectral_norm')th=ths[i];if(c==='layer')name=i;}
                function order(){return Array.prototype.map.call(t.tBodies[0].rows,function(r){return r.cells[name].textContent;});}
                th.click();var asc=order();th.click();var desc=order();
                var pre=document.createElement('pre');pre.id='probe';
                pre.textContent=JSON.stringify({images:document.images.length,broken:broken,violations:violations,asc:asc,desc:desc});
                document.body.appendChild(pre);
              });
            })();
            </script>
            """;

    static Path chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    @Test
    void sortsAndRendersOfflineInAHeadlessBrowser() throws Exception {
        Path browser = chromium();
        assumeTrue(browser != null, "no chromium installed");
        Path out = tmp.resolve("out");
        ProfileCommandTest.Run r = ProfileCommandTest.run("profile", ProfileDiagnosticsCommandTest.MODEL, "--quiet",
                "--min-size", "10", "--randomize", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        int end = html.lastIndexOf("</body>");
        Path page = tmp.resolve("probe.html");
        Files.writeString(page, html.substring(0, end) + PROBE + html.substring(end));

        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + tmp.resolve("profile"), "--virtual-time-budget=5000",
                "--dump-dom", page.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium finished");
        Matcher m = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL)
                .matcher(new String(dom, StandardCharsets.UTF_8));
        assertTrue(m.find(), "the probe ran: " + new String(dom, 0, Math.min(dom.length, 300), StandardCharsets.UTF_8));
        JsonNode probe = new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&")
                .replace("&lt;", "<").replace("&gt;", ">"));

        assertTrue(probe.get("images").asInt() >= 8, probe.toString()); // 4 depth charts + 2 per layer
        assertEquals(0, probe.get("broken").asInt(), "every embedded PNG decodes");
        assertEquals(0, probe.get("violations").asInt(), "nothing the CSP had to block");
        List<String> ascending = ascendingBySigmaMax();
        List<String> asc = new ArrayList<>();
        probe.get("asc").forEach(n -> asc.add(n.asText()));
        List<String> desc = new ArrayList<>();
        probe.get("desc").forEach(n -> desc.add(n.asText()));
        assertEquals(ascending, asc);
        List<String> descending = new ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        assertEquals(descending, desc);
    }

    static List<String> ascendingBySigmaMax() throws IOException {
        JsonNode flat = new ObjectMapper().readTree(ProfileDiagnosticsCommandTest.DIR
                .resolve("profile_cli_reference.json").toFile()).get("model").get("flatten");
        List<String> names = new ArrayList<>();
        flat.fieldNames().forEachRemaining(names::add);
        names.sort((a, b) -> Double.compare(flat.get(a).get("sigma_max").asDouble(), flat.get(b).get("sigma_max").asDouble()));
        return names;
    }
}
