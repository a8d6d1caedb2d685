package cartan.curvature;

import cartan.Require;
import com.fasterxml.jackson.databind.JsonNode;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Per-layer curvature measurements as the authors of arXiv 2606.02596 published them (the
 * {@code results/*.json} of 9D-Labs/9d-spectral-alignment-decomposition, MIT): one {@link Layer} per
 * weight matrix with what the file stores — α (OLS slope of log h_k on log σ_k), γ, s, their R², the
 * relative error |αγ − s|/s — and, where the file has them, the raw top-k gradient singular values
 * σ_k and exact directional curvatures h_k. {@link #refit} fits α, γ, s again from those raw arrays
 * with {@link CurvatureExponents} (§3.1 conventions: α over h_k &gt; 0, s from h sorted decreasing).
 *
 * <p>A layer is any JSON object with a text {@code name} and a number {@code alpha} or
 * {@code alpha_exact}, wherever it sits in the file. Fields read (first one present):
 * α {@code alpha | alpha_exact}; R²_α {@code r2_alpha | r2 | r2_exact}; {@code gamma}, {@code r2_gamma};
 * s {@code s_hessian}, {@code r2_s_hessian}; error {@code triangle_relative_error}; window
 * {@code top_k | top_k_hvp}; shape {@code shape_2d | shape} (rows = first dimension, cols = the product
 * of the others); raw arrays {@code sigma} and {@code h_exact}. Absent numbers are NaN in the record and
 * missing in the table.
 *
 * <p>{@code experiment} is the path of labels leading to the layer: an enclosing array element's
 * {@code experiment} or {@code arch} text, and the names of enclosing object fields other than the
 * containers {@code results, layers, conv_results, fc_result} (so {@code output_dim/CIFAR-100}); a file
 * without labels uses its root {@code experiment} or its own name. {@code dataset} and {@code model}
 * come from the root's {@code dataset}/{@code model} fields when present, else from {@link #PROVENANCE},
 * which records what the paper and the authors' EXPERIMENTS.md say each experiment is (the paper files
 * its 6-layer GPT-2 under "CIFAR-10 unless noted", and so does this table). {@code layer_type} follows
 * the names: {@code conv}, {@code conv_shortcut} (ResNet downsample projections), {@code embedding},
 * {@code attention_qkv}, {@code attention_out}, {@code mlp_up}, {@code mlp_down}, {@code dense},
 * {@code head} (an {@code fc}/{@code classifier}/{@code head} layer listed last in its experiment);
 * {@code position} is {@code first}, {@code last} or {@code interior} in the file's order.
 *
 * <p>Files are read with the bounds of {@link PublishedResults#read}; raw arrays must be numbers,
 * finite, of equal length (at most {@link #MAX_RAW}), with σ positive and decreasing, or the file is
 * rejected with an {@link IllegalArgumentException} starting {@code file:}.
 */
public final class PublishedLayers {

    /** Longest raw σ or h array accepted. */
    public static final int MAX_RAW = 100_000;

    /**
     * Data set and model of the experiments whose files do not say (label → {dataset, model}), from the
     * paper's tables and captions and the authors' EXPERIMENTS.md.
     */
    public static final Map<String, List<String>> PROVENANCE = Map.ofEntries(
            Map.entry("resnet18_triangle", List.of("CIFAR-10", "ResNet-18")),
            Map.entry("vgg11_triangle", List.of("CIFAR-10", "VGG-11")),
            Map.entry("gpt2_triangle", List.of("CIFAR-10", "GPT-2 (6-layer)")),
            Map.entry("output_dim/CIFAR-10", List.of("CIFAR-10", "ViT")),
            Map.entry("output_dim/CIFAR-100", List.of("CIFAR-100", "ViT")),
            Map.entry("task_structure/GPT2_LM", List.of("language modelling", "GPT-2")),
            Map.entry("task_structure/GPT2_Classification", List.of("classification", "GPT-2")),
            Map.entry("vit_tiny", List.of("CIFAR-10", "ViT-Tiny")),
            Map.entry("mobilenetv2", List.of("CIFAR-10", "MobileNetV2")),
            Map.entry("convnext_tiny", List.of("CIFAR-10", "ConvNeXt-Tiny")),
            Map.entry("bn_ablation", List.of("CIFAR-10", "plain CNN (BatchNorm ablation)")),
            Map.entry("conv_gap_decomposition", List.of("CIFAR-10", "ResNet-18")),
            Map.entry("results_conv_gap_v2", List.of("CIFAR-10", "ResNet-18")),
            Map.entry("intrinsic_dim_resnet", List.of("CIFAR-10", "ResNet-18")),
            Map.entry("intrinsic_dim_gpt2", List.of("CIFAR-10", "GPT-2 (6-layer)")),
            Map.entry("scaling_test", List.of("CIFAR-10", "MLP (one hidden layer)")),
            Map.entry("results_kfac_prediction", List.of("CIFAR-10", "ResNet-18")));

    private final List<Layer> layers;

    private PublishedLayers(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /**
     * One published layer. NaN marks a number the file does not have; {@code sigma} and {@code h} are
     * empty when it has no raw arrays; {@code k} is the stored window, else the raw length, else 0.
     */
    public record Layer(String source, String experiment, String dataset, String model, String name, String type,
                        String position, int rows, int cols, int k, double alpha, double r2Alpha, double gamma,
                        double r2Gamma, double s, double r2S, double relativeError, double[] sigma, double[] h) {

        public Layer {
            sigma = sigma.clone();
            h = h.clone();
        }

        @Override
        public double[] sigma() {
            return sigma.clone();
        }

        @Override
        public double[] h() {
            return h.clone();
        }

        /** Whether the file has the raw σ_k and h_k of this layer. */
        public boolean hasRaw() {
            return sigma.length > 0;
        }

        /** Whether every raw h_k is positive (needed by {@link TransferError#of}). */
        public boolean allCurvaturesPositive() {
            return hasRaw() && Arrays.stream(h).allMatch(v -> v > 0);
        }

        /** α, γ, s fitted again from the raw arrays on the first {@code window} directions. */
        public CurvatureExponents refit(int window) {
            requireRaw();
            return CurvatureExponents.fit(sigma, h, window);
        }

        /** The spectral-transfer error decomposition of the raw arrays (needs every h_k &gt; 0). */
        public TransferError transferError(int window) {
            requireRaw();
            return TransferError.of(sigma, h, window);
        }

        private void requireRaw() {
            if (!hasRaw()) {
                throw new IllegalArgumentException("sigma: layer " + name + " of " + source
                        + " has no raw sigma_k and h_k in the file");
            }
        }
    }

    /**
     * The layers of one or more result files, in file order.
     *
     * @throws IllegalArgumentException if a file is malformed (message starting {@code file:})
     * @throws IOException              if a file cannot be read
     */
    public static PublishedLayers read(Path... files) throws IOException {
        if (files == null || files.length == 0) {
            throw new IllegalArgumentException("files: name at least one result file");
        }
        List<Layer> out = new ArrayList<>();
        for (Path f : files) {
            JsonNode root = PublishedResults.read(f);
            out.addAll(PublishedLayerReader.layers(root, f.getFileName().toString()));
        }
        return new PublishedLayers(out);
    }

    /** The layers of a parsed document; {@code source} names it in the table and in errors. */
    public static PublishedLayers of(JsonNode root, String source) {
        Require.notNull("root", root);
        Require.notNull("source", source);
        return new PublishedLayers(PublishedLayerReader.layers(root, source));
    }

    /** The layers, in file order. */
    public List<Layer> layers() {
        return layers;
    }

    public int size() {
        return layers.size();
    }

    /** The layers that satisfy the predicate. */
    public PublishedLayers where(Predicate<Layer> keep) {
        Require.notNull("keep", keep);
        return new PublishedLayers(layers.stream().filter(keep).toList());
    }

    /** These layers followed by {@code other}'s. */
    public PublishedLayers and(PublishedLayers other) {
        Require.notNull("other", other);
        List<Layer> all = new ArrayList<>(layers);
        all.addAll(other.layers);
        return new PublishedLayers(all);
    }

    /** One value per layer, in order. */
    public double[] values(ToDoubleFunction<Layer> f) {
        Require.notNull("f", f);
        return layers.stream().mapToDouble(f).toArray();
    }

    /**
     * The median of a per-layer value (mean of the two middle values for an even count).
     *
     * @throws IllegalArgumentException if there are no layers or a value is NaN (absent from the file)
     */
    public double median(ToDoubleFunction<Layer> f) {
        double[] v = values(f);
        if (v.length == 0) {
            throw new IllegalArgumentException("layers: none selected, the median is undefined");
        }
        Require.finite("values", v);
        return TransferError.median(v);
    }

    /**
     * The mean of a per-layer value.
     *
     * @throws IllegalArgumentException if there are no layers or a value is NaN (absent from the file)
     */
    public double mean(ToDoubleFunction<Layer> f) {
        double[] v = values(f);
        if (v.length == 0) {
            throw new IllegalArgumentException("layers: none selected, the mean is undefined");
        }
        Require.finite("values", v);
        return Arrays.stream(v).average().orElseThrow();
    }

    /**
     * One row per layer: {@code source, experiment, dataset, model, layer, layer_type, position, rows,
     * cols, k, alpha, r2_alpha, gamma, r2_gamma, s, r2_s, rel_error}, then {@code sigma_1…sigma_K} and
     * {@code h_1…h_K} (K the longest raw array; missing beyond a layer's own length) when any layer has them.
     */
    public Table table() {
        Table t = Table.create("published layers");
        String[] text = {"source", "experiment", "dataset", "model", "layer", "layer_type", "position"};
        for (int c = 0; c < text.length; c++) {
            StringColumn col = StringColumn.create(text[c]);
            for (Layer l : layers) {
                col.append(switch (c) {
                    case 0 -> l.source();
                    case 1 -> l.experiment();
                    case 2 -> l.dataset();
                    case 3 -> l.model();
                    case 4 -> l.name();
                    case 5 -> l.type();
                    default -> l.position();
                });
            }
            t.addColumns(col);
        }
        t.addColumns(IntColumn.create("rows", layers.stream().mapToInt(Layer::rows).toArray()),
                IntColumn.create("cols", layers.stream().mapToInt(Layer::cols).toArray()),
                IntColumn.create("k", layers.stream().mapToInt(Layer::k).toArray()),
                DoubleColumn.create("alpha", values(Layer::alpha)),
                DoubleColumn.create("r2_alpha", values(Layer::r2Alpha)),
                DoubleColumn.create("gamma", values(Layer::gamma)),
                DoubleColumn.create("r2_gamma", values(Layer::r2Gamma)),
                DoubleColumn.create("s", values(Layer::s)),
                DoubleColumn.create("r2_s", values(Layer::r2S)),
                DoubleColumn.create("rel_error", values(Layer::relativeError)));
        int kMax = layers.stream().mapToInt(l -> l.sigma.length).max().orElse(0);
        for (String which : new String[] {"sigma", "h"}) {
            for (int i = 0; i < kMax; i++) {
                DoubleColumn col = DoubleColumn.create(which + "_" + (i + 1));
                for (Layer l : layers) {
                    double[] v = which.equals("sigma") ? l.sigma : l.h;
                    if (i < v.length) {
                        col.append(v[i]);
                    } else {
                        col.appendMissing();
                    }
                }
                t.addColumns(col);
            }
        }
        return t;
    }

    /**
     * α of several groups of layers side by side: one row per group with {@code group, n, mean α, sd α}
     * (population standard deviation, as the authors' summaries use; missing for one layer),
     * {@code median α, min α, max α, min R²} (of the α fits).
     *
     * @throws IllegalArgumentException if the names and groups differ in number or a group is empty
     */
    public static Table alphaSummary(String title, List<String> names, List<PublishedLayers> groups) {
        Require.notNull("title", title);
        Require.notNull("names", names);
        Require.notNull("groups", groups);
        if (names.size() != groups.size()) {
            throw new IllegalArgumentException("groups: need one per name (" + names.size() + "), got "
                    + groups.size());
        }
        StringColumn g = StringColumn.create("group");
        IntColumn n = IntColumn.create("n");
        DoubleColumn mean = DoubleColumn.create("mean α");
        DoubleColumn sd = DoubleColumn.create("sd α");
        DoubleColumn med = DoubleColumn.create("median α");
        DoubleColumn min = DoubleColumn.create("min α");
        DoubleColumn max = DoubleColumn.create("max α");
        DoubleColumn r2 = DoubleColumn.create("min R²");
        for (int i = 0; i < names.size(); i++) {
            PublishedLayers p = groups.get(i);
            if (p == null || p.size() == 0) {
                throw new IllegalArgumentException("groups: group '" + names.get(i) + "' has no layers");
            }
            double[] a = Require.finite("alpha", p.values(Layer::alpha));
            double m = Arrays.stream(a).average().orElseThrow();
            g.append(names.get(i));
            n.append(a.length);
            mean.append(m);
            if (a.length > 1) {
                sd.append(Math.sqrt(Arrays.stream(a).map(v -> (v - m) * (v - m)).sum() / a.length));
            } else {
                sd.appendMissing();
            }
            med.append(TransferError.median(a));
            min.append(Arrays.stream(a).min().orElseThrow());
            max.append(Arrays.stream(a).max().orElseThrow());
            r2.append(Arrays.stream(p.values(Layer::r2Alpha)).min().orElseThrow());
        }
        return Table.create(title).addColumns(g, n, mean, sd, med, min, max, r2);
    }

    /**
     * The stored exponents beside those fitted again from the raw arrays, for the layers that have them:
     * {@code experiment, layer, k, n_pos} (how many h_k &gt; 0), then for each of α, γ, s and the
     * relative error the stored value and the refit ({@code alpha, alpha_refit, …}), and the α fit's
     * standard error {@code alpha_se}.
     */
    public Table refit(int window) {
        Require.atLeast("window", window, 3);
        List<Layer> raw = layers.stream().filter(Layer::hasRaw).toList();
        Table t = Table.create("published layers refitted from raw sigma_k, h_k (window " + window + ")");
        StringColumn ex = StringColumn.create("experiment");
        StringColumn nm = StringColumn.create("layer");
        IntColumn kc = IntColumn.create("k");
        IntColumn np = IntColumn.create("n_pos");
        DoubleColumn[] cols = new DoubleColumn[9];
        String[] names = {"alpha", "alpha_refit", "alpha_se", "gamma", "gamma_refit", "s", "s_refit", "rel_error",
            "rel_error_refit"};
        for (int i = 0; i < cols.length; i++) {
            cols[i] = DoubleColumn.create(names[i]);
        }
        for (Layer l : raw) {
            CurvatureExponents e = l.refit(window);
            ex.append(l.experiment());
            nm.append(l.name());
            kc.append(Math.min(window, l.sigma.length));
            np.append(e.alphaFit().n());
            double[] v = {l.alpha(), e.alpha(), e.alphaFit().slopeStdError(), l.gamma(), e.gamma(), l.s(), e.s(),
                l.relativeError(), e.relativeError()};
            for (int i = 0; i < v.length; i++) {
                cols[i].append(v[i]);
            }
        }
        t.addColumns(ex, nm, kc, np);
        t.addColumns(cols);
        return t;
    }

    /**
     * The transfer error of every layer with stored α, γ, s and R²s: {@code experiment, layer, position,
     * alpha, gamma, s, alpha_gamma, rel_error} (stored), {@code linearity_bound} A from the stored R²s
     * (see {@link TransferError}), and from the raw arrays where every h_k &gt; 0: {@code rank_order_error}
     * (= |ρ|·A), {@code residual_correlation} ρ and {@code sorting_shift} (missing otherwise).
     */
    public Table transfer(int window) {
        Require.atLeast("window", window, 3);
        List<Layer> with = layers.stream().filter(l -> Double.isFinite(l.alpha()) && Double.isFinite(l.gamma())
                && Double.isFinite(l.s()) && Double.isFinite(l.r2Alpha()) && Double.isFinite(l.r2Gamma())
                && Double.isFinite(l.r2S())).toList();
        Table t = Table.create("spectral transfer s = αγ, per layer");
        StringColumn ds = StringColumn.create("dataset");
        StringColumn ex = StringColumn.create("experiment");
        StringColumn nm = StringColumn.create("layer");
        StringColumn ps = StringColumn.create("position");
        String[] names = {"alpha", "gamma", "s", "alpha_gamma", "rel_error", "linearity_bound", "rank_order_error",
            "residual_correlation", "sorting_shift"};
        DoubleColumn[] cols = new DoubleColumn[names.length];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = DoubleColumn.create(names[i]);
        }
        for (Layer l : with) {
            ds.append(l.dataset());
            ex.append(l.experiment());
            nm.append(l.name());
            ps.append(l.position());
            double rel = Double.isFinite(l.relativeError()) ? l.relativeError()
                    : Math.abs(l.alpha() * l.gamma() - l.s()) / Math.abs(l.s());
            double[] v = {l.alpha(), l.gamma(), l.s(), l.alpha() * l.gamma(), rel,
                TransferError.linearityBound(l.r2Alpha(), l.r2Gamma(), l.r2S()), Double.NaN, Double.NaN, Double.NaN};
            if (l.allCurvaturesPositive()) {
                TransferError te = l.transferError(window);
                v[6] = te.rankOrderError();
                v[7] = te.residualCorrelation();
                v[8] = te.sortingShift();
            }
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    cols[i].appendMissing();
                } else {
                    cols[i].append(v[i]);
                }
            }
        }
        t.addColumns(ds, ex, nm, ps);
        t.addColumns(cols);
        return t;
    }

    /**
     * {@link TransferError#nullMedians} over the layers that have raw arrays: the median relative error
     * of s = αγ under a null model, one per draw.
     */
    public double[] nullMedians(TransferError.Null kind, int window, int draws, long seed) {
        List<Layer> raw = layers.stream().filter(Layer::hasRaw).toList();
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("layers: none has raw sigma_k and h_k");
        }
        return TransferError.nullMedians(raw.stream().map(l -> l.sigma).toList(), raw.stream().map(l -> l.h).toList(),
                window, kind, draws, seed);
    }
}
