package cartan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PyTorch checkpoints written by the real {@code torch.save} (make_torch_fixtures.py, Debian's torch 1.13)
 * against torch_expected.json, the values and singular values numpy computed from the same tensors.
 */
class PytorchCheckpointTest {

    static final JsonNode EXPECTED = read("/cartan/io/torch_expected.json");

    static JsonNode read(String resource) {
        try (InputStream in = PytorchCheckpointTest.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every float tensor numpy lists, with its shape, its exact values and its singular values. */
    static void assertMatchesNumpy(JsonNode expected, List<MatrixSource> sources) throws IOException {
        Map<String, MatrixSource> m = sources.stream().collect(Collectors.toMap(MatrixSource::name, x -> x));
        assertEquals(expected.size(), m.size(), "float tensors " + m.keySet());
        for (var it = expected.fields(); it.hasNext(); ) {
            var e = it.next();
            MatrixSource s = m.get(e.getKey());
            assertTrue(s != null, "missing " + e.getKey() + " in " + m.keySet());
            JsonNode sh = e.getValue().get("shape");
            int[] shape = new int[sh.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = sh.get(i).asInt();
            }
            assertArrayEquals(shape, s.originalShape(), e.getKey());
            NamedMatrix nm = s.load();
            if (shape.length != 4) {
                // (a conv kernel is flattened to (kh·kw·in) × out: convKernelsAreTheLoadedTensors checks its values)
                assertArrayEquals(Fixtures.doubles(e.getValue().get("values")), nm.matrix().data, 0, e.getKey());
            }
            Fixtures.assertSingularValues(Fixtures.doubles(e.getValue().get("svals")), nm.matrix());
        }
    }

    @Test
    void stateDictMatchesNumpy() throws IOException {
        List<MatrixSource> s = PytorchCheckpoint.open(Fixtures.path("torch_state_dict.pt"), ReadOptions.DEFAULT);
        assertMatchesNumpy(EXPECTED.get("torch_state_dict.pt"), s);
        Map<String, MatrixSource> m = s.stream().collect(Collectors.toMap(MatrixSource::name, x -> x));
        assertFalse(m.containsKey("bn.num_batches_tracked"), "int64 buffers are skipped");
        assertEquals(LayerKind.EMBEDDING, m.get("embed.weight").kind());
        assertEquals(LayerKind.CONV, m.get("conv.weight").kind());
        assertEquals(LayerKind.DENSE, m.get("fc.weight").kind());
        assertEquals(2 * 3 * 2, m.get("conv.weight").rows(), "kh·kw·in");
        assertEquals(3, m.get("conv.weight").cols(), "out");
        assertEquals(List.of("embed.weight", "conv.weight", "conv.bias", "bn.weight"),
                s.stream().map(MatrixSource::name).toList().subList(0, 4), "state-dict order");
    }

    @Test
    void convKernelsAreTheLoadedTensors() throws IOException {
        // the conv kernel's entries themselves, not just its singular values: OIHW as torch stores it
        WeightTensor conv = PytorchCheckpoint.readTensors(Fixtures.path("torch_state_dict.pt"), ConvLayout.OIHW)
                .stream().filter(t -> t.name().equals("conv.weight")).findFirst().orElseThrow();
        assertArrayEquals(Fixtures.doubles(EXPECTED.get("torch_state_dict.pt").get("conv.weight").get("values")),
                conv.values(), 0);
        assertArrayEquals(new int[]{3, 2, 2, 3}, conv.shape());
    }

    @Test
    void protocolFourAndBigEndianGiveTheSameTensors() throws IOException {
        JsonNode e = EXPECTED.get("torch_state_dict.pt");
        assertMatchesNumpy(e, PytorchCheckpoint.open(Fixtures.path("torch_protocol4.pt"), ReadOptions.DEFAULT));
        assertMatchesNumpy(e, PytorchCheckpoint.open(Fixtures.path("torch_big_endian.pt"), ReadOptions.DEFAULT));
    }

    @Test
    void nestedCheckpointWithParameters() throws IOException {
        assertMatchesNumpy(EXPECTED.get("torch_checkpoint.pth"),
                Models.open(Fixtures.path("torch_checkpoint.pth").toString()));
    }

    @Test
    void wholeModuleIsRefusedNamingItsClass() {
        UnsupportedWeightsException e = assertThrows(UnsupportedWeightsException.class,
                () -> PytorchCheckpoint.open(Fixtures.path("torch_module.pt"), ReadOptions.DEFAULT));
        HugeClaimsTest.mentions(e, "pickle global", "Net", "not allowed", "state_dict");
    }

    @Test
    void maliciousPickleIsRefusedAndNothingRuns() {
        Path marker = Path.of("/tmp/cartan-pwned");
        UnsupportedWeightsException e = assertThrows(UnsupportedWeightsException.class,
                () -> PytorchCheckpoint.open(Fixtures.path("torch_evil.pt"), ReadOptions.DEFAULT));
        HugeClaimsTest.mentions(e, "'posix.system'", "not allowed");
        assertFalse(Files.exists(marker));
    }

    @Test
    void legacyFormatIsRefusedClearly() {
        UnsupportedWeightsException e = assertThrows(UnsupportedWeightsException.class,
                () -> Models.open(Fixtures.path("torch_legacy.pt").toString()));
        HugeClaimsTest.mentions(e, "legacy", "zip");
    }

    /** A zip with the given entries, each stored (or deflated) as named. */
    static byte[] zip(Map<String, byte[]> entries, boolean deflate) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                if (!deflate || !e.getKey().endsWith("data.pkl")) {
                    ze.setMethod(ZipEntry.STORED);
                    ze.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    ze.setCrc(crc.getValue());
                }
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /**
     * A one-tensor checkpoint: protocol-2 pickle {@code {"w": _rebuild_tensor_v2(storage '0' of numel floats,
     * offset, size, stride, False, OrderedDict())}}, storage bytes as given.
     */
    static byte[] oneTensor(int numel, int offset, int[] size, int[] stride, byte[] storage, String storageType)
            throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(new byte[]{(byte) 0x80, 2, '}', '(', 'X', 1, 0, 0, 0, 'w'});
        p.writeBytes("ctorch._utils\n_rebuild_tensor_v2\n".getBytes());
        p.write(new byte[]{'(', '(', 'X', 7, 0, 0, 0});
        p.writeBytes("storage".getBytes());
        p.writeBytes(("ctorch\n" + storageType + "\n").getBytes());
        p.write(new byte[]{'X', 1, 0, 0, 0, '0', 'X', 3, 0, 0, 0, 'c', 'p', 'u', 'J'});
        p.write(le(numel));
        p.write(new byte[]{'t', 'Q', 'J'});
        p.write(le(offset));
        p.write('(');
        for (int s : size) {
            p.write('J');
            p.write(le(s));
        }
        p.write(new byte[]{'t', '('});
        for (int s : stride) {
            p.write('J');
            p.write(le(s));
        }
        p.write(new byte[]{'t', (byte) 0x89});
        p.writeBytes("ccollections\nOrderedDict\n".getBytes());
        p.write(new byte[]{')', 'R', 't', 'R', 'u', '.'});
        return zip(new java.util.LinkedHashMap<>(Map.of("archive/data.pkl", p.toByteArray(),
                "archive/data/0", storage)), false);
    }

    static byte[] le(int v) {
        return new byte[]{(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    static byte[] floats(int n) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(i);
        }
        return b.array();
    }

    @Test
    void handWrittenViewsAndTheirChecks(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("v.pt");
        // a 2x3 view with strides (1, 2) over 6 floats 0..5: column-major, so w[i][j] = i + 2j
        Files.write(f, oneTensor(6, 0, new int[]{2, 3}, new int[]{1, 2}, floats(6), "FloatStorage"));
        assertArrayEquals(new double[]{0, 2, 4, 1, 3, 5},
                PytorchCheckpoint.readTensors(f, ConvLayout.OIHW).get(0).values(), 0);
        // offset 1, size (2, 2), strides (3, 1): elements 1, 2, 4, 5
        Files.write(f, oneTensor(6, 1, new int[]{2, 2}, new int[]{3, 1}, floats(6), "FloatStorage"));
        assertArrayEquals(new double[]{1, 2, 4, 5}, PytorchCheckpoint.readTensors(f, ConvLayout.OIHW).get(0).values(), 0);

        Files.write(f, oneTensor(6, 1, new int[]{2, 3}, new int[]{3, 1}, floats(6), "FloatStorage"));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class,
                () -> PytorchCheckpoint.open(f, ReadOptions.DEFAULT)), "reaches element 6", "storage of 6");
        Files.write(f, oneTensor(6, 0, new int[]{1 << 20, 1 << 20}, new int[]{0, 0}, floats(6), "FloatStorage"));
        HugeClaimsTest.mentions(assertThrows(UnsupportedWeightsException.class,
                () -> PytorchCheckpoint.open(f, ReadOptions.DEFAULT)), "expanded view");
        Files.write(f, oneTensor(1 << 30, 0, new int[]{2}, new int[]{1}, floats(6), "FloatStorage"));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class,
                () -> PytorchCheckpoint.open(f, ReadOptions.DEFAULT)), "needs 4294967296 bytes", "has 24");
        Files.write(f, oneTensor(6, 0, new int[]{6}, new int[]{1}, floats(6), "ComplexFloatStorage"));
        HugeClaimsTest.mentions(assertThrows(UnsupportedWeightsException.class,
                () -> PytorchCheckpoint.open(f, ReadOptions.DEFAULT)), "torch.ComplexFloatStorage", "not supported");
        Files.write(f, zip(Map.of("archive/data.pkl", new byte[]{(byte) 0x80, 2, '}', '.'}), false));
        assertTrue(PytorchCheckpoint.open(f, ReadOptions.DEFAULT).isEmpty(), "an empty dict");
        Files.write(f, zip(Map.of("archive/data.pkl", new byte[]{(byte) 0x80, 2, 'X', (byte) 0xff, (byte) 0xff,
                (byte) 0xff, 0x7f, '.'}), false));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class,
                () -> PytorchCheckpoint.open(f, ReadOptions.DEFAULT)), "needs 2147483651 bytes");
        Files.write(f, zip(Map.of("archive/data.pkl", new byte[]{(byte) 0x80, 2, 'I', '1', '\n', '.'}), false));
        HugeClaimsTest.mentions(assertThrows(UnsupportedWeightsException.class,
                () -> PytorchCheckpoint.open(f, ReadOptions.DEFAULT)), "opcode INT");
        Files.write(f, zip(Map.of("data.pkl", new byte[]{'.'}), false));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class,
                () -> PytorchCheckpoint.open(f, ReadOptions.DEFAULT)), "without <archive>/data.pkl");
    }

    @Test
    void missingAndCompressedStorages(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(Fixtures.path("torch_state_dict.pt").toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                try (InputStream in = z.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        Path f = dir.resolve("s.pt");
        Map<String, byte[]> missing = new java.util.LinkedHashMap<>(entries);
        missing.remove("torch_state_dict/data/3");
        Files.write(f, zip(missing, false));
        HugeClaimsTest.mentions(assertThrows(MalformedWeightsException.class,
                () -> PytorchCheckpoint.open(f, ReadOptions.DEFAULT)), "data/3", "missing");
        // a deflated data.pkl is fine (it does not inflate beyond the file)
        Files.write(f, zip(entries, true));
        assertMatchesNumpy(EXPECTED.get("torch_state_dict.pt"), PytorchCheckpoint.open(f, ReadOptions.DEFAULT));
    }

    @Test
    void dispatchByExtensionAndBin(@TempDir Path dir) throws IOException {
        Path bin = Files.copy(Fixtures.path("torch_state_dict.pt"), dir.resolve("pytorch_model.bin"));
        assertEquals(WeightFormats.PYTORCH, WeightFormats.of(bin));
        assertMatchesNumpy(EXPECTED.get("torch_state_dict.pt"), Models.open(bin.toString()));
        // a .bin that is neither a zip nor a pickle (a TF.js shard) is not taken for a checkpoint
        Path shard = Files.write(dir.resolve("group1-shard1of1.bin"), new byte[]{0, 0, (byte) 0x80, 0x3f});
        assertFalse(WeightFormats.of(shard) == WeightFormats.PYTORCH);
    }
}
