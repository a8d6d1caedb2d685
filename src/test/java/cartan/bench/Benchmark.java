package cartan.bench;

import cartan.linalg.QrIteration;
import cartan.linalg.SingularValues;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Side-by-side benchmark of Cartan against numpy on identical inputs (run it with {@code bench/run.sh}).
 *
 * <p>For each work item the numpy side ({@code bench/svd_numpy.py time}, a fresh python3 process) and
 * the Java side run back to back: one warm-up run, then the best of {@code --repeats} timed runs; with
 * {@code --rounds R} this alternation is repeated R times and the best of each side is kept (the
 * machine is shared, so the minimum is the least noisy statistic). Columns: Cartan time, numpy time,
 * ratio Cartan/numpy, and the largest relative difference between the two results — for singular
 * values max_i |σ_i − σ_i^np| / σ_i^np, for Lyapunov exponents max_i |λ_i − λ_i^np| / max_i |λ_i^np|;
 * for singular values also the bound 2·k·ε·σ_1/σ_min that two backward-stable SVDs must satisfy.
 *
 * <p>Options: {@code --dir DIR} (inputs, default target/bench), {@code --repeats N} (3),
 * {@code --rounds R} (1), {@code --only a,b} (work names), {@code --ejml} (also time the pure-Java
 * path of singular values), {@code --python CMD} (python3).
 */
public final class Benchmark {

    private static final List<String> WORK = List.of(
            "svd-1024x1024", "svd-2048x2048", "svd-768x3072", "svd-4096x1024", "qr-d128-l2000", "qr-d256-l500");
    private static final Pattern SECONDS = Pattern.compile("\"seconds\":\\s*([0-9.eE+-]+)");

    private Path dir = Path.of("target/bench");
    private int repeats = 3;
    private int rounds = 1;
    private boolean ejml;
    private String python = "python3";
    private List<String> only = WORK;

    public static void main(String[] args) throws Exception {
        Benchmark b = new Benchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> b.dir = Path.of(args[++i]);
                case "--repeats" -> b.repeats = Integer.parseInt(args[++i]);
                case "--rounds" -> b.rounds = Integer.parseInt(args[++i]);
                case "--ejml" -> b.ejml = true;
                case "--python" -> b.python = args[++i];
                case "--only" -> b.only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        b.run();
    }

