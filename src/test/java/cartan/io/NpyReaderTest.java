package cartan.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** npy/npz against files numpy wrote (see make_fixtures.py) and files this test writes byte by byte. */
class NpyReaderTest {

    static final JsonNode EXPECTED = Fixtures.expected();

    @ParameterizedTest
    @ValueSource(strings = {"a34_f4_le.npy", "a34_f8_be.npy", "a34_f4_fortran.npy", "a34_f2.npy"})
    void numpyWritten3x4InEveryEncodingReadsTheSameMatrix(String file) throws IOException {
        List<NamedMatrix> ms = NpyReader.read(Fixtures.path(file));
        assertEquals(1, ms.size());
        NamedMatrix m = ms.get(0);
        assertEquals(file.replace(".npy", ""), m.name());
        assertEquals(LayerKind.DENSE, m.kind());
        assertArrayEquals(new int[]{3, 4}, m.originalShape());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(Fixtures.a34(i, j), m.matrix().get(i, j), 0, file + " (" + i + "," + j + ")");
            }
        }
        Fixtures.assertSingularValues(Fixtures.doubles(EXPECTED.get("a34")), m.matrix());
    }

    @Test
    void fortranOrderRank3BigEndianIsPermutedToCOrder() throws IOException {
        WeightTensor t = NpyReader.readTensors(Fixtures.path("a234_f8_fortran_be.npy"), ConvLayout.OIHW).get(0);
        assertArrayEquals(new int[]{2, 3, 4}, t.shape());
        double[] first = Fixtures.doubles(EXPECTED.get("a234_c_order_first_row"));
        assertArrayEquals(first, Arrays.copyOf(t.values(), first.length), 0);
        for (int i = 0; i < 24; i++) {
            assertEquals(1.5 * i, t.values()[i], 0); // numpy: (arange(24).reshape(2,3,4) * 1.5) in C order
        }
    }

    @Test
    void convKernelFlattensAndSlicesLikeNumpy() throws IOException {
        NamedMatrix flat = NpyReader.read(Fixtures.path("conv_oihw_f4.npy")).get(0);
        assertEquals(LayerKind.CONV, flat.kind());
        assertEquals(12, flat.rows());
        assertEquals(2, flat.cols());
        Fixtures.assertSingularValues(Fixtures.doubles(EXPECTED.get("conv_flat")), flat.matrix());
        List<NamedMatrix> slices = NpyReader.read(Fixtures.path("conv_oihw_f4.npy"),
                ReadOptions.DEFAULT.withConvMode(ConvMode.PER_SLICE));
        assertEquals(List.of("conv_oihw_f4[0,0]", "conv_oihw_f4[0,1]", "conv_oihw_f4[1,0]", "conv_oihw_f4[1,1]"),
                slices.stream().map(NamedMatrix::name).toList());
        for (int p = 0; p < 4; p++) {
            assertEquals(3, slices.get(p).rows());
            Fixtures.assertSingularValues(Fixtures.doubles(EXPECTED.get("conv_slices").get(p)), slices.get(p).matrix());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays.npz", "arrays_compressed.npz"})
    void npzStoredAndDeflated(String file) throws IOException {
        Map<String, NamedMatrix> m = NpyReader.read(Fixtures.path(file)).stream()
                .collect(Collectors.toMap(NamedMatrix::name, x -> x));
        Fixtures.assertSingularValues(Fixtures.doubles(EXPECTED.get("a34")), m.get("dense").matrix());
        Fixtures.assertSingularValues(Fixtures.doubles(EXPECTED.get("conv_flat")), m.get("conv").matrix());
        if (m.containsKey("bias")) {
            assertEquals(LayerKind.OTHER, m.get("bias").kind());
            assertArrayEquals(new double[]{1.0, -2.0, 3.5}, m.get("bias").matrix().data, 0);
        }
        assertEquals(WeightFiles.Format.NPZ, WeightFiles.format(Fixtures.path(file)));
    }

    @Test
    void integerArraysAreUnsupported() {
        UnsupportedWeightsException e = assertThrows(UnsupportedWeightsException.class,
                () -> NpyReader.read(Fixtures.path("ints.npy")));
        assertTrue(e.getMessage().contains("<i8"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // hostile input

    static byte[] npy(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h).put(data);
        return b.array();
    }

    @Test
    void selfWrittenNpyMatchesByConstruction(@TempDir Path dir) throws IOException {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(1.25).putDouble(-3);
        Path f = dir.resolve("v.npy");
        Files.write(f, npy("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }\n", d.array()));
        NamedMatrix m = WeightFiles.read(f).get(0);
        assertEquals(LayerKind.OTHER, m.kind());
        assertArrayEquals(new double[]{1.25, -3}, m.matrix().data, 0);
    }

    @Test
    void everyTruncationIsMalformed(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path("a34_f4_le.npy"));
        Path f = dir.resolve("t.npy");
        for (int len = 0; len < full.length; len++) {
            Files.write(f, Arrays.copyOf(full, len));
            assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f), "length " + len);
        }
        Files.write(f, Arrays.copyOf(full, full.length + 1));
        assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f), "trailing byte");
    }

    @Test
    void hugeShapeIsRejectedBeforeAllocation(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("h.npy");
        Files.write(f, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 10000), }\n", new byte[8]));
        MalformedWeightsException e = assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f));
        assertTrue(e.getMessage().contains("8000000000"), e.getMessage());
        Files.write(f, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }\n",
                new byte[8]));
        assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f));
        Files.write(f, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 2), }\n", new byte[8]));
        assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f));
    }

    @Test
    void hugeVersion2HeaderLengthIsRejected(@TempDir Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(0x7fffffff);
        Path f = dir.resolve("v2.npy");
        Files.write(f, b.array());
        assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f));
    }

    @Test
    void badMagicAndMissingKeysAreMalformed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.npy");
        Files.write(f, "not an npy file at all".getBytes());
        assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f));
        Files.write(f, npy("{'fortran_order': False, 'shape': (1,), }\n", new byte[8]));
        assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f));
    }

    @Test
    void bitFlipsInNpyAndNpzNeverEscapeAsUncheckedExceptions(@TempDir Path dir) throws IOException {
        for (String name : List.of("a34_f8_be.npy", "arrays.npz", "arrays_compressed.npz")) {
            byte[] full = Files.readAllBytes(Fixtures.path(name));
            Path f = dir.resolve(name);
            int rejected = 0;
            for (int i = 0; i < full.length; i++) {
                for (int bit = i % 3; bit < 8; bit += 4) {
                    byte[] b = full.clone();
                    b[i] ^= (byte) (1 << bit);
                    Files.write(f, b);
                    try {
                        NpyReader.read(f);
                    } catch (MalformedWeightsException | UnsupportedWeightsException e) {
                        rejected++;
                    } catch (IOException | RuntimeException | OutOfMemoryError e) {
                        fail(name + " byte " + i + " bit " + bit + ": " + e);
                    }
                }
            }
            assertTrue(rejected > 0, name);
        }
    }

    @Test
    void truncatedNpzIsMalformed(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path("arrays_compressed.npz"));
        Path f = dir.resolve("t.npz");
        for (int len = 2; len < full.length; len += 7) {
            Files.write(f, Arrays.copyOf(full, len));
            assertThrows(MalformedWeightsException.class, () -> NpyReader.read(f), "length " + len);
        }
    }
}
