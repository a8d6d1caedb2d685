package cartan.nn;

import cartan.Require;
import cartan.linalg.RandomMatrices;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The five architecture families of the trained zoo, with every layer type the curvature-exponent
 * paper discusses, seeded and initialised:
 * <ul>
 *   <li>{@link #mlp}: dense + ReLU layers and a classifier head;</li>
 *   <li>{@link #cnn}: two valid 3 × 3 convolutions with ReLU and 2 × 2 max-pooling, a dense layer, a head;</li>
 *   <li>{@link #residualCnn}: a 3 × 3 stem, residual blocks x + conv(relu(conv(x))) followed by ReLU,
 *       max-pooling and a width-doubling transition conv between two stages, global mean pooling, a head;</li>
 *   <li>{@link #visionTransformer}: patch embedding, position embedding, pre-LN blocks
 *       x + O·Attn(QKV·LN(x)), x + Down·GELU(Up·LN(x)), a final LayerNorm, token mean pooling, a head;</li>
 *   <li>{@link #charTransformer}: token and position embeddings, the same blocks with causal attention,
 *       a final LayerNorm and a head over the whole vocabulary at every position.</li>
 * </ul>
 * Initialisation: N(0, 2/fan_in) before a ReLU, N(0, 1/fan_in) otherwise; the residual projections of
 * the transformers (attention output, MLP down) are scaled by 1/√(2·depth) (GPT-2), embeddings N(0, 0.1²);
 * biases zero.
 */
public final class Architectures {

    private Architectures() {
    }

    /** Accumulates named, initialised layers and their roles. */
    private static final class Assembler {
        final NetworkBuilder builder = Network.builder();
        final Map<Integer, LayerRole> roles = new HashMap<>();
        final SplittableRandom random;
        int count;

        Assembler(long seed) {
            random = new SplittableRandom(seed);
        }

        Params init(Layer layer, double std) {
            int[] s = layer.weightShape();
            return Params.weightOnly(RandomMatrices.gaussian(s[0], s[1], std, random));
        }

        static double fanIn(Layer layer, double gain) {
            return Math.sqrt(gain / layer.weightShape()[1]);
        }

        Assembler weight(String name, Layer layer, double std, LayerRole role) {
            builder.add(name, layer, init(layer, std));
            roles.put(count++, role);
            return this;
        }

        Assembler residual(String name, Layer layer, double std, LayerRole role, int from) {
            builder.addResidual(name, layer, init(layer, std), from);
            roles.put(count++, role);
            return this;
        }

        Assembler plain(Layer layer) {
            builder.add(layer);
            count++;
            return this;
        }

        Architecture build(String id, Loss loss) {
            return new Architecture(id, builder.build(loss), roles);
        }
    }

    /** in → hidden[0] → … → classes, ReLU after every hidden layer. */
    public static Architecture mlp(String id, int inputs, int[] hidden, int classes, long seed) {
        Require.atLeast("inputs", inputs, 1);
        Require.atLeast("classes", classes, 2);
        Assembler a = new Assembler(seed);
        int width = inputs;
        for (int i = 0; i < hidden.length; i++) {
            Require.atLeast("hidden[" + i + "]", hidden[i], 1);
            Dense d = new Dense(width, hidden[i]);
            a.weight("fc" + (i + 1), d, Assembler.fanIn(d, 2), LayerRole.DENSE).plain(Activation.relu(hidden[i]));
            width = hidden[i];
        }
        Dense head = new Dense(width, classes);
        return a.weight("head", head, Assembler.fanIn(head, 1), LayerRole.HEAD).build(id, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /**
     * conv3×3(c→c1) ReLU pool2 conv3×3(c1→c2) ReLU pool2 dense(→hidden) ReLU head, on side × side × channels images.
     */
    public static Architecture cnn(String id, int side, int channels, int c1, int c2, int hidden, int classes, long seed) {
        Assembler a = new Assembler(seed);
        Conv2d conv1 = new Conv2d(side, side, channels, 3, 3, c1);
        a.weight("conv1", conv1, Assembler.fanIn(conv1, 2), LayerRole.CONV).plain(Activation.relu(conv1.outputSize()));
        MaxPool2d pool1 = new MaxPool2d(conv1.outHeight(), conv1.outWidth(), c1, 2);
        a.plain(pool1);
        Conv2d conv2 = new Conv2d(pool1.outHeight(), pool1.outWidth(), c1, 3, 3, c2);
        a.weight("conv2", conv2, Assembler.fanIn(conv2, 2), LayerRole.CONV).plain(Activation.relu(conv2.outputSize()));
        MaxPool2d pool2 = new MaxPool2d(conv2.outHeight(), conv2.outWidth(), c2, 2);
        a.plain(pool2);
        Dense fc = new Dense(pool2.outputSize(), hidden);
        a.weight("fc1", fc, Assembler.fanIn(fc, 2), LayerRole.DENSE).plain(Activation.relu(hidden));
        Dense head = new Dense(hidden, classes);
        return a.weight("head", head, Assembler.fanIn(head, 1), LayerRole.HEAD).build(id, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /**
     * Stem conv3×3 "same" (channels → width) + ReLU, 2 × 2 max-pool, {@code blocks} residual blocks at
     * width w, pool, a transition conv (w → 2w) + ReLU, {@code blocks} residual blocks at 2w, global mean
     * pooling, head. A block is relu(x + conv(relu(conv(x)))).
     */
    public static Architecture residualCnn(String id, int side, int channels, int width, int blocks, int classes, long seed) {
        Require.atLeast("blocks", blocks, 1);
        Assembler a = new Assembler(seed);
        int s = side;
        Conv2d stem = Conv2d.same(s, s, channels, 3, width);
        a.weight("stem", stem, Assembler.fanIn(stem, 2), LayerRole.CONV).plain(Activation.relu(stem.outputSize()));
        MaxPool2d pool = new MaxPool2d(s, s, width, 2);
        a.plain(pool);
        s = pool.outHeight();
        int w = width;
        for (int stage = 1; stage <= 2; stage++) {
            if (stage == 2) {
                MaxPool2d p2 = new MaxPool2d(s, s, w, 2);
                a.plain(p2);
                s = p2.outHeight();
                Conv2d trans = Conv2d.same(s, s, w, 3, 2 * w);
                w *= 2;
                a.weight("transition", trans, Assembler.fanIn(trans, 2), LayerRole.CONV).plain(Activation.relu(trans.outputSize()));
            }
            for (int b = 1; b <= blocks; b++) {
                int from = a.builder.mark();
                String n = "stage" + stage + ".block" + b;
                Conv2d c1 = Conv2d.same(s, s, w, 3, w);
                Conv2d c2 = Conv2d.same(s, s, w, 3, w);
                a.weight(n + ".conv1", c1, Assembler.fanIn(c1, 2), LayerRole.CONV).plain(Activation.relu(c1.outputSize()));
                a.residual(n + ".conv2", c2, Assembler.fanIn(c2, 1), LayerRole.CONV, from).plain(Activation.relu(c2.outputSize()));
            }
        }
        a.plain(new TokenMeanPool(s * s, w));
        Dense head = new Dense(w, classes);
        return a.weight("head", head, Assembler.fanIn(head, 1), LayerRole.HEAD).build(id, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /** The shape of a transformer's blocks. */
    public record TransformerShape(int width, int depth, int heads, int mlpWidth) {
        public TransformerShape {
            Require.atLeast("width", width, 2);
            Require.atLeast("depth", depth, 1);
            Require.atLeast("heads", heads, 1);
            Require.atLeast("mlpWidth", mlpWidth, 1);
            if (width % heads != 0) {
                throw new IllegalArgumentException("heads: must divide the width " + width + ", got " + heads);
            }
        }
    }

    /** Pre-LN blocks on T tokens: x + O·Attn(QKV·LN(x)), then x + Down·GELU(Up·LN(x)). */
    private static void blocks(Assembler a, int tokens, TransformerShape t, boolean causal) {
        int d = t.width();
        double resid = 1 / Math.sqrt(2.0 * t.depth());
        for (int b = 0; b < t.depth(); b++) {
            String n = "block" + b;
            int from = a.builder.mark();
            TokenDense qkv = new TokenDense(tokens, d, 3 * d);
            TokenDense out = new TokenDense(tokens, d, d);
            a.plain(new LayerNorm(tokens, d))
                    .weight(n + ".attn.qkv", qkv, Assembler.fanIn(qkv, 1), LayerRole.ATTENTION_QKV)
                    .plain(new SelfAttention(tokens, d, t.heads(), causal))
                    .residual(n + ".attn.out", out, Assembler.fanIn(out, 1) * resid, LayerRole.ATTENTION_OUT, from);
            from = a.builder.mark();
            TokenDense up = new TokenDense(tokens, d, t.mlpWidth());
            TokenDense down = new TokenDense(tokens, t.mlpWidth(), d);
            a.plain(new LayerNorm(tokens, d))
                    .weight(n + ".mlp.up", up, Assembler.fanIn(up, 1), LayerRole.MLP_UP)
                    .plain(Activation.gelu(tokens * t.mlpWidth()))
                    .residual(n + ".mlp.down", down, Assembler.fanIn(down, 1) * resid, LayerRole.MLP_DOWN, from);
        }
        a.plain(new LayerNorm(tokens, d));
    }

    /** A vision transformer on side × side × channels images cut into patch × patch patches. */
    public static Architecture visionTransformer(String id, int side, int channels, int patch, TransformerShape t,
                                                 int classes, long seed) {
        Conv2d embed = Conv2d.patches(side, side, channels, patch, t.width());
        int tokens = embed.positions();
        Assembler a = new Assembler(seed);
        a.weight("patch_embed", embed, Assembler.fanIn(embed, 1), LayerRole.EMBEDDING)
                .weight("pos_embed", new PositionEmbedding(tokens, t.width()), 0.1, LayerRole.EMBEDDING);
        blocks(a, tokens, t, false);
        a.plain(new TokenMeanPool(tokens, t.width()));
        Dense head = new Dense(t.width(), classes);
        return a.weight("head", head, Assembler.fanIn(head, 1), LayerRole.HEAD).build(id, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /** A causal character-level transformer language model over a vocabulary of V symbols, context T. */
    public static Architecture charTransformer(String id, int vocabulary, int context, TransformerShape t, long seed) {
        Assembler a = new Assembler(seed);
        a.weight("tok_embed", new Embedding(context, vocabulary, t.width()), 0.1, LayerRole.EMBEDDING)
                .weight("pos_embed", new PositionEmbedding(context, t.width()), 0.1, LayerRole.EMBEDDING);
        blocks(a, context, t, true);
        TokenDense head = new TokenDense(context, t.width(), vocabulary);
        return a.weight("head", head, Assembler.fanIn(head, 1), LayerRole.HEAD).build(id, Loss.sequenceCrossEntropy(vocabulary));
    }
}
