package cartan.spark;

import cartan.io.NpyMatrixWriter;
import org.apache.spark.SparkConf;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Spark engine on a real Spark standalone cluster on this machine: a master and two workers (one core each) as
 * separate JVMs started from the cluster's Spark ({@code SPARK_HOME/jars}: Spark and Parquet only, nothing of
 * Cartan's, see {@code spark/spark-home/pom.xml}), so each worker launches its own executor JVM, which gets the
 * library and the sweep only as a cluster gets them: {@code cartan-spark-cluster.jar} shipped by the driver.
 * The sweep of four safetensors checkpoints (tasks read their tensor by offset) and a directory of .npy files
 * (tasks open the model on the executor) runs twice against it: {@code bin/cartan sweep --engine spark --master
 * spark://…}, and the documented spark-submit of the cluster jar ({@code org.apache.spark.deploy.SparkSubmit}, the
 * class behind the script). Both tables must be the sequential {@code cartan sweep} table, the same CSV text.
 *
 * <p>Run by {@code bin/cartan test}, which builds the cluster jar and the cluster's Spark and passes
 * {@code -Dcartan.cluster.jar=…} and {@code -Dcartan.spark.home=…}; without them (a plain {@code mvn test}) it is
 * skipped. Every process it starts is killed at the end, executors included; every wait has a deadline.
 */
class StandaloneClusterTest {

    /** Longest wait for a daemon to come up, and for one sweep: several times the usual, for a shared machine. */
    static final long START_SECONDS = 180;
    static final long SWEEP_SECONDS = 420;

    @TempDir
    Path tmp;

    private final List<Daemon> daemons = new ArrayList<>();

    /** A child JVM with its output in a log file. */
    record Daemon(String name, Process process, Path log) {

        /** The first group of the first line of the log matching {@code pattern}, waiting for it. */
        String await(Pattern pattern) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            while (System.nanoTime() < deadline) {
                Matcher m = pattern.matcher(Files.readString(log));
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                if (!process.isAlive()) {
                    fail(name + " exited with " + process.exitValue() + " before /" + pattern + "/:\n" + tail(log));
                }
                Thread.sleep(200);
            }
            return fail(name + " did not log /" + pattern + "/ within " + START_SECONDS + " s:\n" + tail(log));
        }

        /** Stops the process (a worker's shutdown kills its executors), then anything of it still running. */
        void kill() {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            for (ProcessHandle c : children) {
                c.destroyForcibly();
            }
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVM options Spark's launcher adds on Java 17 (spark/pom.xml's spark.jvm.options). */
    static List<String> jvmOptions() {
        String o = System.getProperty("cartan.spark.jvm.options", "");
        return o.isBlank() ? List.of() : List.of(o.trim().split("\\s+"));
    }

