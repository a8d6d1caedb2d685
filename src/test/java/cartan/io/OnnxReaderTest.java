package cartan.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static cartan.io.ProtoWriter.f32;
import static cartan.io.ProtoWriter.message;
import static cartan.io.ProtoWriter.node;
import static cartan.io.ProtoWriter.packedF64;
import static cartan.io.ProtoWriter.packedVarints;
import static cartan.io.ProtoWriter.rawTensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The ONNX reader against models this test encodes itself with {@link ProtoWriter}, so every
 * expected value is known by construction. Field numbers are those of onnx.proto (ModelProto.graph =
 * 7, GraphProto.node = 1 / initializer = 5, NodeProto input 1 / output 2 / name 3 / op_type 4 /
 * attribute 5, AttributeProto name 1 / t 5 / g 6 / graphs 11, TensorProto dims 1 / data_type 2 /
 * float_data 4 / int32_data 5 / name 8 / raw_data 9 / double_data 10 / external_data 13 /
 * data_location 14).
 */
class OnnxReaderTest {

    static final double[] W = {0.5, -1.0, 2.25, 3.0, -0.125, 4.0};          // MatMul weight [3, 2]
    static final double[] CONV = new double[2 * 3 * 2 * 2];                  // Conv weight [2, 3, 2, 2]

    static {
        for (int i = 0; i < CONV.length; i++) {
            CONV[i] = i * 0.25 - 1.0;
        }
    }

    /** A graph exercising every storage path; opset_import (field 8) is written after the graph. */
    static byte[] model() {
        ProtoWriter g = message();
        // MatMul, weight as raw float32, anonymous exporter name
        g.message(1, node("/encoder/layer.0/attention/self/query/MatMul", "MatMul",
                new String[]{"x", "onnx::MatMul_787"}, new String[]{"q"}));
        g.message(5, rawTensor("onnx::MatMul_787", 1, new long[]{3, 2}, f32(W)));
        // Gemm: weight in packed float_data, bias in unpacked fixed32 float_data
        g.message(1, node("/fc/Gemm", "Gemm", new String[]{"q", "fc.weight", "fc.bias"}, new String[]{"y"}));
        ProtoWriter gemmW = message().bytes(1, packedVarints(2, 2)).varint(2, 1).string(8, "fc.weight")
                .bytes(4, f32(1, 2, 3, 4));
        g.message(5, gemmW);
        ProtoWriter gemmB = message().varint(1, 2).varint(2, 1).string(8, "fc.bias")
                .fixed32(4, Float.floatToIntBits(7.5f)).fixed32(4, Float.floatToIntBits(-0.5f));
        g.message(5, gemmB);
        // Conv with OIHW kernel as raw float32 and a bias (input 2)
        g.message(1, node("/conv1/Conv", "Conv", new String[]{"img", "conv1.w", "conv1.b"}, new String[]{"c"}));
        g.message(5, rawTensor("conv1.w", 1, new long[]{2, 3, 2, 2}, f32(CONV)));
        g.message(5, rawTensor("conv1.b", 1, new long[]{2}, f32(0.25, 0.75)));
        // Gather from an embedding table stored as packed double_data
        g.message(1, node("/emb/Gather", "Gather", new String[]{"emb.weight", "ids"}, new String[]{"e"}));
        g.message(5, message().bytes(1, packedVarints(4, 2)).varint(2, 11).string(8, "emb.weight")
                .bytes(10, packedF64(1, 2, 3, 4, 5, 6, 7, 8)));
        // float16 in int32_data (0x3C00 = 1, 0xC000 = -2, 0x3800 = 0.5, 0x4200 = 3), consumed via Cast
        g.message(1, node("/cast", "Cast", new String[]{"half.w"}, new String[]{"half.w.f32"}));
        g.message(1, node("/half/MatMul", "MatMul", new String[]{"e", "half.w.f32"}, new String[]{"h"}));
        g.message(5, message().bytes(1, packedVarints(2, 2)).varint(2, 10).string(8, "half.w")
                .bytes(5, packedVarints(0x3C00, 0xC000, 0x3800, 0x4200)));
        // bfloat16 raw (0x3F80 = 1, 0xC0A0 = -5), consumed by nothing
        g.message(5, rawTensor("loose.bf16", 16, new long[]{2}, new byte[]{(byte) 0x80, 0x3F, (byte) 0xA0,
                (byte) 0xC0}));
        // int64 shape constant: skipped
        g.message(5, rawTensor("shape", 7, new long[]{2}, new byte[16]));
        // Constant node holding a float tensor, feeding a MatMul
        g.message(1, node("/const", "Constant", new String[]{}, new String[]{"k.out"})
                .message(5, message().string(1, "value").message(5,
                        rawTensor("", 1, new long[]{1, 2}, f32(9, -9)))));
        g.message(1, node("/k/MatMul", "MatMul", new String[]{"h", "k.out"}, new String[]{"k"}));
        // If node: each branch holds a Constant conv kernel [1, 1, 1, 2] used by a Conv
        g.message(1, node("/if", "If", new String[]{"cond"}, new String[]{"z"})
                .message(5, message().string(1, "then_branch").message(6, branch("then", 1)))
                .message(5, message().string(1, "else_branch").message(6, branch("else", 2))));
        return message().varint(1, 7).message(7, g).message(8, message().varint(2, 11)).toByteArray();
    }

