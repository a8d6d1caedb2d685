package cartan.nn;

import cartan.io.TfjsModel;
import cartan.io.TfjsTensor;
import com.fasterxml.jackson.databind.JsonNode;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Network} from a Keras Sequential model stored as a TF.js layers model.
 *
 * <p>Supported layers: {@code Conv2D} (valid padding, stride 1, no dilation, channels_last),
 * {@code MaxPooling2D} (square window, stride = window, valid), {@code Dense}, {@code Flatten}
 * (a no-op: channels-last rows are already in Keras's flatten order) and {@code Dropout} (identity at
 * inference). Activations: relu, tanh, linear; a final softmax becomes the softmax cross-entropy loss
 * on logits (so {@link Network#predict} returns logits), otherwise the loss is squared error.
 * Keras stores a conv kernel as [kh, kw, in, out] and a dense kernel as [in, out], i.e. Wᵀ with
 * W ∈ R^{out × (kh·kw·in)}; weights are widened from float32 to double.
 */
public final class KerasSequential {

    private KerasSequential() {
    }

    /**
     * @throws IllegalArgumentException if the model has no topology, an unsupported layer or option,
     *                                  or a weight whose shape does not fit
     */
    public static Network fromTfjs(TfjsModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model: must not be null");
        }
        List<TfjsModel.Layer> spec = model.layers();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("model: has no Keras Sequential topology (a bare weights manifest?)");
        }
        int h = 0;
        int w = 0;
        int c = 0;
        int flat = 0;
        boolean image = false;
        JsonNode in = spec.get(0).config().get("batch_input_shape");
        if (in == null || !in.isArray()) {
            throw new IllegalArgumentException("model: the first layer has no batch_input_shape");
        }
        if (in.size() == 4) {
            h = in.get(1).asInt();
            w = in.get(2).asInt();
            c = in.get(3).asInt();
            image = true;
        } else if (in.size() == 2) {
            flat = in.get(1).asInt();
        } else {
            throw new IllegalArgumentException("model: unsupported input shape " + in);
        }
        List<Layer> layers = new ArrayList<>();
        List<Params> params = new ArrayList<>();
        Loss loss = Loss.SQUARED;
        for (int li = 0; li < spec.size(); li++) {
            TfjsModel.Layer l = spec.get(li);
            JsonNode cfg = l.config();
            boolean last = li == spec.size() - 1;
            switch (l.className()) {
                case "Conv2D" -> {
                    require(image, l, "needs an image input");
                    require(cfg.path("padding").asText("valid").equals("valid"), l, "padding must be 'valid'");
                    require(cfg.path("data_format").asText("channels_last").equals("channels_last"), l, "data_format must be channels_last");
                    require(ones(cfg.get("strides")), l, "strides must be 1");
                    require(ones(cfg.get("dilation_rate")), l, "dilation must be 1");
                    TfjsTensor k = model.tensor(l.name() + "/kernel");
                    require(k.shape().length == 4 && k.shape()[2] == c, l, "kernel shape does not match " + c + " input channels");
                    Conv2d conv = new Conv2d(h, w, c, k.shape()[0], k.shape()[1], k.shape()[3]);
                    layers.add(conv);
                    params.add(new Params(transpose(k), bias(model, l, cfg, k.cols())));
                    h = conv.outHeight();
                    w = conv.outWidth();
                    c = conv.filters();
                    loss = activation(cfg, l, last, conv.outputSize(), layers, params, loss);
                }
                case "MaxPooling2D" -> {
                    require(image, l, "needs an image input");
                    JsonNode ps = cfg.get("pool_size");
                    int p = ps.get(0).asInt();
                    require(ps.get(1).asInt() == p, l, "pool must be square");
                    JsonNode st = cfg.get("strides");
                    require(st == null || st.isNull() || (st.get(0).asInt() == p && st.get(1).asInt() == p), l, "strides must equal the pool size");
                    require(cfg.path("padding").asText("valid").equals("valid"), l, "padding must be 'valid'");
                    MaxPool2d mp = new MaxPool2d(h, w, c, p);
                    layers.add(mp);
                    params.add(null);
                    h = mp.outHeight();
                    w = mp.outWidth();
                }
                case "Dropout" -> {
                }
                case "Flatten" -> {
                    flat = h * w * c;
                    image = false;
                }
                case "Dense" -> {
                    int inputs = image ? h * w * c : flat;
                    require(!image, l, "Dense after an image layer needs a Flatten first");
                    TfjsTensor k = model.tensor(l.name() + "/kernel");
                    require(k.shape().length == 2 && k.shape()[0] == inputs, l, "kernel shape does not match " + inputs + " inputs");
                    Dense d = new Dense(inputs, k.cols());
                    layers.add(d);
                    params.add(new Params(transpose(k), bias(model, l, cfg, k.cols())));
                    flat = k.cols();
                    loss = activation(cfg, l, last, flat, layers, params, loss);
                }
                default -> throw new IllegalArgumentException("model: layer " + l.name() + " of class " + l.className() + " is not supported");
            }
        }
        return Network.of(layers, params, loss);
    }

    private static Loss activation(JsonNode cfg, TfjsModel.Layer l, boolean last, int size, List<Layer> layers,
                                   List<Params> params, Loss current) {
        String act = cfg.path("activation").asText("linear");
        switch (act) {
            case "relu" -> {
                layers.add(Activation.relu(size));
                params.add(null);
            }
            case "tanh" -> {
                layers.add(Activation.tanh(size));
                params.add(null);
            }
            case "linear" -> {
            }
            case "softmax" -> {
                require(last, l, "softmax is supported only on the last layer");
                return Loss.SOFTMAX_CROSS_ENTROPY;
            }
            default -> throw new IllegalArgumentException("model: layer " + l.name() + " has unsupported activation " + act);
        }
        return current;
    }

    private static boolean ones(JsonNode n) {
        if (n == null || n.isNull()) {
            return true;
        }
        for (JsonNode v : n) {
            if (v.asInt() != 1) {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean ok, TfjsModel.Layer l, String what) {
        if (!ok) {
            throw new IllegalArgumentException("model: layer " + l.name() + " (" + l.className() + "): " + what);
        }
    }

    private static double[] bias(TfjsModel model, TfjsModel.Layer l, JsonNode cfg, int n) {
        if (!cfg.path("use_bias").asBoolean(true)) {
            return new double[n];
        }
        TfjsTensor b = model.tensor(l.name() + "/bias");
        require(b.size() == n, l, "bias has " + b.size() + " entries, expected " + n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = b.values()[i];
        }
        return out;
    }

    /** The stored kernel viewed as rows × cols (Wᵀ), transposed to W (cols × rows). */
    private static DMatrixRMaj transpose(TfjsTensor k) {
        int r = k.rows();
        int c = k.cols();
        DMatrixRMaj w = new DMatrixRMaj(c, r);
        float[] v = k.values();
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                w.data[j * r + i] = v[i * c + j];
            }
        }
        return w;
    }
}
