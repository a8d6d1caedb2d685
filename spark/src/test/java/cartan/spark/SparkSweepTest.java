package cartan.spark;

import cartan.cli.CartanCli;
import cartan.io.SafetensorsWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Spark engine in local mode against the library's sequential {@code cartan sweep} (a different code path: one
 * {@code ExponentProfile.of} per model in one JVM, against one Spark task per layer reading its tensor by offset):
 * the CSV tables must be identical text, i.e. every value equal bit for bit; the Parquet file, read back by Spark SQL
 * (a reader independent of the writer), must hold the same rows and the same doubles.
 */
class SparkSweepTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(boolean spark, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = spark ? SweepCli.run(args, o, e) : CartanCli.run(prepend("sweep", args), o, e);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] prepend(String first, String[] rest) {
        String[] a = new String[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    /** Four checkpoints of a seeded "training run": three float32 layers of different shapes each. */
    Path checkpoints() throws IOException {
        return checkpoints(tmp.resolve("run"));
    }

    /** {@link #checkpoints()} in {@code dir}. */
    static Path checkpoints(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (long step : new long[] {0, 50, 100, 150}) {
            Random r = new Random(1000 + step);
            int[][] shapes = {{48, 24}, {24, 64}, {32, 32}};
            List<SafetensorsWriter.Tensor> tensors = new java.util.ArrayList<>();
            for (int k = 0; k < shapes.length; k++) {
                DMatrixRMaj w = new DMatrixRMaj(shapes[k][0], shapes[k][1]);
                for (int i = 0; i < w.data.length; i++) {
                    w.data[i] = r.nextGaussian() * (1 + step / 100.0 * (i % 7 == 0 ? 3 : 0));
                }
                tensors.add(SafetensorsWriter.matrix("blocks." + k + ".weight", w));
            }
            SafetensorsWriter.write(dir.resolve(String.format("step-%06d.safetensors", step)), tensors,
                    SafetensorsWriter.Dtype.F32, Map.of());
        }
        return dir;
    }

    @Test
    void sparkTableEqualsTheSequentialTableBitForBit() throws IOException {
        Path dir = checkpoints();
        Run local = run(false, dir.toString(), "--quiet", "--bootstrap", "20");
        assertEquals(0, local.code(), local.err());
        assertEquals(1 + 4 * 3, local.out().lines().count(), local.out());

        Path out = tmp.resolve("out");
        Run spark = run(true, dir.toString(), "--quiet", "--bootstrap", "20", "--master", "local[2]", "--out",
                out.toString());
        assertEquals(0, spark.code(), spark.err());
        assertEquals(local.out(), Files.readString(out.resolve("sweep.csv")));

        SparkSession s = SparkSession.builder().master("local[1]").appName("read back")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            Dataset<Row> p = s.read().parquet(out.resolve("sweep.parquet").toString());
            List<Row> rows = p.collectAsList();
            List<String> csv = local.out().lines().skip(1).toList();
            assertEquals(csv.size(), rows.size());
            List<String> header = List.of(local.out().lines().findFirst().orElseThrow().split(","));
            for (int i = 0; i < rows.size(); i++) {
                String[] c = csv.get(i).split(",", -1);
                Row r = rows.get(i);
                assertEquals(c[header.indexOf("model")], r.getAs("model"));
                assertEquals(Long.parseLong(c[header.indexOf("step")]), (long) r.<Long>getAs("step"));
                for (String col : List.of("sigma_max", "alpha", "alpha_p", "stable_rank", "beta_chart")) {
                    assertEquals(Double.parseDouble(c[header.indexOf(col)]), (double) r.<Double>getAs(col), 0.0,
                            "row " + i + " " + col);
                }
            }
        } finally {
            s.stop();
        }
    }
}
