package cartan.cli;

import cartan.io.NamedMatrix;
import cartan.io.NpyReader;
import cartan.io.NpyMatrixWriter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileCommandTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CartanCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A deterministic m × n matrix: cos(0.9(i+1)√(j+1) + phase)/(1 + 0.1 i). */
    static DMatrixRMaj matrix(int m, int n, double phase) {
        DMatrixRMaj w = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                w.set(i, j, Math.cos(0.9 * (i + 1) * Math.sqrt(j + 1) + phase) / (1 + 0.1 * i));
            }
        }
        return w;
    }

    static Path npy(Path dir, String name, DMatrixRMaj m) throws IOException {
        Path f = dir.resolve(name + ".npy");
        try (OutputStream o = Files.newOutputStream(f)) {
            NpyMatrixWriter.write(m, o);
        }
        return f;
    }

    /** A directory model: three dense layers in two blocks plus a 1-D bias (skipped as kind OTHER). */
    Path model() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("model"));
        npy(d, "a_layers.0.attn", matrix(40, 25, 0));
        npy(d, "b_layers.0.mlp", matrix(60, 30, 0.5));
        npy(d, "c_layers.1.attn", matrix(30, 45, 1));
        npy(d, "d_layers.1.bias", matrix(1, 30, 0));
        return d;
    }

    static void assertOneLineNoTrace(Run r) {
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cartan"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    /** The summary (read from the rows) shows the table's values (read through Tablesaw), rounded as printed. */
    @Test
    void summaryShowsTheTablesValues() throws IOException {
        Path m = model();
        Run csv = run("profile", m.toString(), "--csv", "--quiet", "--bootstrap", "10");
        Run summary = run("profile", m.toString(), "--quiet", "--bootstrap", "10");
        assertEquals(0, csv.code(), csv.err());
        assertEquals(0, summary.code(), summary.err());
        List<String> header = List.of(csv.out().lines().findFirst().orElseThrow().split(",", -1));
        List<String> rows = csv.out().lines().skip(1).toList();
        // the layer table ends at the first blank line; the model summary follows it
        List<String> shown = summary.out().lines().skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertEquals(rows.size(), shown.size(), summary.out());
        String[] cols = {"alpha", "alpha_ks", "alpha_se", "alpha_p", "stable_rank", "beta_chart", "chart_residual"};
        String[] fmts = {"%.3f", "%.3f", "%.3f", "%.2f", "%.2f", "%.3f", "%.3f"};
        for (int r = 0; r < rows.size(); r++) {
            String[] c = rows.get(r).split(",", -1);
            String[] s = shown.get(r).trim().split("\\s+");
            for (int k = 0; k < cols.length; k++) {
                String v = c[header.indexOf(cols[k])];
                String expected = v.isEmpty() || !Double.isFinite(Double.parseDouble(v)) ? "-"
                        : String.format(java.util.Locale.ROOT, fmts[k], Double.parseDouble(v));
                assertEquals(expected, s[3 + k], "row " + r + " " + cols[k] + ": " + shown.get(r));
            }
        }
    }

    @Test
    void profilesADirectoryAndFiltersLayers() throws IOException {
        Path m = model();
        Run all = run("profile", m.toString(), "--csv", "--quiet");
        assertEquals(0, all.code(), all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals(4, lines.size(), all.out());  // header + 3 dense layers, the bias skipped
        assertTrue(lines.get(0).startsWith("layer,kind,rows,cols,sigma_max,frobenius_norm,stable_rank,entropy_rank,"
                + "participation_ratio,rank_q90,alpha,alpha_xmin,alpha_ks,alpha_se,alpha_p,alpha_weighted,log_norm,"
                + "log_spectral_norm,beta_chart,top_radial,chart_residual,"));
        assertTrue(lines.get(1).startsWith("a_layers.0.attn,dense,40,25,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("c_layers.1.attn,dense,30,45,"), lines.get(3));

        Run attn = run("profile", m.toString(), "--csv", "--quiet", "--layers", "attn");
        assertEquals(0, attn.code());
        assertEquals(List.of("a_layers.0.attn", "c_layers.1.attn"),
                attn.out().lines().skip(1).map(l -> l.split(",")[0]).toList());
        // the filtered rows are the same numbers as in the full run
        assertEquals(lines.get(1), attn.out().lines().toList().get(1));

        Run small = run("profile", m.toString(), "--csv", "--quiet", "--min-size", "30");
        assertEquals(List.of("b_layers.0.mlp", "c_layers.1.attn"),
                small.out().lines().skip(1).map(l -> l.split(",")[0]).toList());
    }

    @Test
    void progressGoesToStderrAndTableToStdout() throws IOException {
        Run r = run("profile", model().toString(), "--threads", "2");
        assertEquals(0, r.code());
        assertTrue(r.err().contains("3/3"), r.err());
        assertTrue(r.out().lines().findFirst().orElseThrow().contains("alpha"), r.out());
        assertFalse(r.out().contains("["), r.out());
    }

    @Test
    void identicalOutputForAnyThreadCount() throws IOException {
        Path m = model();
        Run one = run("profile", m.toString(), "--csv", "--quiet", "--threads", "1", "--bootstrap", "20");
        Run two = run("profile", m.toString(), "--csv", "--quiet", "--threads", "2", "--bootstrap", "20");
        assertEquals(0, one.code());
        assertEquals(one.out(), two.out());
        assertFalse(one.out().lines().skip(1).anyMatch(l -> l.split(",", -1)[14].isEmpty()), "alpha_p filled");
    }

    @Test
    void writesAllOutputsIntoOutDir() throws IOException {
        Path m = model();
        Path out = tmp.resolve("out/nested");
        Run r = run("profile", m.toString(), "--quiet", "--out", out.toString(), "--esd", "attn");
        assertEquals(0, r.code(), r.err());
        List<String> names = list(out);
        assertEquals(List.of("alpha_depth.png", "beta_chart_depth.png", "esd_000_a_layers.0.attn.png",
                "esd_000_a_layers.0.attn_linear.png", "esd_002_c_layers.1.attn.png", "esd_002_c_layers.1.attn_linear.png",
                "profile.csv", "profile.json", "rank_windows.png", "report.html", "summary.json"), names);
        Run csv = run("profile", m.toString(), "--quiet", "--csv");
        assertEquals(csv.out(), Files.readString(out.resolve("profile.csv")));
        String json = Files.readString(out.resolve("profile.json"));
        assertTrue(json.contains("\"singular_values\""), json.substring(0, 200));
        byte[] png = Files.readAllBytes(out.resolve("alpha_depth.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    /**
     * WeightWatcher's WWFit written out with no code shared with cartan.fit (it was notebook 00's CLI check):
     * drop λ ≤ 1e-5, every sorted value but the largest is a candidate x_min, α = 1 + n / Σ log(x/x_min),
     * D = max_j |1 − (x_j/x_min)^(1−α) − j/n|, the smallest D wins. Returns α.
     */
    static double wwFitAlpha(double[] lambda) {
        double[] x = Arrays.stream(lambda).filter(v -> v > 1e-5).sorted().toArray();
        double bestD = Double.MAX_VALUE;
        double bestA = Double.NaN;
        for (int i = 0; i < x.length - 1; i++) {
            int nt = x.length - i;
            double sum = 0;
            for (int j = i; j < x.length; j++) {
                sum += Math.log(x[j]) - Math.log(x[i]);
            }
            double a = 1 + nt / sum;
            double d = 1;
            if (a > 1) {
                d = 0;
                for (int j = 0; j < nt; j++) {
                    d = Math.max(d, Math.abs(1 - Math.pow(x[i + j] / x[i], 1 - a) - (double) j / nt));
                }
            }
            if (d < bestD) {
                bestD = d;
                bestA = a;
            }
        }
        return bestA;
    }

    @Test
    void exportedAlphaIsAnIndependentRefitOfTheExportedSpectrum() throws IOException {
        Path out = tmp.resolve("refit");
        Run r = run("profile", model().toString(), "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("profile.json").toFile());
        int checked = 0;
        for (var row : json.get("layers")) {
            if (!row.get("alpha").isNumber()) {
                continue; // a layer too small for a tail fit carries a note instead
            }
            double[] lambda = new double[row.get("singular_values").size()];
            for (int k = 0; k < lambda.length; k++) {
                double sv = row.get("singular_values").get(k).asDouble();
                lambda[k] = sv * sv;
            }
            double alpha = row.get("alpha").asDouble();
            // summation orders differ (direct sums here, suffix sums in cartan.fit): a few hundred ulps
            assertEquals(wwFitAlpha(lambda), alpha, 1e-11 * alpha, row.get("layer").asText());
            checked++;
        }
        assertTrue(checked >= 3, "layers with alpha: " + checked);
    }

    @Test
    void failedOutputLeavesNothingBehind() throws IOException {
        Path m = model();
        // a directory squatting on profile.json makes the final rename impossible
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createDirectories(out.resolve("profile.json"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        Run r = run("profile", m.toString(), "--quiet", "--out", out.toString());
        assertEquals(ExitCode.OUTPUT, r.code(), r.err());
        assertOneLineNoTrace(r);
        assertEquals(List.of("keep.txt", "profile.json"), list(out));
        assertEquals("", r.out());
        // --out naming an existing regular file
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Run f = run("profile", m.toString(), "--quiet", "--out", file.toString());
        assertEquals(ExitCode.OUTPUT, f.code());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void neverOverwritesTheInput() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("m"));
        Path in = npy(d, "profile", matrix(40, 25, 0));
        Path renamed = d.resolve("profile.csv");
        Files.move(in, renamed);  // an npy file named profile.csv (found by content sniffing)
        byte[] before = Files.readAllBytes(renamed);
        Run r = run("profile", renamed.toString(), "--quiet", "--out", d.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertOneLineNoTrace(r);
        assertTrue(r.err().contains("overwrite"), r.err());
        assertArrayEquals(before, Files.readAllBytes(renamed));
        Run same = run("profile", renamed.toString(), "--quiet", "--out", renamed.toString());
        assertEquals(ExitCode.USAGE, same.code());
        assertArrayEquals(before, Files.readAllBytes(renamed));
        Run exp = run("profile", d.toString(), "--quiet", "--export-npy", d.toString());
        assertEquals(ExitCode.USAGE, exp.code());
        assertEquals(List.of("profile.csv"), list(d));
    }

    @Test
    void badInputOneLineAndExitCode() throws IOException {
        Path good = npy(tmp, "w", matrix(40, 25, 0));
        byte[] bytes = Files.readAllBytes(good);
        Path trunc = Files.write(tmp.resolve("trunc.npy"), Arrays.copyOf(bytes, 300));
        Path garbage = Files.writeString(tmp.resolve("garbage.onnx"), "this is not a protobuf at all, just text");
        byte[] f16 = bytes.clone();
        String header = new String(f16, 0, 128, StandardCharsets.US_ASCII);
        int at = header.indexOf("<f8");
        f16[at + 1] = 'c';  // '<c8': complex, not a supported dtype
        Path complex = Files.write(tmp.resolve("complex.npy"), f16);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no weights here");
        Path zeroBytes = Files.write(tmp.resolve("zero.safetensors"), new byte[0]);
        for (Path p : List.of(trunc, garbage, complex, empty, zeroBytes, tmp.resolve("missing.npy"))) {
            Run r = run("profile", p.toString(), "--quiet");
            assertEquals(ExitCode.INPUT, r.code(), p + ": " + r.err());
            assertOneLineNoTrace(r);
            assertTrue(r.err().contains(p.getFileName().toString()), r.err());
            assertEquals("", r.out());
        }
        Run debug = run("profile", trunc.toString(), "--quiet", "--debug");
        assertEquals(ExitCode.INPUT, debug.code());
        assertTrue(debug.err().contains("\tat "), "stack trace with --debug");
    }

    @Test
    void usageErrorsAndNoLayers() throws IOException {
        Path m = model();
        for (String[] args : List.of(new String[] {"profile", m.toString(), "--fit", "mle"},
                new String[] {"profile", m.toString(), "--layers", "(["},
                new String[] {"profile", m.toString(), "--threads", "0"},
                new String[] {"profile", m.toString(), "--bootstrap", "-3"},
                new String[] {"profile", m.toString(), "--nonsense"},
                new String[] {"profile", m.toString(), "--min-size", "many"},
                new String[] {"profile", m.toString(), "--esd", "attn"},
                new String[] {"profile", "a", "b"},
                new String[] {})) {
            Run r = run(args);
            assertEquals(ExitCode.USAGE, r.code(), Arrays.toString(args) + ": " + r.err());
            assertOneLineNoTrace(r);
        }
        Run none = run("profile", m.toString(), "--quiet", "--layers", "^nothing$");
        assertEquals(ExitCode.NO_LAYERS, none.code());
        assertOneLineNoTrace(none);
        Run help = run("profile", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Exit codes"), help.out());
    }

    @Test
    void nonFiniteLayerIsReportedNotFatal() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("nan"));
        DMatrixRMaj bad = matrix(40, 25, 0);
        bad.set(1, 1, Double.NaN);
        npy(d, "a", bad);
        npy(d, "b", matrix(30, 20, 0));
        Run r = run("profile", d.toString(), "--quiet", "--csv");
        assertEquals(0, r.code(), r.err());
        String row = r.out().lines().toList().get(1);
        assertTrue(row.startsWith("a,dense,40,25,,"), row);
        assertTrue(row.endsWith("\"non-finite weights (1 NaN, 0 infinite): spectrum not computed\""), row);
    }

    @Test
    void exportNpyRoundTripsThroughAnIndependentReader() throws IOException {
        Path m = model();
        Path exp = tmp.resolve("npy");
        Run r = run("profile", m.toString(), "--quiet", "--export-npy", exp.toString(), "--layers", "attn");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("000.npy", "001.npy", "layers.csv"), list(exp));
        List<NamedMatrix> back = NpyReader.read(exp.resolve("001.npy"));
        DMatrixRMaj expected = matrix(30, 45, 1);
        assertEquals(30, back.get(0).rows());
        assertArrayEquals(expected.data, Arrays.copyOf(back.get(0).matrix().data, 30 * 45));
        assertTrue(Files.readString(exp.resolve("layers.csv")).contains("1,001.npy,c_layers.1.attn,30,45"));
    }

    /** A TF.js layers model written here: a conv kernel [3,3,2,12] (HWIO), a dense kernel [18,11], a bias. */
    @Test
    void readsATfjsModelJson() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("tfjs"));
        int conv = 3 * 3 * 2 * 12;
        int dense = 18 * 11;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * (conv + dense + 11))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] kernel = new float[conv];
        for (int i = 0; i < conv; i++) {
            kernel[i] = (float) Math.sin(0.37 * i + 0.1 * (i % 7));
            b.putFloat(kernel[i]);
        }
        float[] dk = new float[dense];
        for (int i = 0; i < dense; i++) {
            dk[i] = (float) Math.cos(0.91 * i) / (1 + i % 5);
            b.putFloat(dk[i]);
        }
        for (int i = 0; i < 11; i++) {
            b.putFloat(0.01f * i);
        }
        Files.write(d.resolve("group1-shard1of1.bin"), b.array());
        Files.writeString(d.resolve("model.json"), "{\"modelTopology\": {}, \"weightsManifest\": [{\"paths\": "
                + "[\"group1-shard1of1.bin\"], \"weights\": ["
                + "{\"name\": \"conv2d_1/kernel\", \"shape\": [3, 3, 2, 12], \"dtype\": \"float32\"},"
                + "{\"name\": \"dense_1/kernel\", \"shape\": [18, 11], \"dtype\": \"float32\"},"
                + "{\"name\": \"dense_1/bias\", \"shape\": [11], \"dtype\": \"float32\"}]}]}");
        Run r = run("profile", d.resolve("model.json").toString(), "--quiet", "--csv");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().skip(1).toList();
        assertEquals(2, rows.size(), r.out());
        // HWIO [3,3,2,12] flattens to (3·3·2) × 12 with rows in stored order, so the matrix is the buffer as is
        assertTrue(rows.get(0).startsWith("conv2d_1/kernel,conv,18,12,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("dense_1/kernel,dense,18,11,"), rows.get(1));
        // Frobenius norm of the float32 entries, summed here
        double ss = 0;
        for (float v : dk) {
            ss += (double) v * v;
        }
        assertEquals(Math.sqrt(ss), Double.parseDouble(rows.get(1).split(",")[5]), 1e-12 * Math.sqrt(ss));
        // a shard cut short is unreadable input
        Files.write(d.resolve("group1-shard1of1.bin"), Arrays.copyOf(b.array(), 100));
        Run bad = run("profile", d.resolve("model.json").toString(), "--quiet");
        assertEquals(ExitCode.INPUT, bad.code(), bad.err());
        assertOneLineNoTrace(bad);
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
