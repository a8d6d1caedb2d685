package cartan.weights;

import cartan.fit.PowerLawBootstrap;
import cartan.fit.PowerLawFit;
import cartan.fit.TailFitter;
import cartan.io.LayerKind;
import cartan.io.MatrixSource;
import cartan.io.NamedMatrix;
import cartan.linalg.SingularValues;
import cartan.spectrum.ChartFit;
import cartan.spectrum.PowerLawChart;
import cartan.spectrum.RankRange;
import cartan.spectrum.Spectrum;
import cartan.spectrum.TopRadialChart;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The static-weight profile of a model: one row per weight matrix W (m × n, in the order given), with
 * the singular values σ_1 ≥ … ≥ σ_q of W (q = min(m, n), EJML values-only SVD in double precision),
 * the eigenvalues λ_k = σ_k² of WᵀW (no 1/N normalisation, as WeightWatcher) and the power-law tail
 * of the λ's.
 *
 * <p>Columns ({@link #COLUMNS}, the fixed CSV header; {@link #EXTRA_COLUMNS} follow, {@code notes} last):
 * <table>
 *   <caption>per-layer columns</caption>
 *   <tr><td>{@code layer, kind, rows, cols}</td><td>name, {@link LayerKind} (lower case), m, n</td></tr>
 *   <tr><td>{@code sigma_max}</td><td>σ_1 = ‖W‖_2</td></tr>
 *   <tr><td>{@code frobenius_norm}</td><td>‖W‖_F = (Σ_ij W_ij²)^{1/2}, summed over the raw entries
 *   (not from the SVD; Σσ_k² = ‖W‖_F² is a check)</td></tr>
 *   <tr><td>{@code stable_rank}</td><td>Σλ/λ_max = ‖W‖_F²/σ_1²</td></tr>
 *   <tr><td>{@code entropy_rank}</td><td>exp(−Σ p_k ln p_k), p_k = σ_k²/Σσ_j²</td></tr>
 *   <tr><td>{@code participation_ratio}</td><td>(Σλ)²/Σλ² = 1/Σp_k²</td></tr>
 *   <tr><td>{@code rank_q90}</td><td>min{k : Σ_{j≤k} p_j ≥ 0.9}, the 0.9 energy-quantile rank</td></tr>
 *   <tr><td>{@code alpha, alpha_xmin, alpha_ks, alpha_se}</td><td>density exponent of the λ tail
 *   (p(λ) ∝ λ^{−α}, λ ≥ x_min), the chosen x_min, the KS distance at x_min and (α−1)/√n_tail, from
 *   {@link TailFitter} (WW or CSN rule, {@link ProfileOptions})</td></tr>
 *   <tr><td>{@code alpha_p}</td><td>CSN bootstrap goodness-of-fit p-value (missing without bootstrap)</td></tr>
 *   <tr><td>{@code alpha_weighted}</td><td>α·log10 λ_max (WeightWatcher)</td></tr>
 *   <tr><td>{@code log_norm}</td><td>log10 ‖W‖_F² = log10 Σλ (WeightWatcher)</td></tr>
 *   <tr><td>{@code log_spectral_norm}</td><td>log10 λ_max (WeightWatcher)</td></tr>
 *   <tr><td>{@code beta_chart}</td><td>full-Cartan chart exponent: OLS slope of μ̃_k = ln σ_k − ½ ln(‖W‖_F²/q)
 *   on −ln k over ranks 1..r, r the numerical rank ({@link PowerLawChart})</td></tr>
 *   <tr><td>{@code top_radial}</td><td>top-radial coordinate r = ½ ln(q·p_1) ∈ [0, ½ ln q]</td></tr>
 *   <tr><td>{@code chart_residual}</td><td>RMS residual of that OLS chart</td></tr>
 *   <tr><td>{@code index}</td><td>0-based position in the input list</td></tr>
 *   <tr><td>{@code depth, role}</td><td>block number and role parsed from the name ({@link LayerName});
 *   depth missing when the name has none</td></tr>
 *   <tr><td>{@code alpha_n_tail}</td><td>number of eigenvalues in the fitted tail</td></tr>
 *   <tr><td>{@code beta_top_radial}</td><td>scalar-chart exponent r^{−1}(r(W)) ({@link TopRadialChart})</td></tr>
 *   <tr><td>{@code notes}</td><td>why a value is missing (non-finite weights, rank deficiency, failed fit)</td></tr>
 * </table>
 *
 * <p>A matrix with NaN or infinite entries gets a row with its shape and a note, never an exception.
 * Layers are independent: with {@code threads > 1} they are computed in parallel, each sequentially,
 * and layer i's bootstrap draws from its own seed {@link #layerSeed(long, int)}, so the table is
 * bit-identical for every thread count.
 *
 * <p>For models larger than the heap, {@link #ofSources} takes {@link MatrixSource}s (e.g. from
 * {@link Models#open}, which opens safetensors files lazily) and loads each matrix just before its layer
 * is computed: at most {@code threads} matrices are alive at once, and the profile keeps only the
 * per-layer results (singular values, fits), never a matrix. Its table is bit-identical to {@link #of}'s.
 */
public final class WeightProfile {

    /** The fixed CSV header prefix. */
    public static final List<String> COLUMNS = List.of("layer", "kind", "rows", "cols", "sigma_max",
            "frobenius_norm", "stable_rank", "entropy_rank", "participation_ratio", "rank_q90", "alpha",
            "alpha_xmin", "alpha_ks", "alpha_se", "alpha_p", "alpha_weighted", "log_norm", "log_spectral_norm",
            "beta_chart", "top_radial", "chart_residual");

    /** Columns after {@link #COLUMNS}; {@code notes} is always the last. */
    public static final List<String> EXTRA_COLUMNS = List.of("index", "depth", "role", "alpha_n_tail",
            "beta_top_radial", "notes");

    /** Every column, in table order. */
    public static final List<String> ALL_COLUMNS;

    static {
        List<String> all = new ArrayList<>(COLUMNS);
        all.addAll(EXTRA_COLUMNS);
        ALL_COLUMNS = List.copyOf(all);
    }

    private static final List<String> INT_COLUMNS = List.of("rows", "cols", "rank_q90", "index", "depth",
            "alpha_n_tail");
    private static final List<String> STRING_COLUMNS = List.of("layer", "kind", "role", "notes");

    /** Called after each layer; may be called from worker threads (calls are serialised). */
    @FunctionalInterface
    public interface Progress {
        void layerDone(int done, int total, String layer);
    }

    /** One layer's results. Values that could not be computed are NaN here and missing in the table. */
    public record Layer(int index, String name, LayerKind kind, int rows, int cols, double[] singularValues,
                        double frobeniusNorm, Spectrum spectrum, PowerLawFit fit, double pValue,
                        ChartFit chart, double betaTopRadial, String notes) {

        /** λ_k = σ_k², descending (empty if the spectrum was not computed). */
        public double[] eigenvalues() {
            double[] l = new double[singularValues.length];
            for (int k = 0; k < l.length; k++) {
                l[k] = singularValues[k] * singularValues[k];
            }
            return l;
        }

        @Override
        public double[] singularValues() {
            return singularValues.clone();
        }

        /** The fit, if α could be fitted. */
        public Optional<PowerLawFit> powerLaw() {
            return Optional.ofNullable(fit);
        }

        /** The Cartan chart fit, if it could be computed. */
        public Optional<ChartFit> cartanChart() {
            return Optional.ofNullable(chart);
        }

        /** The spectrum, if the matrix was finite and non-zero. */
        public Optional<Spectrum> spectrumIfComputed() {
            return Optional.ofNullable(spectrum);
        }
    }

    private final List<Layer> layers;
    private final ProfileOptions options;
    private final Table table;

    private WeightProfile(List<Layer> layers, ProfileOptions options) {
        this.layers = List.copyOf(layers);
        this.options = options;
        this.table = buildTable(this.layers);
    }

    /** The profile with {@link ProfileOptions#DEFAULT} (WW fit, no bootstrap, one thread). */
    public static WeightProfile of(List<NamedMatrix> matrices) {
        return of(matrices, ProfileOptions.DEFAULT, null);
    }

    public static WeightProfile of(List<NamedMatrix> matrices, ProfileOptions options) {
        return of(matrices, options, null);
    }

    /**
     * The profile of the given matrices, in their order.
     *
     * @param progress optional callback after each layer (null for none)
     * @throws IllegalArgumentException if the list or an element is null, or the list is empty
     */
    public static WeightProfile of(List<NamedMatrix> matrices, ProfileOptions options, Progress progress) {
        if (matrices == null) {
            throw new IllegalArgumentException("matrices: must not be null");
        }
        if (matrices.isEmpty()) {
            throw new IllegalArgumentException("matrices: is empty, no layer to profile");
        }
        if (options == null) {
            throw new IllegalArgumentException("options: must not be null");
        }
        for (int i = 0; i < matrices.size(); i++) {
            if (matrices.get(i) == null) {
                throw new IllegalArgumentException("matrices: element " + i + " is null");
            }
        }
        double[] costs = new double[matrices.size()];
        String[] names = new String[matrices.size()];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = cost(matrices.get(i).rows(), matrices.get(i).cols());
            names[i] = matrices.get(i).name();
        }
        try {
            return run(matrices::get, names, costs, options, progress);
        } catch (IOException e) {
            throw new AssertionError("matrices in memory cannot fail to load", e);
        }
    }

    /**
     * The profile of matrices read one at a time: source i is loaded just before layer i is computed and
     * dropped right after, so at most {@code options.threads()} matrices are in memory at once and the
     * profile keeps only the per-layer results (singular values, fits). The table equals
     * {@link #of(List, ProfileOptions, Progress)} of the loaded matrices, bit for bit, for every thread count.
     *
     * @param progress optional callback after each layer (null for none)
     * @throws IllegalArgumentException if the list or an element is null, or the list is empty
     * @throws IOException              if a source cannot be loaded
     */
    public static WeightProfile ofSources(List<MatrixSource> sources, ProfileOptions options, Progress progress)
            throws IOException {
        if (sources == null) {
            throw new IllegalArgumentException("sources: must not be null");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: is empty, no layer to profile");
        }
        if (options == null) {
            throw new IllegalArgumentException("options: must not be null");
        }
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) == null) {
                throw new IllegalArgumentException("sources: element " + i + " is null");
            }
        }
        double[] costs = new double[sources.size()];
        String[] names = new String[sources.size()];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = cost(sources.get(i).rows(), sources.get(i).cols());
            names[i] = sources.get(i).name();
        }
        return run(i -> sources.get(i).load(), names, costs, options, progress);
    }

    /** Loads matrix i. */
    @FunctionalInterface
    private interface Loader {
        NamedMatrix load(int i) throws IOException;
    }

    private static WeightProfile run(Loader loader, String[] names, double[] costs, ProfileOptions options,
                                     Progress progress) throws IOException {
        int n = names.length;
        Layer[] out = new Layer[n];
        AtomicInteger done = new AtomicInteger();
        Object lock = new Object();
        IndexTask task = i -> {
            out[i] = layer(i, loader.load(i), options);
            if (progress != null) {
                synchronized (lock) {
                    progress.layerDone(done.incrementAndGet(), n, names[i]);
                }
            }
        };
        if (options.threads() == 1 || n == 1) {
            for (int i = 0; i < n; i++) {
                task.run(i);
            }
        } else {
            // largest matrices first (SVD cost ~ m·n·min(m, n)), so one big layer does not run alone at the end;
            // each result goes to its own slot, so the order of work never changes the table
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(costs[y], costs[x]));
            AtomicInteger next = new AtomicInteger();
            ForkJoinPool pool = new ForkJoinPool(options.threads());
            try {
                List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < Math.min(options.threads(), n); t++) {
                    workers.add(pool.submit(() -> {
                        for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                            try {
                                task.run(order[k]);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> w : workers) {
                    w.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("profile interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new WeightProfile(Arrays.asList(out), options);
    }

    @FunctionalInterface
    private interface IndexTask {
        void run(int i) throws IOException;
    }

    private static double cost(int rows, int cols) {
        return (double) rows * cols * Math.min(rows, cols);
    }

    /**
     * The bootstrap seed of layer i: {@code new SplittableRandom(seed + i·0x9E3779B97F4A7C15).nextLong()},
     * a function of the root seed and the layer's position only.
     */
    public static long layerSeed(long seed, int index) {
        return new SplittableRandom(seed + index * 0x9E3779B97F4A7C15L).nextLong();
    }

    static Layer layer(int index, NamedMatrix m, ProfileOptions options) {
        DMatrixRMaj w = m.matrix();
        int rows = w.numRows;
        int cols = w.numCols;
        List<String> notes = new ArrayList<>();
        int nan = 0;
        int inf = 0;
        int size = w.getNumElements();
        for (int i = 0; i < size; i++) {
            double v = w.data[i];
            if (Double.isNaN(v)) {
                nan++;
            } else if (Double.isInfinite(v)) {
                inf++;
            }
        }
        if (nan > 0 || inf > 0) {
            notes.add("non-finite weights (" + nan + " NaN, " + inf + " infinite): spectrum not computed");
            return empty(index, m, rows, cols, notes);
        }
        if (size == 0) {
            notes.add("empty matrix");
            return empty(index, m, rows, cols, notes);
        }
        double frob = frobenius(w.data, size);
        if (frob == 0) {
            notes.add("all-zero matrix: spectrum not normalisable");
            return new Layer(index, m.name(), m.kind(), rows, cols, new double[Math.min(rows, cols)], 0, null, null,
                    Double.NaN, null, Double.NaN, String.join("; ", notes));
        }
        double[] sigma = singularValues(w);
        double tol = Math.max(rows, cols) * Math.ulp(1.0) * sigma[0];
        double[] clean = sigma.clone();
        int rank = 0;
        for (int k = 0; k < clean.length; k++) {
            if (clean[k] <= tol) {
                clean[k] = 0;
            } else {
                rank++;
            }
        }
        Spectrum spectrum = Spectrum.ofSingularValues(clean);

        double[] lambda = new double[sigma.length];
        for (int k = 0; k < sigma.length; k++) {
            lambda[k] = sigma[k] * sigma[k];
        }
        TailFitter fitter = options.fitter();
        PowerLawFit fit = null;
        double p = Double.NaN;
        try {
            fit = fitter.fit(lambda);
            if (options.bootstrap() > 0) {
                p = PowerLawBootstrap.goodnessOfFit(lambda, fitter, options.bootstrap(),
                        layerSeed(options.seed(), index), 1).pValue();
            }
        } catch (IllegalArgumentException e) {
            notes.add("alpha not fitted: " + e.getMessage());
        }

        ChartFit chart = null;
        if (rank >= 3) {
            if (rank < sigma.length) {
                notes.add("rank-deficient (numerical rank " + rank + " of " + sigma.length
                        + "): chart over ranks 1.." + rank);
            }
            try {
                chart = PowerLawChart.fit(spectrum, RankRange.of(1, rank));
            } catch (IllegalArgumentException e) {
                notes.add("chart not fitted: " + e.getMessage());
            }
        } else {
            notes.add("chart not fitted: numerical rank " + rank + " < 3");
        }
        double betaTop = Double.NaN;
        try {
            betaTop = TopRadialChart.fit(spectrum);
        } catch (IllegalArgumentException e) {
            notes.add("top-radial exponent not defined: " + e.getMessage());
        }
        return new Layer(index, m.name(), m.kind(), rows, cols, sigma, frob, spectrum, fit, p, chart, betaTop,
                String.join("; ", notes));
    }

    /**
     * σ_1 ≥ … ≥ σ_q of W. For an aspect ratio of at least 2 (e.g. a 30522×384 embedding table) the matrix
     * (transposed if wide) is first reduced by Householder QR, W = QR, and the singular values of the q×q
     * factor R are returned — the same values, as Q has orthonormal columns, and backward stable as QR is;
     * LAPACK's gesvd makes the same reduction for m ≥ 1.6·n. It is 3–4× faster than EJML's SVD of the tall
     * matrix. Otherwise {@link SingularValues#of}.
     */
    static double[] singularValues(DMatrixRMaj w) {
        int m = Math.max(w.numRows, w.numCols);
        int n = Math.min(w.numRows, w.numCols);
        if (n < 2 || m < 2 * n
                || SingularValues.backend(w.numRows, w.numCols) == cartan.linalg.Backend.LAPACK) {
            return SingularValues.of(w); // LAPACK's dgesdd already takes the QR-first path for tall shapes
        }
        // pure-Java EJML: a Householder QR first, then the SVD of the small R (3-4x faster on 30522x384)
        DMatrixRMaj tall = w.numRows >= w.numCols ? w.copy() : org.ejml.dense.row.CommonOps_DDRM.transpose(w, null);
        org.ejml.interfaces.decomposition.QRDecomposition<DMatrixRMaj> qr =
                org.ejml.dense.row.factory.DecompositionFactory_DDRM.qr(tall.numRows, tall.numCols);
        if (!qr.decompose(tall)) {
            return SingularValues.of(w);
        }
        return SingularValues.of(qr.getR(null, true));
    }

    private static Layer empty(int index, NamedMatrix m, int rows, int cols, List<String> notes) {
        return new Layer(index, m.name(), m.kind(), rows, cols, new double[0], Double.NaN, null, null, Double.NaN,
                null, Double.NaN, String.join("; ", notes));
    }

    /** ‖x‖₂ with scaling by max |x_i| so that neither tiny nor huge entries under- or overflow. */
    static double frobenius(double[] x, int size) {
        double max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        if (max == 0) {
            return 0;
        }
        double s = 0;
        for (int i = 0; i < size; i++) {
            double t = x[i] / max;
            s += t * t;
        }
        return max * Math.sqrt(s);
    }

    // ------------------------------------------------------------------------------------------

    /** The rows as a Tablesaw table with {@link #ALL_COLUMNS}. */
    public Table table() {
        return table.copy();
    }

    /** Number of layers. */
    public int size() {
        return layers.size();
    }

    /** Layer i (0-based, input order). */
    public Layer layer(int i) {
        if (i < 0 || i >= layers.size()) {
            throw new IllegalArgumentException("i: must lie in [0, " + layers.size() + "), got " + i);
        }
        return layers.get(i);
    }

    /** All layers, in input order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The first layer whose name matches a regular expression (find semantics). */
    public Layer layer(String regex) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        for (Layer l : layers) {
            if (p.matcher(l.name()).find()) {
                return l;
            }
        }
        throw new IllegalArgumentException("regex: no layer matches '" + regex + "'");
    }

    public ProfileOptions options() {
        return options;
    }

    /** The value of a numeric column in row i, NaN when missing. */
    public double value(int i, String column) {
        Layer l = layer(i);
        Map<String, Object> row = row(l);
        if (!row.containsKey(column)) {
            throw new IllegalArgumentException("column: no column '" + column + "'");
        }
        Object v = row.get(column);
        if (v == null) {
            return Double.NaN;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("column: '" + column + "' is not numeric");
    }

    /** Row i as a map column → value (Integer, Double, String, or null when missing), in column order. */
    public Map<String, Object> row(int i) {
        return row(layer(i));
    }

    static Map<String, Object> row(Layer l) {
        Map<String, Object> r = new LinkedHashMap<>();
        Spectrum s = l.spectrum();
        PowerLawFit f = l.fit();
        ChartFit c = l.chart();
        double s1 = l.singularValues.length > 0 ? l.singularValues[0] : Double.NaN;
        double lmax = s1 * s1;
        r.put("layer", l.name());
        r.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
        r.put("rows", l.rows());
        r.put("cols", l.cols());
        r.put("sigma_max", s == null ? null : s1);
        r.put("frobenius_norm", num(l.frobeniusNorm()));
        r.put("stable_rank", s == null ? null : s.stableRank());
        r.put("entropy_rank", s == null ? null : s.entropyRank());
        r.put("participation_ratio", s == null ? null : s.participationRatio());
        r.put("rank_q90", s == null ? null : s.energyQuantileRank(0.9));
        r.put("alpha", f == null ? null : f.alpha());
        r.put("alpha_xmin", f == null ? null : f.xMin());
        r.put("alpha_ks", f == null ? null : f.ksDistance());
        r.put("alpha_se", f == null ? null : f.standardError());
        r.put("alpha_p", num(l.pValue()));
        r.put("alpha_weighted", f == null ? null : f.alpha() * Math.log10(lmax));
        r.put("log_norm", s == null ? null : Math.log10(s.frobeniusSquared()));
        r.put("log_spectral_norm", s == null ? null : Math.log10(lmax));
        r.put("beta_chart", c == null ? null : c.beta());
        r.put("top_radial", s == null ? null : s.topRadial());
        r.put("chart_residual", c == null ? null : c.rmsResidual());
        r.put("index", l.index());
        LayerName n = LayerName.parse(l.name());
        r.put("depth", n.depth() < 0 ? null : n.depth());
        r.put("role", n.role());
        r.put("alpha_n_tail", f == null ? null : f.tailSize());
        r.put("beta_top_radial", num(l.betaTopRadial()));
        r.put("notes", l.notes());
        return r;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Table buildTable(List<Layer> layers) {
        Table t = Table.create("weight profile");
        Map<String, tech.tablesaw.columns.Column<?>> cols = new LinkedHashMap<>();
        for (String name : ALL_COLUMNS) {
            tech.tablesaw.columns.Column<?> c = STRING_COLUMNS.contains(name) ? StringColumn.create(name)
                    : INT_COLUMNS.contains(name) ? IntColumn.create(name) : DoubleColumn.create(name);
            cols.put(name, c);
        }
        for (Layer l : layers) {
            Map<String, Object> r = row(l);
            for (String name : ALL_COLUMNS) {
                Object v = r.get(name);
                tech.tablesaw.columns.Column<?> c = cols.get(name);
                if (c instanceof StringColumn sc) {
                    sc.append(v == null ? "" : (String) v);
                } else if (c instanceof IntColumn ic) {
                    if (v == null) {
                        ic.appendMissing();
                    } else {
                        ic.append((Integer) v);
                    }
                } else {
                    DoubleColumn dc = (DoubleColumn) c;
                    if (v == null) {
                        dc.appendMissing();
                    } else {
                        dc.append(((Number) v).doubleValue());
                    }
                }
            }
        }
        t.addColumns(cols.values().toArray(new tech.tablesaw.columns.Column<?>[0]));
        return t;
    }

    // ------------------------------------------------------------------------------------------ CSV / JSON

    /**
     * The table as CSV: header {@link #ALL_COLUMNS}, one line per layer, doubles in Java's shortest
     * round-trip form ({@link Double#toString}), missing values empty, strings quoted when they hold a
     * comma, quote or line break.
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder(String.join(",", ALL_COLUMNS)).append('\n');
        for (Layer l : layers) {
            Map<String, Object> r = row(l);
            boolean first = true;
            for (String name : ALL_COLUMNS) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                Object v = r.get(name);
                if (v instanceof String s) {
                    b.append(csvQuote(s));
                } else if (v != null) {
                    b.append(v);
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String csvQuote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * The profile as a JSON-ready tree: {@code format}, {@code source}, {@code options}, {@code columns},
     * and {@code layers}, each a row object plus its {@code singular_values}.
     */
    public Map<String, Object> toJsonTree(String source) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "cartan-weight-profile/1");
        root.put("source", source);
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("fit", options.fit().name().toLowerCase(Locale.ROOT));
        opt.put("min_tail", options.minTail());
        opt.put("bootstrap", options.bootstrap());
        opt.put("seed", options.seed());
        opt.put("eigenvalues", "sigma^2 of W^T W, no 1/N");
        root.put("options", opt);
        root.put("columns", ALL_COLUMNS);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Layer l : layers) {
            Map<String, Object> r = row(l);
            r.put("singular_values", l.singularValues);
            rows.add(r);
        }
        root.put("layers", rows);
        return root;
    }

    @Override
    public String toString() {
        return "WeightProfile[" + layers.size() + " layers, fit " + options.fit() + "]";
    }
}