    Daemon start(String name, Path sparkHome, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");   // Spark's launcher asks for it when SPARK_HOME is not a source tree
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OPENBLAS_NUM_THREADS", "1");
        // the scratch space of drivers and (through their worker) executors: in the test's folder, not /tmp
        env.put("SPARK_LOCAL_DIRS", tmp.resolve("local").toString());
        Path log = tmp.resolve(name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Daemon d = new Daemon(name, pb.start(), log);
        daemons.add(d);
        // should this JVM be killed first (a surefire timeout), the cluster goes with it
        Runtime.getRuntime().addShutdownHook(new Thread(d::kill));
        return d;
    }

    List<String> sparkClass(Path sparkHome, String mainClass, String... args) {
        List<String> c = new ArrayList<>();
        c.add(javaCommand());
        c.addAll(jvmOptions());
        c.add("-Xmx512m");
        c.add("-cp");
        c.add(sparkHome.resolve("jars") + "/*");
        c.add(mainClass);
        c.addAll(List.of(args));
        return c;
    }

    /** Runs a driver to completion (at most {@link #SWEEP_SECONDS}) and returns its log. */
    String runDriver(String name, Path sparkHome, List<String> command) throws IOException, InterruptedException {
        Daemon d = start(name, sparkHome, command);
        long t0 = System.nanoTime();
        if (!d.process().waitFor(SWEEP_SECONDS, TimeUnit.SECONDS)) {
            fail(name + " did not finish within " + SWEEP_SECONDS + " s:\n" + tail(d.log()) + executorLogs());
        }
        String log = Files.readString(d.log());
        System.out.printf("StandaloneClusterTest: %s took %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        assertEquals(0, d.process().exitValue(), name + " failed:\n" + tail(d.log()) + executorLogs());
        return log;
    }

    /** The executors' stderr, for a failure message. */
    String executorLogs() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                b.append("\n--- ").append(tmp.relativize(p)).append(":\n").append(tail(p));
            }
        } catch (IOException e) {
            b.append("\n(executor logs unreadable: ").append(e.getMessage()).append(')');
        }
        return b.toString();
    }

    /**
     * A model that is a directory of two float64 .npy matrices: no byte ranges, so its tasks open the model on the
     * executor ({@link OpenModels}) instead of reading a safetensors slice.
     */
    static Path npyModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(7);
        int[][] shapes = {{40, 30}, {30, 20}};
        for (int k = 0; k < shapes.length; k++) {
            DMatrixRMaj w = new DMatrixRMaj(shapes[k][0], shapes[k][1]);
            for (int i = 0; i < w.data.length; i++) {
                w.data[i] = r.nextGaussian();
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve("fc" + (k + 1) + ".npy"))) {
                NpyMatrixWriter.write(w, out);
            }
        }
        return dir;
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void standaloneClusterTableEqualsTheSequentialTable() throws Exception {
        String jarProperty = System.getProperty("cartan.cluster.jar", "");
        String homeProperty = System.getProperty("cartan.spark.home", "");
        assumeTrue(!jarProperty.isBlank() && !homeProperty.isBlank(),
                "SKIPPED the standalone-cluster test: run by bin/cartan test, which builds its inputs and passes "
                        + "-Dcartan.cluster.jar=spark/target/cartan-spark-cluster.jar -Dcartan.spark.home=spark/target/spark-home");
        Path clusterJar = Path.of(jarProperty).toAbsolutePath();
        Path sparkHome = Path.of(homeProperty).toAbsolutePath();
        assertTrue(Files.isRegularFile(clusterJar), clusterJar + " is missing (mvn -f spark/pom.xml -Pcluster package)");
        Path ownCore = Path.of(SparkConf.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path core = sparkHome.resolve("jars").resolve(ownCore.getFileName().toString());
        assertTrue(Files.isRegularFile(core), core + " is missing: the cluster's Spark must be the one spark/ is built with");
        try (Stream<Path> jars = Files.list(sparkHome.resolve("jars"))) {
            List<String> ours = jars.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cartan")).toList();
            assertEquals(List.of(), ours, "the cluster's Spark must not hold Cartan: the executors get it from the driver");
        }
        Path root = Path.of(System.getProperty("cartan.root", "..")).toAbsolutePath().normalize();
        Path cartan = root.resolve("bin").resolve("cartan");
        assertTrue(Files.isExecutable(cartan), cartan + " is missing");

        Path dir = SparkSweepTest.checkpoints(tmp.resolve("run"));
        Path npy = npyModel(tmp.resolve("npy-model"));
        SparkSweepTest.Run local = SparkSweepTest.run(false, dir.toString(), npy.toString(), "--quiet", "--bootstrap", "20");
        assertEquals(0, local.code(), local.err());
        assertEquals(1 + 4 * 3 + 2, local.out().lines().count(), local.out());

        try {
            Daemon master = start("master", sparkHome, sparkClass(sparkHome, "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
            String url = master.await(Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)"));
            master.await(Pattern.compile("elected leader"));
            for (int w = 1; w <= 2; w++) {
                Path work = Files.createDirectories(tmp.resolve("work-" + w));
                Daemon worker = start("worker-" + w, sparkHome, sparkClass(sparkHome, "org.apache.spark.deploy.worker.Worker",
                        url, "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
                        "--work-dir", work.toString()));
                worker.await(Pattern.compile("Successfully registered with master"));
            }

            // 1. bin/cartan sweep --engine spark --master URL: the driver in bin/cartan's JVM, the cluster jar shipped
            Path out1 = tmp.resolve("out-cartan");
            runDriver("bin-cartan-sweep", sparkHome, List.of(cartan.toString(), "sweep", dir.toString(), npy.toString(), "--quiet",
                    "--bootstrap", "20", "--engine", "spark", "--master", url, "--out", out1.toString()));
            assertEquals(local.out(), Files.readString(out1.resolve("sweep.csv")), "bin/cartan sweep --master " + url);
            assertTrue(Files.readString(out1.resolve("sweep.json")).contains("\"master\" : \"" + url + " ("),
                    Files.readString(out1.resolve("sweep.json")));

            // 2. the README's spark-submit of the cluster jar, through the class behind the script
            Path out2 = tmp.resolve("out-submit");
            List<String> submit = sparkClass(sparkHome, "org.apache.spark.deploy.SparkSubmit", "--master", url,
                    "--class", "cartan.spark.SweepCli", clusterJar.toString(), dir.toString(), npy.toString(), "--quiet", "--bootstrap",
                    "20", "--out", out2.toString());
            runDriver("spark-submit", sparkHome, submit);
            assertEquals(local.out(), Files.readString(out2.resolve("sweep.csv")), "spark-submit --master " + url);

            // both workers launched an executor for each of the two applications
            for (int w = 1; w <= 2; w++) {
                try (Stream<Path> apps = Files.list(tmp.resolve("work-" + w))) {
                    assertEquals(2, apps.filter(p -> p.getFileName().toString().startsWith("app-")).count(),
                            "worker-" + w + " ran no executor for one of the sweeps" + executorLogs());
                }
            }
        } finally {
            for (int i = daemons.size() - 1; i >= 0; i--) {
                daemons.get(i).kill();
            }
        }
    }
}