    private void run() throws Exception {
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel()
                + ", load average at start " + loadAverage());
        System.out.println("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        System.out.println("Cartan backend: " + SingularValues.backendDescription());
        System.out.println("numpy: " + command(python, "bench/svd_numpy.py", "info").trim());
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        System.out.println("OpenBLAS threads (both sides): " + (threads == null ? "default (one per core)" : threads));
        System.out.printf(Locale.ROOT, "best of %d after one warm-up, %d round(s), sides back to back%n%n", repeats, rounds);
        List<String> rows = new ArrayList<>();
        String head = "| work | Cartan s | numpy s | ratio | max rel. diff | bound |" + (ejml ? " EJML s |" : "");
        System.out.println(head);
        System.out.println("|---|---:|---:|---:|---:|---:|" + (ejml ? "---:|" : ""));
        for (String work : only) {
            double numpy = Double.POSITIVE_INFINITY;
            double cartan = Double.POSITIVE_INFINITY;
            double[] ours = null;
            for (int r = 0; r < rounds; r++) {
                numpy = Math.min(numpy, numpySeconds(work));
                Timed t = time(java(work));
                cartan = Math.min(cartan, t.seconds);
                ours = t.result;
            }
            double[] theirs = Npy.read(dir.resolve(work + ".numpy.npy")).data();
            double diff = work.startsWith("svd-") ? maxRelative(ours, theirs) : maxRelativeToScale(ours, theirs);
            String bound = work.startsWith("svd-") ? String.format(Locale.ROOT, "%.0e", svdBound(theirs)) : "–";
            String row = String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %.1e | %s |", label(work), cartan, numpy,
                    cartan / numpy, diff, bound);
            if (ejml) {
                row += work.startsWith("svd-") ? String.format(Locale.ROOT, " %.3f |", ejmlSeconds(work)) : " – |";
            }
            System.out.println(row);
            rows.add(row);
        }
        System.out.println();
        System.out.println("load average at end " + loadAverage());
    }

    private static String label(String work) {
        if (work.startsWith("svd-")) {
            return "singular values " + work.substring(4).replace("x", "×");
        }
        String[] p = work.substring(4).split("-l");
        return "Benettin QR d = " + p[0] + ", L = " + p[1];
    }

    private Supplier<double[]> java(String work) throws IOException {
        if (work.startsWith("svd-")) {
            Npy in = Npy.read(dir.resolve(work + ".in.npy"));
            DMatrixRMaj a = DMatrixRMaj.wrap(in.shape()[0], in.shape()[1], in.data());
            return () -> SingularValues.of(a);
        }
        String[] p = work.substring(4).split("-l");
        int d = Integer.parseInt(p[0]);
        int length = Integer.parseInt(p[1]);
        Npy pool = Npy.read(dir.resolve("qr-d" + d + ".pool.npy"));
        DMatrixRMaj[] w = new DMatrixRMaj[pool.shape()[0]];
        for (int i = 0; i < w.length; i++) {
            w[i] = DMatrixRMaj.wrap(d, d, Arrays.copyOfRange(pool.data(), i * d * d, (i + 1) * d * d));
        }
        return () -> benettin(w, length);
    }

    /** Q = I; L times Q R ← W_{l mod P} Q ({@link QrIteration}, default backend); returns the mean of log R_ii (finite-L Lyapunov exponents). */
    static double[] benettin(DMatrixRMaj[] pool, int length) {
        int d = pool[0].numRows;
        double[] acc = new double[d];
        try (QrIteration step = QrIteration.identityFrame(d, d)) {
            for (int l = 0; l < length; l++) {
                step.push(pool[l % pool.length]);
                for (int i = 0; i < d; i++) {
                    acc[i] += step.logDiagonal(i);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            acc[i] /= length;
        }
        return acc;
    }

    private record Timed(double seconds, double[] result) {
    }

    private Timed time(Supplier<double[]> f) {
        double[] result = f.get(); // warm-up
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            result = f.get();
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
        }
        return new Timed(best, result);
    }

    private double ejmlSeconds(String work) throws IOException {
        String old = System.getProperty("cartan.lapack");
        System.setProperty("cartan.lapack", "false");
        try {
            return time(java(work)).seconds;
        } finally {
            if (old == null) {
                System.clearProperty("cartan.lapack");
            } else {
                System.setProperty("cartan.lapack", old);
            }
        }
    }

    private double numpySeconds(String work) throws IOException, InterruptedException {
        String out = command(python, "bench/svd_numpy.py", "time", dir.toString(), work, Integer.toString(repeats));
        Matcher m = SECONDS.matcher(out);
        if (!m.find()) {
            throw new IOException("numpy side printed no time for " + work + ": " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String command(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = String.join("\n", r.lines().toList());
        }
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /**
     * The stated accuracy bound for two backward-stable SVDs of the same matrix: each σ_i is within
     * k·ε·σ_1 of the exact value (k = min(m, n), ε = 2⁻⁵²), so two of them differ relatively by at most
     * 2·k·ε·σ_1/σ_i, largest at σ_min.
     */
    static double svdBound(double[] s) {
        return 2 * s.length * 0x1p-52 * s[0] / s[s.length - 1];
    }

    static double maxRelative(double[] ours, double[] theirs) {
        if (ours.length != theirs.length) {
            throw new IllegalStateException("length " + ours.length + " vs " + theirs.length);
        }
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - theirs[i]) / Math.abs(theirs[i]));
        }
        return worst;
    }

    static double maxRelativeToScale(double[] ours, double[] theirs) {
        if (ours.length != theirs.length) {
            throw new IllegalStateException("length " + ours.length + " vs " + theirs.length);
        }
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
            scale = Math.max(scale, Math.abs(theirs[i]));
        }
        return worst / scale;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }
}
