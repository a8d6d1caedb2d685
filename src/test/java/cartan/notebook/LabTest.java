package cartan.notebook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code bin/cartan lab} serves on 127.0.0.1 only, keeps Jupyter's token authentication, and offers
 * the "cartan" kernel. Runs through {@code bin/cartan test} (Jupyter must be installed).
 */
class LabTest {

    @Test
    void labIsLoopbackOnlyTokenProtectedAndOffersTheCartanKernel() throws Exception {
        assumeTrue(!System.getProperty("cartan.kernel.dir", "").isBlank(), "run through bin/cartan test");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path root = NotebookConventionsTest.projectDir();
        Path log = Files.createTempFile("lab", ".log");
        Process lab = new ProcessBuilder(root.resolve("bin/cartan").toString(), "lab", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String token = null;
            for (int i = 0; i < 240 && token == null; i++) {
                Thread.sleep(500);
                Matcher m = Pattern.compile("token=([0-9a-f]+)").matcher(Files.readString(log));
                token = m.find() ? m.group(1) : null;
                assertTrue(lab.isAlive() || token != null, "lab exited early:\n" + Files.readString(log));
            }
            assertNotNull(token, "no token URL printed:\n" + Files.readString(log));
            String text = Files.readString(log);
            assertTrue(text.contains("http://127.0.0.1:" + port + "/"), text);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI api = URI.create("http://127.0.0.1:" + port + "/api/kernelspecs");
            assertEquals(403, http.send(HttpRequest.newBuilder(api).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "the API must refuse requests without the token");
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(api + "?token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("\"default\": \"cartan\"") && ok.body().contains("Java (Cartan)"), ok.body());
            assertTrue(listensOnLoopbackOnly(port), "lab must listen on 127.0.0.1 only");
        } finally {
            lab.descendants().forEach(ProcessHandle::destroy);
            lab.destroy();
            lab.waitFor();
            Files.deleteIfExists(log);
        }
    }

    /** Reads /proc/net/tcp: every listening socket on the port is bound to 127.0.0.1 (0100007F). */
    private static boolean listensOnLoopbackOnly(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        boolean any = false;
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) { // 0A = LISTEN
                any = true;
                if (!f[1].startsWith("0100007F")) {
                    return false;
                }
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp6"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                return false; // any IPv6 listener would not be 127.0.0.1
            }
        }
        return any;
    }
}
