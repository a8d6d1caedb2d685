package cartan.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The causal character transformer (embeddings, LayerNorm, QKV, causal softmax attention, output
 * projection, GELU MLP, residual sums, head, sequence cross-entropy) against an independent numpy
 * implementation: {@code src/test/resources/cartan/nn/transformer_reference.py} computes the loss, the
 * gradient by a hand-written backward pass and H v by complex-step differentiation of that gradient
 * (exact to rounding), for random parameters, tokens, targets and direction it draws itself.
 */
class ArchitectureNumpyReferenceTest {

    static double[] doubles(JsonNode n) {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    @Test
    void transformerLossGradientAndHvpMatchNumpy() throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("transformer_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int vocab = ref.get("vocabulary").asInt();
        int context = ref.get("context").asInt();
        int batch = ref.get("batch").asInt();
        Architecture a = Architectures.charTransformer("lm", vocab, context, new Architectures.TransformerShape(
                ref.get("width").asInt(), ref.get("depth").asInt(), ref.get("heads").asInt(), ref.get("mlp").asInt()), 1);
        Network net = a.network().withFlatParameters(doubles(ref.get("theta")));
        DMatrixRMaj x = DMatrixRMaj.wrap(batch, context, doubles(ref.get("ids")));
        DMatrixRMaj y = DMatrixRMaj.wrap(batch, context * vocab, doubles(ref.get("targets")));
        Pass p = net.pass(x, y);
        assertEquals(ref.get("loss").asDouble(), p.loss(), 1e-13);
        double[] g = p.flatGradient();
        double[] gRef = doubles(ref.get("gradient"));
        double[] hv = p.flatHvp(doubles(ref.get("v")));
        double[] hvRef = doubles(ref.get("hvp"));
        double gScale = NetworkTest.maxAbs(gRef);
        double hScale = NetworkTest.maxAbs(hvRef);
        for (int i = 0; i < g.length; i++) {
            assertEquals(gRef[i], g[i], 1e-12 * gScale, "gradient entry " + i);
            assertEquals(hvRef[i], hv[i], 1e-11 * hScale, "HVP entry " + i);
        }
    }
}
