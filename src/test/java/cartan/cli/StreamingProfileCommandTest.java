package cartan.cli;

import cartan.io.NamedMatrix;
import cartan.io.NpyReader;
import cartan.io.WeightFiles;
import cartan.io.Models;
import cartan.profile.ProfileOptions;
import cartan.profile.ExponentProfile;
import cartan.profile.LayerSpectrum;
import cartan.profile.ProfileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cartan profile} on safetensors models, which it streams, against the in-memory profile. */
class StreamingProfileCommandTest {

    @TempDir
    Path tmp;

    /** Three F32 layers (40×25, 60×30, 30×45 of ProfileCommandTest.matrix) and a 1-D bias. */
    Path model() throws IOException {
        String[] names = {"layers.0.attn.weight", "layers.0.mlp.weight", "layers.1.attn.weight", "layers.1.attn.bias"};
        int[][] shapes = {{40, 25}, {60, 30}, {30, 45}, {30}};
        StringBuilder h = new StringBuilder("{");
        long off = 0;
        int total = 0;
        for (int i = 0; i < names.length; i++) {
            int n = Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b);
            h.append(i > 0 ? "," : "").append('"').append(names[i]).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(Arrays.toString(shapes[i]).replace(" ", "")).append(",\"data_offsets\":[").append(off)
                    .append(',').append(off + 4L * n).append("]}");
            off += 4L * n;
            total += n;
        }
        byte[] hb = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + hb.length + 4 * total).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(hb.length).put(hb);
        double[] phase = {0, 0.5, 1, 0};
        for (int i = 0; i < names.length; i++) {
            int m = shapes[i].length == 2 ? shapes[i][0] : 1;
            int n = shapes[i][shapes[i].length - 1];
            double[] d = ProfileCommandTest.matrix(m, n, phase[i]).data;
            for (double x : d) {
                b.putFloat((float) x);
            }
        }
        Path f = tmp.resolve("model.safetensors");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void csvEqualsTheInMemoryProfileForAnyThreadCount() throws IOException {
        Path f = model();
        List<NamedMatrix> eager = Models.select(WeightFiles.read(f), null, 10);
        String expected = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(eager, ProfileOptions.DEFAULT, null));
        for (String threads : new String[] {"1", "2"}) {
            ProfileCommandTest.Run r = ProfileCommandTest.run("profile", f.toString(), "--csv", "--quiet",
                    "--threads", threads);
            assertEquals(0, r.code(), r.err());
            assertEquals(expected, r.out(), "threads " + threads);
        }
        String attn = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(Models.select(WeightFiles.read(f), "attn", 10),
                ProfileOptions.DEFAULT, null));
        ProfileCommandTest.Run r = ProfileCommandTest.run("profile", f.toString(), "--csv", "--quiet", "--layers", "attn");
        assertEquals(attn, r.out());
        assertEquals(3, r.out().lines().count(), "header and two attn layers");
    }

    @Test
    void exportNpyLoadsEachSelectedLayer() throws IOException {
        Path f = model();
        Path exp = tmp.resolve("npy");
        ProfileCommandTest.Run r = ProfileCommandTest.run("profile", f.toString(), "--quiet", "--export-npy",
                exp.toString(), "--layers", "mlp");
        assertEquals(0, r.code(), r.err());
        double[] back = NpyReader.read(exp.resolve("000.npy")).get(0).matrix().data;
        double[] src = ProfileCommandTest.matrix(60, 30, 0.5).data;
        assertEquals(src.length, back.length);
        for (int k = 0; k < src.length; k++) {
            assertEquals((float) src[k], back[k], 0, "element " + k);
        }
    }

    @Test
    void malformedAndFilteredOutInputsKeepTheirExitCodes() throws IOException {
        Path f = model();
        byte[] full = Files.readAllBytes(f);
        Path cut = tmp.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(full, full.length - 4));
        ProfileCommandTest.Run r = ProfileCommandTest.run("profile", cut.toString(), "--quiet");
        assertEquals(ExitCode.INPUT, r.code(), r.err());
        ProfileCommandTest.assertOneLineNoTrace(r);
        assertTrue(r.err().contains("cut.safetensors"), r.err());
        r = ProfileCommandTest.run("profile", f.toString(), "--quiet", "--min-size", "1000");
        assertEquals(ExitCode.NO_LAYERS, r.code(), r.err());
        r = ProfileCommandTest.run("profile", tmp.resolve("absent.safetensors").toString(), "--quiet");
        assertEquals(ExitCode.INPUT, r.code(), r.err());
    }
}