    static ProtoWriter branch(String tag, double scale) {
        return message()
                .message(1, node("/" + tag + "/const", "Constant", new String[]{}, new String[]{"w"})
                        .message(5, message().string(1, "value").message(5,
                                rawTensor("", 1, new long[]{1, 1, 1, 2}, f32(scale, -scale)))))
                .message(1, node("/" + tag + "/Conv", "Conv", new String[]{"c", "w"}, new String[]{"out"}));
    }

    static Map<String, WeightTensor> byName(List<WeightTensor> ts) {
        return ts.stream().collect(Collectors.toMap(WeightTensor::name, Function.identity()));
    }

    @Test
    void readsEveryStoragePathWithConsumerNamesAndKinds() throws IOException {
        List<WeightTensor> ts = OnnxReader.readTensors(model(), "test");
        Map<String, WeightTensor> m = byName(ts);
        assertEquals(11, ts.size(), ts.toString()); // 12 tensors written, the int64 one skipped

        WeightTensor q = m.get("/encoder/layer.0/attention/self/query/MatMul");
        assertEquals("onnx::MatMul_787", q.tensorName());
        assertEquals(LayerKind.DENSE, q.kind());
        assertArrayEquals(new int[]{3, 2}, q.shape());
        assertArrayEquals(W, q.values(), 0);

        assertArrayEquals(new double[]{1, 2, 3, 4}, m.get("/fc/Gemm").values(), 0);
        assertEquals(LayerKind.DENSE, m.get("/fc/Gemm").kind());
        WeightTensor bias = m.get("/fc/Gemm:2");
        assertEquals(LayerKind.OTHER, bias.kind());
        assertArrayEquals(new double[]{7.5, -0.5}, bias.values(), 0);

        WeightTensor conv = m.get("/conv1/Conv");
        assertEquals(LayerKind.CONV, conv.kind());
        assertEquals(ConvLayout.OIHW, conv.layout());
        assertArrayEquals(CONV, conv.values(), 0);
        assertArrayEquals(new double[]{0.25, 0.75}, m.get("/conv1/Conv:2").values(), 0);

        WeightTensor emb = m.get("/emb/Gather");
        assertEquals(LayerKind.EMBEDDING, emb.kind());
        assertEquals("emb.weight", emb.tensorName());
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6, 7, 8}, emb.values(), 0);

        WeightTensor half = m.get("/half/MatMul");
        assertEquals("half.w", half.tensorName());
        assertEquals(LayerKind.DENSE, half.kind());
        assertArrayEquals(new double[]{1, -2, 0.5, 3}, half.values(), 0);

        WeightTensor bf = m.get("loose.bf16");
        assertEquals(LayerKind.OTHER, bf.kind());
        assertArrayEquals(new double[]{1, -5}, bf.values(), 0);

        WeightTensor k = m.get("/k/MatMul");
        assertEquals("k.out", k.tensorName());
        assertArrayEquals(new double[]{9, -9}, k.values(), 0);

        assertArrayEquals(new double[]{1, -1}, m.get("/then/Conv").values(), 0);
        assertArrayEquals(new double[]{2, -2}, m.get("/else/Conv").values(), 0);
        assertEquals(LayerKind.CONV, m.get("/else/Conv").kind());
        assertTrue(ts.stream().noneMatch(t -> t.tensorName().equals("shape")), "int64 tensors are skipped");
    }

    @Test
    void readsFromAFileAndBuildsMatrices(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.onnx");
        Files.write(f, model());
        List<NamedMatrix> ms = OnnxReader.read(f);
        NamedMatrix conv = ms.stream().filter(x -> x.name().equals("/conv1/Conv")).findFirst().orElseThrow();
        assertEquals(2 * 2 * 3, conv.rows());
        assertEquals(2, conv.cols());
        // row (p·in + c), column o holds W[o, c, p] (OIHW, p = y·kw + x): spot-check p = 3, c = 1, o = 1
        assertEquals(CONV[(1 * 3 + 1) * 4 + 3], conv.matrix().get(3 * 3 + 1, 1), 0);
        List<NamedMatrix> sliced = OnnxReader.read(f, ReadOptions.DEFAULT.withConvMode(ConvMode.PER_SLICE));
        assertEquals(4, sliced.stream().filter(x -> x.name().startsWith("/conv1/Conv[")).count());
        assertEquals(WeightFiles.Format.ONNX, WeightFiles.format(f));
    }

    @Test
    void automaticNodeNamesGiveWayToRealTensorNames() throws IOException {
        ProtoWriter g = message()
                .message(1, node("Conv_73", "Conv", new String[]{"x", "model.encoder.3.weight"}, new String[]{"y"}))
                .message(5, rawTensor("model.encoder.3.weight", 1, new long[]{1, 1, 1}, f32(1)))
                .message(1, node("Conv_74", "Conv", new String[]{"y", "onnx::Conv_9"}, new String[]{"z"}))
                .message(5, rawTensor("onnx::Conv_9", 1, new long[]{1, 1, 1}, f32(2)))
                .message(1, node("", "MatMul", new String[]{"z", "onnx::MatMul_3"}, new String[]{"w"}))
                .message(5, rawTensor("onnx::MatMul_3", 1, new long[]{1, 1}, f32(3)));
        List<WeightTensor> ts = OnnxReader.readTensors(message().message(7, g).toByteArray(), "auto");
        assertEquals(List.of("model.encoder.3.weight", "Conv_74", "MatMul(onnx::MatMul_3)"),
                ts.stream().map(WeightTensor::name).toList());
    }

    @Test
    void duplicateNamesAreNumbered() throws IOException {
        ProtoWriter g = message()
                .message(1, node("/shared/MatMul", "MatMul", new String[]{"a", "b"}, new String[]{"y"}))
                .message(5, rawTensor("a", 1, new long[]{1, 1}, f32(1)))
                .message(5, rawTensor("b", 1, new long[]{1, 1}, f32(2)));
        List<WeightTensor> ts = OnnxReader.readTensors(message().message(7, g).toByteArray(), "dup");
        assertEquals(List.of("/shared/MatMul", "/shared/MatMul#2"), ts.stream().map(WeightTensor::name).toList());
    }

    @Test
    void subgraphsInTheGraphsListAttributeAreRead() throws IOException {
        // AttributeProto.graphs (field 11), as a Scan/Loop-style node carrying a list of bodies
        ProtoWriter g = message().message(1, node("/multi", "CustomMulti", new String[]{}, new String[]{"o"})
                .message(5, message().string(1, "bodies")
                        .message(11, branch("first", 3))
                        .message(11, branch("second", 4))));
        Map<String, WeightTensor> m = byName(OnnxReader.readTensors(message().message(7, g).toByteArray(), "graphs"));
        assertArrayEquals(new double[]{3, -3}, m.get("/first/Conv").values(), 0);
        assertArrayEquals(new double[]{4, -4}, m.get("/second/Conv").values(), 0);
    }

    // ---------------------------------------------------------------------------------------------
    // hostile input

    @Test
    void everyTruncationInsideTheGraphIsMalformed() throws IOException {
        byte[] full = model();
        byte[] opset = message().message(8, message().varint(2, 11)).toByteArray();
        int graphEnd = full.length - opset.length;
        List<WeightTensor> reference = OnnxReader.readTensors(full, "full");
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            if (len < graphEnd) {
                assertThrows(MalformedWeightsException.class, () -> OnnxReader.readTensors(cut, "cut"),
                        "truncated to " + len);
            } else if (len == graphEnd) {
                assertEquals(reference, OnnxReader.readTensors(cut, "cut"));
            } else {
                assertThrows(MalformedWeightsException.class, () -> OnnxReader.readTensors(cut, "cut"),
                        "truncated to " + len);
            }
        }
    }

    @Test
    void bitFlipsNeverEscapeAsUncheckedExceptions() {
        byte[] full = model();
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < full.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] b = full.clone();
                b[i] ^= (byte) (1 << bit);
                try {
                    OnnxReader.readTensors(b, "flip");
                    parsed++;
                } catch (MalformedWeightsException | UnsupportedWeightsException e) {
                    rejected++;
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    fail("byte " + i + " bit " + bit + ": " + e);
                }
            }
        }
        assertTrue(rejected > 0 && parsed > 0, "flips both break and survive: " + parsed + "/" + rejected);
    }

    @Test
    void hugeLengthPrefixIsRejectedBeforeAllocation() {
        ProtoWriter t = message().bytes(1, packedVarints(2)).varint(2, 1).string(8, "w").lyingBytes(9, 1L << 40,
                f32(1, 2));
        byte[] model = message().message(7, message().message(5, t)).toByteArray();
        MalformedWeightsException e = assertThrows(MalformedWeightsException.class,
                () -> OnnxReader.readTensors(model, "huge"));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void hugeShapeWithLittleDataIsRejectedBeforeAllocation() {
        // 100000 × 10000 = 1e9 elements would need 8 GB as double[]; only 8 bytes are present
        byte[] model = message().message(7, message().message(5,
                rawTensor("w", 1, new long[]{100000, 10000}, f32(1, 2)))).toByteArray();
        MalformedWeightsException e = assertThrows(MalformedWeightsException.class,
                () -> OnnxReader.readTensors(model, "claims"));
        assertTrue(e.getMessage().contains("1000000000"), e.getMessage());
        // claims beyond 2^31 elements, and beyond a long, are refused the same way
        byte[] model2 = message().message(7, message().message(5,
                rawTensor("w", 1, new long[]{1L << 20, 1L << 20}, f32(1)))).toByteArray();
        assertThrows(MalformedWeightsException.class, () -> OnnxReader.readTensors(model2, "claims"));
        byte[] model3 = message().message(7, message().message(5,
                rawTensor("w", 1, new long[]{1L << 40, 1L << 40}, f32(1)))).toByteArray();
        MalformedWeightsException e3 = assertThrows(MalformedWeightsException.class,
                () -> OnnxReader.readTensors(model3, "claims"));
        assertTrue(e3.getMessage().contains("overflows"), e3.getMessage());
    }

    @Test
    void rawDataOfTheWrongSizeIsMalformed() {
        byte[] model = message().message(7, message().message(5,
                rawTensor("w", 1, new long[]{2, 2}, f32(1, 2, 3)))).toByteArray();
        MalformedWeightsException e = assertThrows(MalformedWeightsException.class,
                () -> OnnxReader.readTensors(model, "short"));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void externalDataIsRejectedWithAClearMessage() {
        ProtoWriter t = message().bytes(1, packedVarints(2, 2)).varint(2, 1).string(8, "big.weight")
                .message(13, message().string(1, "location").string(2, "weights.bin")).varint(14, 1);
        byte[] model = message().message(7, message().message(5, t)).toByteArray();
        UnsupportedWeightsException e = assertThrows(UnsupportedWeightsException.class,
                () -> OnnxReader.readTensors(model, "ext"));
        assertTrue(e.getMessage().contains("big.weight") && e.getMessage().contains("external"), e.getMessage());
    }

    @Test
    void nonOnnxBytesAreMalformed() {
        assertThrows(MalformedWeightsException.class, () -> OnnxReader.readTensors(new byte[0], "empty"));
        assertThrows(MalformedWeightsException.class,
                () -> OnnxReader.readTensors("hello, world".getBytes(), "text"));
        // a varint that never ends
        byte[] ff = new byte[20];
        Arrays.fill(ff, (byte) 0xff);
        assertThrows(MalformedWeightsException.class, () -> OnnxReader.readTensors(ff, "ff"));
    }

    @Test
    void deeplyNestedSubgraphsAreRejected() {
        ProtoWriter g = message();
        for (int i = 0; i < 70; i++) {
            g = message().message(1, node("n" + i, "If", new String[]{}, new String[]{})
                    .message(5, message().string(1, "then_branch").message(6, g)));
        }
        byte[] model = message().message(7, g).toByteArray();
        assertThrows(MalformedWeightsException.class, () -> OnnxReader.readTensors(model, "deep"));
    }
}
