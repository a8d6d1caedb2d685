package cartan.cli;

import cartan.io.SafetensorsWriter;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cartan sweep} (local engine) over a directory of checkpoints: each checkpoint's rows are its
 * {@code cartan profile --csv} rows behind {@code model} and {@code step}, in step order; σ_max is checked against
 * EJML's SVD of the written matrices (a different algorithm from the profile's LAPACK/Gram path); an unreadable
 * checkpoint is reported and skipped.
 */
class SweepCommandTest {

    @TempDir
    Path tmp;

    /** Checkpoint of step s: two float64 layers, N(0, 1) entries from seed s (40×25 and 30×45). */
    static List<DMatrixRMaj> weights(long step) {
        Random r = new Random(step);
        DMatrixRMaj a = new DMatrixRMaj(40, 25);
        DMatrixRMaj b = new DMatrixRMaj(30, 45);
        for (DMatrixRMaj m : List.of(a, b)) {
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = r.nextGaussian();
            }
        }
        return List.of(a, b);
    }

    Path checkpoints(long... steps) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        for (long s : steps) {
            List<DMatrixRMaj> w = weights(s);
            SafetensorsWriter.write(dir.resolve(String.format("step-%06d.safetensors", s)),
                    List.of(SafetensorsWriter.matrix("a.weight", w.get(0)), SafetensorsWriter.matrix("b.weight", w.get(1))),
                    SafetensorsWriter.Dtype.F64, Map.of());
        }
        Files.writeString(dir.resolve("notes.txt"), "no step in this name: not a checkpoint");
        return dir;
    }

    @Test
    void eachCheckpointsRowsAreItsProfileRowsInStepOrder() throws IOException {
        Path dir = checkpoints(10, 2, 30);
        ProfileCommandTest.Run r = ProfileCommandTest.run("sweep", dir.toString(), "--quiet", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1 + 3 * 2, lines.size(), r.out());
        int k = 1;
        for (long s : new long[] {2, 10, 30}) {
            Path f = dir.resolve(String.format("step-%06d.safetensors", s));
            ProfileCommandTest.Run p = ProfileCommandTest.run("profile", f.toString(), "--csv", "--quiet", "--threads", "1");
            assertEquals(0, p.code(), p.err());
            List<String> expected = p.out().lines().toList();
            assertEquals("model,step," + expected.get(0), lines.get(0));
            for (int i = 1; i < expected.size(); i++) {
                assertEquals(f + "," + s + "," + expected.get(i), lines.get(k++), "step " + s + " row " + i);
            }
        }
        // sigma_max (column 6 of the sweep) against EJML's SVD of the same doubles
        List<String> header = List.of(lines.get(0).split(","));
        int sigma = header.indexOf("sigma_max");
        int layer = header.indexOf("layer");
        k = 1;
        for (long s : new long[] {2, 10, 30}) {
            List<DMatrixRMaj> w = weights(s);
            for (int j = 0; j < 2; j++) {
                String[] row = lines.get(k++).split(",");
                assertEquals(j == 0 ? "a.weight" : "b.weight", row[layer]);
                double[] sv = SingularOps_DDRM.singularValues(w.get(j));
                double max = java.util.Arrays.stream(sv).max().orElseThrow();
                double got = Double.parseDouble(row[sigma]);
                assertEquals(max, got, 1e-10 * max, "step " + s + " layer " + j);
            }
        }
    }

    @Test
    void anUnreadableCheckpointIsSkippedAndReported() throws IOException {
        Path dir = checkpoints(1, 2);
        Files.write(dir.resolve("step-000003.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Path out = tmp.resolve("out");
        ProfileCommandTest.Run r = ProfileCommandTest.run("sweep", dir.toString(), "--quiet", "--out", out.toString());
        assertEquals(ExitCode.INPUT, r.code(), r.err());
        assertTrue(r.err().contains("step-000003.safetensors"), r.err());
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(1 + 2 * 2, rows.size());
        List<String> errors = Files.readAllLines(out.resolve("errors.csv"));
        assertEquals(2, errors.size(), String.join("\n", errors));
        assertTrue(errors.get(1).contains(",3,"), errors.get(1));
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        Path dir = checkpoints(1);
        assertEquals(ExitCode.USAGE, ProfileCommandTest.run("sweep", dir.toString(), "--engine", "hadoop").code());
        assertEquals(ExitCode.USAGE, ProfileCommandTest.run("sweep", dir.toString(), "--step-regex", "(").code());
        assertEquals(ExitCode.INPUT, ProfileCommandTest.run("sweep", tmp.resolve("missing").toString()).code());
    }
}
