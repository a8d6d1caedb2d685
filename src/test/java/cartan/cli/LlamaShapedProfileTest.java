package cartan.cli;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reduced version of issue 17's 7B-class run ({@code BLOCKS=32 bench/scale.sh}): two blocks with LLaMA-7B's
 * tensor names, layout ([out, in]) and aspect ratios (hidden 512 = 4096/8, intermediate 1376 = 11008/8), BF16 on
 * disk, profiled by {@code cartan profile} in a child JVM whose heap (-Xmx40m) is smaller than the model decoded
 * to doubles (14 matrices, 2 × 3.16 M entries = 50 MB). The run must finish, with every matrix in the table and
 * σ_max and the stable rank equal to those of EJML's SVD (a different algorithm from the profile's Gram
 * eigenvalues) of the same BF16 values decoded here by hand.
 */
class LlamaShapedProfileTest {

    private static final int HIDDEN = 512;
    private static final int INTERMEDIATE = 1376;
    private static final String[] NAMES = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj",
        "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"};
    private static final int[][] SHAPES = {{HIDDEN, HIDDEN}, {HIDDEN, HIDDEN}, {HIDDEN, HIDDEN}, {HIDDEN, HIDDEN},
        {INTERMEDIATE, HIDDEN}, {INTERMEDIATE, HIDDEN}, {HIDDEN, INTERMEDIATE}};

    @Test
    void twoLlamaBlocksProfileUnderAHeapSmallerThanTheModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("llama-2-blocks.safetensors");
        Map<String, short[]> written = write(model, 2, 7);
        Path csv = dir.resolve("profile.csv");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx40m", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), "cartan.cli.CartanCli", "profile", model.toString(),
                "--threads", "1", "--quiet", "--csv")
                .redirectOutput(csv.toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cartan profile did not finish in 300 s");
        }
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, p.exitValue(), "exit code; stderr: " + err);
        assertTrue(!err.contains("OutOfMemoryError"), err);

        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int layer = header.indexOf("layer");
        int sigmaMax = header.indexOf("sigma_max");
        int stable = header.indexOf("stable_rank");
        assertEquals(14 + 1, lines.size(), "a row per matrix");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            short[] bits = written.get(f[layer]);
            int[] shape = SHAPES[List.of(NAMES).indexOf(f[layer].replaceAll("model\\.layers\\.\\d+\\.", "")
                    .replace(".weight", ""))];
            DMatrixRMaj w = new DMatrixRMaj(shape[0], shape[1]);
            for (int i = 0; i < bits.length; i++) {
                w.data[i] = Float.intBitsToFloat((bits[i] & 0xffff) << 16);
            }
            double[] s = SingularOps_DDRM.singularValues(w);
            java.util.Arrays.sort(s);
            double top = s[s.length - 1];
            double fro = NormOps_DDRM.normF(w);
            assertEquals(top, Double.parseDouble(f[sigmaMax]), 1e-10 * top, f[layer] + " sigma_max");
            assertEquals(fro * fro / (top * top), Double.parseDouble(f[stable]), 1e-9 * fro * fro / (top * top),
                    f[layer] + " stable rank");
        }
    }

    /** Gaussian / sqrt(in) entries in BF16 (round to nearest even), seeded; returns the bits per tensor name. */
    private static Map<String, short[]> write(Path file, int blocks, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        Map<String, short[]> out = new HashMap<>();
        List<short[]> order = new ArrayList<>();
        long off = 0;
        for (int b = 0; b < blocks; b++) {
            for (int t = 0; t < NAMES.length; t++) {
                int rows = SHAPES[t][0];
                int cols = SHAPES[t][1];
                short[] v = new short[rows * cols];
                double scale = 1 / Math.sqrt(cols);
                for (int i = 0; i < v.length; i++) {
                    int u = Float.floatToIntBits((float) (rng.nextGaussian() * scale));
                    v[i] = (short) ((u + 0x7FFF + ((u >>> 16) & 1)) >>> 16);
                }
                String name = "model.layers." + b + "." + NAMES[t] + ".weight";
                header.append(",\"").append(name).append("\":{\"dtype\":\"BF16\",\"shape\":[").append(rows)
                        .append(',').append(cols).append("],\"data_offsets\":[").append(off).append(',')
                        .append(off + 2L * v.length).append("]}");
                off += 2L * v.length;
                out.put(name, v);
                order.add(v);
            }
        }
        header.append('}');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream os = Files.newOutputStream(file)) {
            os.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            os.write(h);
            for (short[] v : order) {
                ByteBuffer bb = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                bb.asShortBuffer().put(v);
                os.write(bb.array());
            }
        }
        return out;
    }
}
