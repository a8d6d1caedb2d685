package cartan.profile;

import cartan.Require;
import cartan.io.LayerKind;
import cartan.io.MatrixSource;
import cartan.io.NamedMatrix;
import cartan.spectrum.RankRange;
import cartan.spectrum.Spectrum;
import cartan.spectrum.TopRadialChart;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A power-law exponent profile: one {@link LayerSpectrum} row per layer (a model's weight matrices, in
 * order) or per depth (the partial products J_ℓ = A_ℓ ⋯ A_1 of a chain), as a Tablesaw table with stable
 * column names. Every row is measured the same way ({@link LayerSpectrum#measure}); a layer that cannot be
 * measured (NaN/inf weights, all-zero, too few non-zero singular values) gets a row with a note.
 *
 * <p>Columns ({@link #COLUMNS}, the fixed CSV prefix; {@link #EXTRA_COLUMNS} follow in the CSV,
 * {@code notes} last):
 * <table>
 *   <caption>per-layer columns</caption>
 *   <tr><td>{@code layer, kind, rows, cols}</td><td>name, {@link LayerKind} (lower case), m, n</td></tr>
 *   <tr><td>{@code sigma_max}</td><td>σ_1 = ‖W‖_2</td></tr>
 *   <tr><td>{@code frobenius_norm}</td><td>‖W‖_F = (Σ_ij W_ij²)^{1/2} from the raw entries (EJML
 *   {@code NormOps_DDRM.normF}; Σσ_k² = ‖W‖_F² is a check)</td></tr>
 *   <tr><td>{@code stable_rank}</td><td>Σλ/λ_max = ‖W‖_F²/σ_1²</td></tr>
 *   <tr><td>{@code entropy_rank}</td><td>exp(−Σ p_k ln p_k), p_k = σ_k²/Σσ_j²</td></tr>
 *   <tr><td>{@code participation_ratio}</td><td>(Σλ)²/Σλ² = 1/Σp_k²</td></tr>
 *   <tr><td>{@code rank_q90}, {@code rank_q99}</td><td>min{k : Σ_{j≤k} p_j ≥ τ}, the energy-quantile ranks</td></tr>
 *   <tr><td>{@code alpha, alpha_xmin, alpha_ks, alpha_se, alpha_n_tail}</td><td>density exponent of the λ tail
 *   (p(λ) ∝ λ^{−α}, λ ≥ x_min), x_min, the KS distance, (α−1)/√n_tail and n_tail ({@link ProfileOptions}
 *   chooses the WW or CSN rule); {@code alpha_p} the CSN bootstrap p-value (missing without bootstrap)</td></tr>
 *   <tr><td>{@code alpha_weighted, log_norm, log_spectral_norm}</td><td>α·log10 λ_max, log10 Σλ, log10 λ_max
 *   (WeightWatcher)</td></tr>
 *   <tr><td>{@code beta_chart, beta_chart_se, r_squared, chart_residual}</td><td>full Cartan chart: OLS slope of
 *   μ̃_k = ln σ_k − ½ ln(‖W‖_F²/q) on −ln k over the fit range (ranks 1..r, r the numerical rank, unless
 *   {@link ProfileOptions#window()} says otherwise), its standard error, R², RMS residual</td></tr>
 *   <tr><td>{@code signed_residual, hellinger_residual}</td><td>ε = r(W) − r_orbit(β̂) and the Hellinger
 *   distance to the fitted orbit point</td></tr>
 *   <tr><td>{@code top_radial, beta_top_radial}</td><td>r = ½ ln(q·p_1) and the scalar-chart exponent
 *   r^{−1}(r(W)) ({@link TopRadialChart})</td></tr>
 *   <tr><td>{@code index, depth, role}</td><td>0-based position; block number and role parsed from the name
 *   ({@link LayerName}; depth missing when the name has none); for a chain depth is ℓ</td></tr>
 *   <tr><td>{@code slices}</td><td>how many matrices the row pools (1; a conv kernel's k_h·k_w slices with
 *   {@link ProfileOptions#poolConv()})</td></tr>
 *   <tr><td>{@code log_alpha_norm}</td><td>log10 Σλ^α (WeightWatcher)</td></tr>
 *   <tr><td>{@code sigma_mp, bulk_min, bulk_max, num_spikes, mp_softrank}</td><td>the Marchenko–Pastur bulk
 *   fitted as WeightWatcher does ({@link cartan.spectrum.MarchenkoPasturFit}): σ on the ESD rescaled to mean 1,
 *   the edges λ± in the units of λ, the eigenvalues beyond λ₊ plus a Tracy–Widom margin, λ₊/λ_max</td></tr>
 *   <tr><td>{@code max_rand_eval, rand_bulk_max, num_traps, rand_distance, ww_softrank}</td><td>the randomized
 *   control ({@link RandomizedSpectrum}, with {@link ProfileOptions#randomize()}): largest eigenvalue and MP edge
 *   of the element-shuffled matrix, its spikes (correlation traps), the Jensen–Shannon distance of the two
 *   sorted eigenvalue vectors, max λ_rand/λ_max</td></tr>
 *   <tr><td>{@code tpl_alpha, tpl_lambda, lr_lognormal(_p), lr_exponential(_p), lr_tpl(_p), tail_verdict}</td>
 *   <td>the tail against its alternatives ({@link TailComparison}): the truncated power law's α and Λ, the
 *   log-likelihood ratios R (&gt; 0 favours the power law) and their p-values, the favoured model</td></tr>
 *   <tr><td>{@code raw_alpha, num_fingers}</td><td>with finger clipping ({@link ProfileOptions#maxFingers()}):
 *   α of all eigenvalues and how many top ones were clipped</td></tr>
 *   <tr><td>{@code base_frobenius_norm, delta_relative_norm}</td><td>for a fine-tune delta ({@link #ofDelta}):
 *   ‖W_base‖_F and ‖W − W_base‖_F/‖W_base‖_F</td></tr>
 *   <tr><td>{@code notes}</td><td>why a value is missing</td></tr>
 * </table>
 *
 * <p>Extra columns of a chain profile (P1.5 rigidity; J_0 = I, so every quantity at depth 1 compares
 * with the identity, whose exponent, radial coordinate and residual are 0), before {@code notes}:
 * <ul>
 *   <li>{@code log_condition} log κ(J_ℓ) = log σ_1/σ_d;</li>
 *   <li>{@code interface_amplitude} a_ℓ = r(A_ℓ), the top-radial coordinate of the factor;</li>
 *   <li>{@code slack} ξ_ℓ = log σ_1(A_ℓ) + log σ_1(J_{ℓ−1}) − log σ_1(J_ℓ) ≥ 0 (non-backtracking slack);</li>
 *   <li>{@code normalisation_change} ν_ℓ = F(J_ℓ) − F(J_{ℓ−1}) − F(A_ℓ), F(X) = ½ log(‖X‖_F²/d);</li>
 *   <li>{@code radial_increment} r(J_ℓ) − r(J_{ℓ−1}), which equals a_ℓ − ξ_ℓ − ν_ℓ exactly;</li>
 *   <li>{@code residual_variation} Δε_ℓ = ε(J_ℓ) − ε(J_{ℓ−1}) (signed);</li>
 *   <li>{@code drift} |β̂_chart(J_ℓ) − β̂_chart(J_{ℓ−1})| and {@code drift_bound}
 *   (a_ℓ + ξ_ℓ + |ν_ℓ| + |Δε_ℓ|) / m(max(β̂_ℓ, β̂_{ℓ−1})), the slack-aware margin bound: since
 *   r_orbit(β̂_ℓ) = r(J_ℓ) − ε_ℓ, the mean value theorem with the decreasing slope m = r' gives
 *   drift ≤ |a − ξ − ν − Δε| / m(max β̂) ≤ drift_bound;</li>
 *   <li>{@code drift_top_radial}, {@code drift_top_radial_bound} the same for the scalar chart (no ε term);</li>
 *   <li>{@code gm_amplitude} a^g_ℓ = log σ_1(A_ℓ) − mean_k log σ_k(A_ℓ), the geometric-mean interface amplitude;
 *   {@code top_residual} e_1(J_ℓ), the signed OLS residual of the chart at rank 1; {@code gm_drift_bound}
 *   (a^g_ℓ + ξ_ℓ + |Δe_1|)/λ_d and {@code gm_converse_bound} (|a^g_ℓ − ξ_ℓ| − |Δe_1|)₊/λ_d, λ_d = log(d!)/d, the
 *   upper and lower bounds on {@code drift} from the exact identity λ_d·Δβ̂ = a^g − ξ − Δe_1 (missing unless the
 *   chart is fitted over all ranks; see {@code ChainRigidity}).</li>
 * </ul>
 *
 * <p>Streaming: {@link #of(List, ProfileOptions, Progress)} loads source i just before row i is measured
 * and drops it right after, so at most {@code options.threads()} matrices are in memory at once; rows are
 * independent, layer i bootstraps from its own seed {@link #layerSeed(long, int)}, so the table is
 * bit-identical for every thread count; a layer's shuffle seed is derived from its bootstrap seed
 * ({@link LayerSpectrum#SHUFFLE_SALT}). Plots: {@code cartan.plot.ProfilePlots}; files: {@link ProfileWriter}.
 *
 * <p>This file is over 400 lines because its class comment is the reference of every column.
 */
public final class ExponentProfile {

    /** The fixed CSV prefix. */
    public static final List<String> COLUMNS = List.of("layer", "kind", "rows", "cols", "sigma_max",
            "frobenius_norm", "stable_rank", "entropy_rank", "participation_ratio", "rank_q90", "alpha",
            "alpha_xmin", "alpha_ks", "alpha_se", "alpha_p", "alpha_weighted", "log_norm", "log_spectral_norm",
            "beta_chart", "top_radial", "chart_residual");

    /**
     * The columns of a layer profile beyond the spectrum and the chart, in order: WeightWatcher's
     * {@code log_alpha_norm}, the Marchenko–Pastur bulk, the randomized control (missing unless
     * {@link ProfileOptions#randomize()}), the tail's likelihood-ratio comparisons, the finger clipping (missing
     * unless {@link ProfileOptions#maxFingers()} &gt; 0) and the fine-tune delta (missing unless the row is
     * W − W_base). They are part of the CSV, before {@code notes}.
     */
    public static final List<String> DIAGNOSTIC_COLUMNS = List.of("slices", "log_alpha_norm", "sigma_mp",
            "bulk_min", "bulk_max", "num_spikes", "mp_softrank", "max_rand_eval", "rand_bulk_max", "num_traps",
            "rand_distance", "ww_softrank", "tpl_alpha", "tpl_lambda", "lr_lognormal", "lr_lognormal_p",
            "lr_exponential", "lr_exponential_p", "lr_tpl", "lr_tpl_p", "tail_verdict", "raw_alpha", "num_fingers",
            "base_frobenius_norm", "delta_relative_norm");

    /** CSV columns after {@link #COLUMNS}; {@code notes} is always the last. */
    public static final List<String> EXTRA_COLUMNS;

    /** The CSV columns of {@code cartan profile}, in order (README "CSV columns"). */
    public static final List<String> CSV_COLUMNS;

    /** Chart columns of the table that the CSV leaves out, before {@code notes}. */
    public static final List<String> CHART_COLUMNS = List.of("beta_chart_se", "r_squared", "signed_residual",
            "hellinger_residual", "rank_q99");

    /** The chart and rank columns every profile has (layer or chain). */
    public static final List<String> LAYER_COLUMNS = List.of("layer", "rows", "cols", "beta_chart", "beta_chart_se",
            "r_squared", "beta_top_radial", "chart_residual", "signed_residual", "hellinger_residual", "top_radial",
            "stable_rank", "participation_ratio", "entropy_rank", "rank_q90", "rank_q99");

    /** Extra columns of a chain profile, in table order. */
    public static final List<String> CHAIN_COLUMNS = List.of("depth", "log_condition", "interface_amplitude",
            "slack", "normalisation_change", "radial_increment", "residual_variation", "drift", "drift_bound",
            "drift_top_radial", "drift_top_radial_bound", "gm_amplitude", "top_residual", "gm_drift_bound",
            "gm_converse_bound");

    static {
        List<String> extra = new ArrayList<>(List.of("index", "depth", "role", "alpha_n_tail", "beta_top_radial"));
        extra.addAll(DIAGNOSTIC_COLUMNS);
        extra.add("notes");
        EXTRA_COLUMNS = List.copyOf(extra);
        List<String> all = new ArrayList<>(COLUMNS);
        all.addAll(EXTRA_COLUMNS);
        CSV_COLUMNS = List.copyOf(all);
    }

    /** Called after each layer; may be called from worker threads (calls are serialised). */
    @FunctionalInterface
    public interface Progress {
        void layerDone(int done, int total, String layer);
    }

    private final List<LayerSpectrum> rows;
    private final ProfileOptions options;
    private final String title;
    private final Supplier<List<Column<?>>> columnsBuilder;
    private volatile List<Column<?>> columns;
    private volatile Table table;
    private final boolean chain;
    private final int dimension;
    private final ModelDelta delta;

    /**
     * The table is built on first use ({@link #table()}, {@link #column}, {@link #value}): a caller that only
     * reads the rows (e.g. {@code cartan profile}'s summary) never loads Tablesaw, whose start-up scan of the
     * class path costs about a second of CPU.
     */
    private ExponentProfile(List<LayerSpectrum> rows, ProfileOptions options, String title,
                            Supplier<List<Column<?>>> columns, boolean chain, int dimension, ModelDelta delta) {
        this.rows = List.copyOf(rows);
        this.options = options;
        this.title = title;
        this.columnsBuilder = columns;
        this.chain = chain;
        this.dimension = dimension;
        this.delta = delta;
    }

    /** A profile whose table is already built (kept for factories that build it eagerly, e.g. {@code ofRows}). */
    private ExponentProfile(List<LayerSpectrum> rows, ProfileOptions options, List<Column<?>> columns, boolean chain,
                            int dimension) {
        this(rows, options, "exponent profile", () -> columns, chain, dimension, null);
    }

    /**
     * The per-layer profile of matrices read one at a time, in order: source i is loaded just before row
     * i is measured and dropped right after.
     *
     * @param progress optional callback after each layer (null for none)
     * @throws IllegalArgumentException if the list or an element is null, the list is empty or a name repeats
     * @throws IOException              if a source cannot be loaded
     */
    public static ExponentProfile of(List<? extends MatrixSource> sources, ProfileOptions options, Progress progress)
            throws IOException {
        Require.notNull("sources", sources);
        Require.notNull("options", options);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: must contain at least one matrix");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            MatrixSource m = sources.get(i);
            if (m == null) {
                throw new IllegalArgumentException("sources: element " + i + " is null");
            }
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("sources: the name \"" + m.name() + "\" appears twice");
            }
        }
        return measure(LayerInput.of(sources, options.poolConv()), options, progress, null);
    }

    /**
     * The profile of a fine-tune's update ΔW = W − W_base, layer by layer over the matched pairs of
     * {@code delta} (each row also has {@code base_frobenius_norm} = ‖W_base‖_F and {@code delta_relative_norm}
     * = ‖ΔW‖_F/‖W_base‖_F); {@link #delta()} keeps the match, with the layers that did not match.
     *
     * @throws IllegalArgumentException if no pair matched
     * @throws IOException              if a source cannot be loaded
     */
    public static ExponentProfile ofDelta(ModelDelta delta, ProfileOptions options, Progress progress)
            throws IOException {
        Require.notNull("delta", delta);
        Require.notNull("options", options);
        if (delta.pairs().isEmpty()) {
            throw new IllegalArgumentException("delta: no layer of the model matches the base by name and shape"
                    + (delta.report().isEmpty() ? "" : " (" + String.join("; ", delta.report()) + ")"));
        }
        return measure(LayerInput.ofDelta(delta, options.poolConv()), options, progress, delta);
    }

    private static ExponentProfile measure(List<LayerInput> inputs, ProfileOptions options, Progress progress,
                                           ModelDelta delta) throws IOException {
        int n = inputs.size();
        double[] costs = new double[n];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            costs[i] = inputs.get(i).cost();
            if (!names.add(inputs.get(i).name())) {
                throw new IllegalArgumentException("sources: the row name \"" + inputs.get(i).name()
                        + "\" appears twice");
            }
        }
        LayerSpectrum[] out = new LayerSpectrum[n];
        AtomicInteger done = new AtomicInteger();
        Object lock = new Object();
        LayerScheduler.run(costs, options.threads(), i -> {
            LayerInput in = inputs.get(i);
            LayerInput.Loaded m = in.load();
            out[i] = LayerSpectrum.measure(i, in.name(), in.kind(), m.matrices(), options,
                    layerSeed(options.seed(), i), m.baseNorm());
            if (progress != null) {
                synchronized (lock) {
                    progress.layerDone(done.incrementAndGet(), n, in.name());
                }
            }
        });
        List<LayerSpectrum> rows = List.of(out);
        return new ExponentProfile(rows, options, "exponent profile", () -> ProfileTable.build(rows, null, List.of()),
                false, -1, delta);
    }

    /** The profile of matrices in memory with {@link ProfileOptions#DEFAULT} (WW fit, no bootstrap, one thread). */
    public static ExponentProfile ofNamedMatrices(List<NamedMatrix> matrices) {
        return ofNamedMatrices(matrices, ProfileOptions.DEFAULT);
    }

    /** The profile of matrices in memory (e.g. a {@code cartan.io} reader's output), in order. */
    public static ExponentProfile ofNamedMatrices(List<NamedMatrix> matrices, ProfileOptions options) {
        return ofNamedMatrices(matrices, options, null);
    }

    /** As {@link #ofNamedMatrices(List, ProfileOptions)}, calling {@code progress} after each layer. */
    public static ExponentProfile ofNamedMatrices(List<NamedMatrix> matrices, ProfileOptions options,
                                                  Progress progress) {
        Require.notNull("matrices", matrices);
        for (int i = 0; i < matrices.size(); i++) {
            if (matrices.get(i) == null) {
                throw new IllegalArgumentException("matrices: element " + i + " is null");
            }
        }
        try {
            return of(MatrixSource.ofMatrices(matrices), options, progress);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^sources:", "matrices:"), e);
        } catch (IOException e) {
            throw new AssertionError("matrices in memory cannot fail to load", e);
        }
    }

    /** Profile of named layers (in the map's iteration order; use a LinkedHashMap), kind dense. */
    public static ExponentProfile ofLayers(Map<String, DMatrixRMaj> layers) {
        return ofLayers(layers, ProfileOptions.DEFAULT);
    }

    /** Profile of named layers with the given options (e.g. {@code DEFAULT.withWindow(n -> …)}). */
    public static ExponentProfile ofLayers(Map<String, DMatrixRMaj> layers, ProfileOptions options) {
        Require.notNull("layers", layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("layers: must contain at least one matrix");
        }
        List<NamedMatrix> m = new ArrayList<>();
        for (Map.Entry<String, DMatrixRMaj> e : layers.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("layers: a layer name is null");
            }
            Require.notNull("layers[\"" + e.getKey() + "\"]", e.getValue());
            m.add(dense(e.getKey(), e.getValue()));
        }
        return ofNamedMatrices(m, options);
    }

    /** Profile of an unnamed list of matrices; the layers are named "0", "1", …. */
    public static ExponentProfile ofLayers(List<DMatrixRMaj> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers: must contain at least one matrix");
        }
        List<NamedMatrix> m = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Require.notNull("layers[" + i + "]", layers.get(i));
            m.add(dense(Integer.toString(i), layers.get(i)));
        }
        return ofNamedMatrices(m, ProfileOptions.DEFAULT);
    }

    private static NamedMatrix dense(String name, DMatrixRMaj w) {
        return new NamedMatrix(name, name, LayerKind.DENSE, w, new int[] {w.numRows, w.numCols});
    }

    /** Profile of the partial products J_ℓ = A_ℓ ⋯ A_1 (factors.get(0) = A_1), all ranks fitted. */
    public static ExponentProfile ofChain(List<DMatrixRMaj> factors) {
        return ofChain(factors, RankRange::all);
    }

    /** Profile of the partial products with a rank window chosen from d. */
    public static ExponentProfile ofChain(List<DMatrixRMaj> factors, IntFunction<RankRange> window) {
        Require.notNull("window", window);
        ChainRigidity c = ChainRigidity.of(factors, window);
        Supplier<List<Column<?>>> t = () -> ProfileTable.build(c.rows(), c.depths(), c.columns());
        return new ExponentProfile(c.rows(), ProfileOptions.DEFAULT.withWindow(window), "chain exponent profile", t, true,
                c.dimension(), null);
    }

    /**
     * A layer profile of rows measured elsewhere, in the given order: rows from {@link LayerSpectrum#measure} run
     * one layer per task (a distributed sweep measures row i with index i and seed {@link #layerSeed}(seed, i),
     * as {@link #of} does, so its table equals the sequential one).
     *
     * @throws IllegalArgumentException if the list or a row is null, the list is empty or a name repeats
     */
    public static ExponentProfile ofRows(List<LayerSpectrum> rows, ProfileOptions options) {
        Require.notNull("rows", rows);
        Require.notNull("options", options);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows: must contain at least one row");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Require.notNull("rows[" + i + "]", rows.get(i));
            if (!names.add(rows.get(i).name())) {
                throw new IllegalArgumentException("rows: the name \"" + rows.get(i).name() + "\" appears twice");
            }
        }
        return new ExponentProfile(rows, options, ProfileTable.build(rows, null, List.of()), false, -1);
    }

    /**
     * The bootstrap seed of layer i: {@code new SplittableRandom(seed + i·0x9E3779B97F4A7C15).nextLong()},
     * a function of the root seed and the layer's position only.
     */
    public static long layerSeed(long seed, int index) {
        return new SplittableRandom(seed + index * 0x9E3779B97F4A7C15L).nextLong();
    }

    /** The profile as a Tablesaw table (a copy: sort, filter or write it freely). */
    public Table table() {
        return built().copy();
    }

    private Table built() {
        Table t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = ProfileTable.table(title, builtColumns());
                    table = t;
                }
            }
        }
        return t;
    }

    private List<Column<?>> builtColumns() {
        List<Column<?>> c = columns;
        if (c == null) {
            synchronized (this) {
                c = columns;
                if (c == null) {
                    c = columnsBuilder.get();
                    columns = c;
                }
            }
        }
        return c;
    }

    /** For a profile of W − W_base ({@link #ofDelta}): the layer match, with what did not match. */
    public java.util.Optional<ModelDelta> delta() {
        return java.util.Optional.ofNullable(delta);
    }

    /** Whether this is the profile of a chain's partial products. */
    public boolean isChain() {
        return chain;
    }

    /** The options the rows were measured with. */
    public ProfileOptions options() {
        return options;
    }

    /** Number of rows (layers or depths). */
    public int size() {
        return rows.size();
    }

    /** All rows, in order. */
    public List<LayerSpectrum> layers() {
        return rows;
    }

    /** Row i (0-based, input order). */
    public LayerSpectrum layer(int i) {
        if (i < 0 || i >= rows.size()) {
            throw new IllegalArgumentException("i: must lie in [0, " + rows.size() + "), got " + i);
        }
        return rows.get(i);
    }

    /** The first row whose name matches a regular expression (find semantics). */
    public LayerSpectrum layer(String regex) {
        Require.notNull("regex", regex);
        Pattern p = Pattern.compile(regex);
        for (LayerSpectrum l : rows) {
            if (p.matcher(l.name()).find()) {
                return l;
            }
        }
        throw new IllegalArgumentException("regex: no layer matches '" + regex + "'");
    }

    /**
     * The spectrum of row i (0-based).
     *
     * @throws IllegalArgumentException if i is out of range or the row has no spectrum (see its notes)
     */
    public Spectrum spectrum(int i) {
        LayerSpectrum l = layer(i);
        if (l.spectrum() == null) {
            throw new IllegalArgumentException("i: layer " + l.name() + " has no spectrum (" + l.notes() + ")");
        }
        return l.spectrum();
    }

    /** The value of a numeric column in row i, NaN when missing. */
    public double value(int i, String column) {
        layer(i);
        double[] v = numeric(column, "column");
        return v[i];
    }

    /** A numeric column as doubles (missing values NaN). */
    public double[] column(String name) {
        return numeric(name, "name");
    }

    private double[] numeric(String name, String argument) {
        Column<?> c = null;
        List<String> names = new ArrayList<>();
        for (Column<?> k : builtColumns()) {
            names.add(k.name());
            if (k.name().equals(name)) {
                c = k;
            }
        }
        if (c == null) {
            throw new IllegalArgumentException(argument + ": no column \"" + name + "\"; columns are " + names);
        }
        if (c instanceof DoubleColumn dc) {
            return dc.asDoubleArray();
        }
        if (c instanceof IntColumn ic) {
            double[] out = new double[ic.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ic.isMissing(i) ? Double.NaN : ic.getInt(i);
            }
            return out;
        }
        throw new IllegalArgumentException(argument + ": column \"" + name + "\" is not numeric");
    }

    /**
     * The uniform depth budget of a chain: log κ(J_L) / (L log d). For a zero-slack chain of exact power
     * laws in one frame with equal exponents, every adjacent drift equals it; a depth-L budget κ(J_L) ≤ M
     * makes it at most log M/(L log d).
     */
    public double budgetDriftBound() {
        if (!chain) {
            throw new IllegalArgumentException("profile: is a layer profile; the depth budget needs a chain");
        }
        double[] lc = column("log_condition");
        return lc[lc.length - 1] / (lc.length * Math.log(dimension));
    }

    @Override
    public String toString() {
        return "ExponentProfile[" + rows.size() + (chain ? " depths" : " layers") + ", fit " + options.fit() + "]";
    }
}
