package cartan.profile;

import cartan.Require;
import cartan.io.NamedMatrix;
import cartan.linalg.PartialProducts;
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
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A power-law exponent profile: one row per layer (a list of named matrices) or per depth (the
 * partial products J_ℓ = A_ℓ ⋯ A_1 of a chain), as a Tablesaw table with stable column names.
 *
 * <p>Columns of every profile:
 * <ul>
 *   <li>{@code layer, rows, cols}: the name and shape (chains: {@code J_ℓ}, d, d);</li>
 *   <li>{@code beta_chart, beta_chart_se, r_squared}: full-Cartan chart, OLS of μ̃_k on log k
 *   ({@link PowerLawChart}) over the rank window (all ranks unless given);</li>
 *   <li>{@code beta_top_radial}: scalar chart β̂ = r^{−1}(r(A)) ({@link TopRadialChart});</li>
 *   <li>{@code chart_residual}: RMS residual of the OLS chart; {@code signed_residual}: ε = r(A) −
 *   r_orbit(β̂_chart); {@code hellinger_residual}: Hellinger distance to the fitted orbit point;</li>
 *   <li>{@code top_radial}: r = ½ log(n p_1); {@code stable_rank, participation_ratio, entropy_rank,
 *   rank_q90, rank_q99}: effective ranks ({@link Spectrum}).</li>
 * </ul>
 *
 * <p>Extra columns of a chain profile (P1.5 rigidity; J_0 = I, so every quantity at depth 1 compares
 * with the identity, whose exponent, radial coordinate and residual are 0):
 * <ul>
 *   <li>{@code depth} ℓ; {@code log_condition} log κ(J_ℓ) = log σ_1/σ_d;</li>
 *   <li>{@code interface_amplitude} a_ℓ = r(A_ℓ), the top-radial coordinate of the factor;</li>
 *   <li>{@code slack} ξ_ℓ = log σ_1(A_ℓ) + log σ_1(J_{ℓ−1}) − log σ_1(J_ℓ) ≥ 0 (non-backtracking slack);</li>
 *   <li>{@code normalisation_change} ν_ℓ = F(J_ℓ) − F(J_{ℓ−1}) − F(A_ℓ), F(X) = ½ log(‖X‖_F²/d);</li>
 *   <li>{@code radial_increment} r(J_ℓ) − r(J_{ℓ−1}), which equals a_ℓ − ξ_ℓ − ν_ℓ exactly;</li>
 *   <li>{@code residual_variation} Δε_ℓ = ε(J_ℓ) − ε(J_{ℓ−1}) (signed);</li>
 *   <li>{@code drift} |β̂_chart(J_ℓ) − β̂_chart(J_{ℓ−1})| and {@code drift_bound}
 *   (a_ℓ + ξ_ℓ + |ν_ℓ| + |Δε_ℓ|) / m(max(β̂_ℓ, β̂_{ℓ−1})), the slack-aware margin bound: since
 *   r_orbit(β̂_ℓ) = r(J_ℓ) − ε_ℓ, the mean value theorem with the decreasing slope m = r' gives
 *   drift ≤ |a − ξ − ν − Δε| / m(max β̂) ≤ drift_bound;</li>
 *   <li>{@code drift_top_radial}, {@code drift_top_radial_bound} the same for the scalar chart (no ε term).</li>
 * </ul>
 */
public final class ExponentProfile {

    /** Column names of every profile, in table order. */
    public static final List<String> LAYER_COLUMNS = List.of("layer", "rows", "cols", "beta_chart", "beta_chart_se",
            "r_squared", "beta_top_radial", "chart_residual", "signed_residual", "hellinger_residual", "top_radial",
            "stable_rank", "participation_ratio", "entropy_rank", "rank_q90", "rank_q99");

    /** Extra columns of a chain profile, in table order. */
    public static final List<String> CHAIN_COLUMNS = List.of("depth", "log_condition", "interface_amplitude",
            "slack", "normalisation_change", "radial_increment", "residual_variation", "drift", "drift_bound",
            "drift_top_radial", "drift_top_radial_bound");

    private final Table table;
    private final List<Spectrum> spectra;
    private final boolean chain;
    private final int dimension;

    private final List<String> skipped;

    private ExponentProfile(Table table, List<Spectrum> spectra, boolean chain, int dimension) {
        this(table, spectra, chain, dimension, List.of());
    }

    private ExponentProfile(Table table, List<Spectrum> spectra, boolean chain, int dimension, List<String> skipped) {
        this.table = table;
        this.spectra = spectra;
        this.chain = chain;
        this.dimension = dimension;
        this.skipped = skipped;
    }

    /** Names of the inputs left out of a {@link #ofNamedMatrices} profile (fewer than 3 singular values). */
    public List<String> skippedLayers() {
        return skipped;
    }

    /** Profile of named layers (in the map's iteration order; use a LinkedHashMap), all ranks fitted. */
    public static ExponentProfile ofLayers(Map<String, DMatrixRMaj> layers) {
        return ofLayers(layers, RankRange::all);
    }

    /**
     * Profile of named layers with a rank window chosen per layer from its number of singular values n
     * (e.g. {@code n -> RankRange.fraction(n, 0, 0.5)}).
     */
    public static ExponentProfile ofLayers(Map<String, DMatrixRMaj> layers, IntFunction<RankRange> window) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers: must contain at least one matrix");
        }
        if (window == null) {
            throw new IllegalArgumentException("window: must not be null");
        }
        List<String> names = new ArrayList<>();
        List<Spectrum> spectra = new ArrayList<>();
        for (Map.Entry<String, DMatrixRMaj> e : layers.entrySet()) {
            String name = e.getKey();
            if (name == null) {
                throw new IllegalArgumentException("layers: a layer name is null");
            }
            String who = "layers[\"" + name + "\"]";
            Require.finite(who, e.getValue());
            names.add(name);
            try {
                spectra.add(Spectrum.of(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(who + ": " + ex.getMessage(), ex);
            }
        }
        Table t = baseTable("exponent profile", names, spectra, window);
        return new ExponentProfile(t, spectra, false, -1);
    }

    /**
     * Profile of the weight matrices a {@code cartan.io} reader returns (e.g. {@code SafetensorsReader.read(path)}),
     * in file order. Tensors whose matrix has fewer than 3 singular values (biases and norm scales become
     * 1 × n matrices) have no power-law chart; they are left out and listed by {@link #skippedLayers()}.
     *
     * @throws IllegalArgumentException if the list is empty, a name repeats, or no matrix has 3 singular values
     */
    public static ExponentProfile ofNamedMatrices(List<NamedMatrix> matrices) {
        return ofNamedMatrices(matrices, RankRange::all);
    }

    /**
     * As {@link #ofNamedMatrices(List)}, fitting each matrix on the window chosen from its number of
     * singular values n (e.g. {@code n -> RankRange.fraction(n, 0, 0.5)}, the top half of the spectrum).
     */
    public static ExponentProfile ofNamedMatrices(List<NamedMatrix> matrices, IntFunction<RankRange> window) {
        if (matrices == null || matrices.isEmpty()) {
            throw new IllegalArgumentException("matrices: must contain at least one matrix");
        }
        Map<String, DMatrixRMaj> layers = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (NamedMatrix m : matrices) {
            if (m == null) {
                throw new IllegalArgumentException("matrices: contains null");
            }
            if (Math.min(m.matrix().numRows, m.matrix().numCols) < 3) {
                skipped.add(m.name());
                continue;
            }
            if (layers.put(m.name(), m.matrix()) != null) {
                throw new IllegalArgumentException("matrices: the name \"" + m.name() + "\" appears twice");
            }
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("matrices: none has at least 3 singular values (all "
                    + skipped.size() + " are vectors or thin matrices)");
        }
        ExponentProfile p = ofLayers(layers, window);
        return new ExponentProfile(p.table, p.spectra, false, -1, List.copyOf(skipped));
    }

    /** Profile of an unnamed list of matrices; the layers are named "0", "1", …. */
    public static ExponentProfile ofLayers(List<DMatrixRMaj> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers: must contain at least one matrix");
        }
        Map<String, DMatrixRMaj> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            m.put(Integer.toString(i), layers.get(i));
        }
        return ofLayers(m);
    }

    /** Profile of the partial products J_ℓ = A_ℓ ⋯ A_1 (factors.get(0) = A_1), all ranks fitted. */
    public static ExponentProfile ofChain(List<DMatrixRMaj> factors) {
        return ofChain(factors, RankRange::all);
    }

    /** Profile of the partial products with a rank window chosen from d. */
    public static ExponentProfile ofChain(List<DMatrixRMaj> factors, IntFunction<RankRange> window) {
        if (window == null) {
            throw new IllegalArgumentException("window: must not be null");
        }
        PartialProducts pp = PartialProducts.of(factors);
        int d = pp.dimension();
        Require.atLeast("factors: dimension d", d, 3);
        int depth = pp.depth();
        List<String> names = new ArrayList<>();
        List<Spectrum> spectra = new ArrayList<>();
        double[] logSigma1 = new double[depth];
        double[] logCond = new double[depth];
        for (int l = 1; l <= depth; l++) {
            double[] ls = pp.logSingularValues(l);
            double[] s = new double[d];
            for (int k = 0; k < d; k++) {
                s[k] = Math.exp(ls[k] - ls[0]);
            }
            names.add("J_" + l);
            spectra.add(Spectrum.ofSingularValues(s));
            logSigma1[l - 1] = ls[0];
            logCond[l - 1] = ls[0] - ls[d - 1];
        }
        Table t = baseTable("chain exponent profile", names, spectra, window);
        double[] beta = t.doubleColumn("beta_chart").asDoubleArray();
        double[] betaTop = t.doubleColumn("beta_top_radial").asDoubleArray();
        double[] eps = t.doubleColumn("signed_residual").asDoubleArray();
        double[] r = t.doubleColumn("top_radial").asDoubleArray();
        int[] depthCol = new int[depth];
        double[] a = new double[depth];
        double[] xi = new double[depth];
        double[] nu = new double[depth];
        double[] dr = new double[depth];
        double[] deps = new double[depth];
        double[] drift = new double[depth];
        double[] bound = new double[depth];
        double[] driftTop = new double[depth];
        double[] boundTop = new double[depth];
        double halfLogD = 0.5 * Math.log(d);
        double prevLogSigma1 = 0;
        double prevF = 0;
        double prevBeta = 0;
        double prevBetaTop = 0;
        double prevEps = 0;
        double prevR = 0;
        for (int l = 0; l < depth; l++) {
            Spectrum factor = Spectrum.of(factors.get(l));
            double fA = 0.5 * Math.log(factor.frobeniusSquared()) - halfLogD;
            double fJ = pp.logFrobeniusNorm(l + 1) - halfLogD;
            depthCol[l] = l + 1;
            a[l] = factor.topRadial();
            xi[l] = Math.log(factor.singularValue(1)) + prevLogSigma1 - logSigma1[l];
            nu[l] = fJ - prevF - fA;
            dr[l] = r[l] - prevR;
            deps[l] = eps[l] - prevEps;
            drift[l] = Math.abs(beta[l] - prevBeta);
            bound[l] = (a[l] + Math.abs(xi[l]) + Math.abs(nu[l]) + Math.abs(deps[l]))
                    / TopRadialChart.slope(d, Math.max(beta[l], prevBeta));
            driftTop[l] = Math.abs(betaTop[l] - prevBetaTop);
            boundTop[l] = (a[l] + Math.abs(xi[l]) + Math.abs(nu[l]))
                    / TopRadialChart.slope(d, Math.max(betaTop[l], prevBetaTop));
            prevLogSigma1 = logSigma1[l];
            prevF = fJ;
            prevBeta = beta[l];
            prevBetaTop = betaTop[l];
            prevEps = eps[l];
            prevR = r[l];
        }
        t.insertColumn(1, IntColumn.create("depth", depthCol));
        t.addColumns(DoubleColumn.create("log_condition", logCond), DoubleColumn.create("interface_amplitude", a),
                DoubleColumn.create("slack", xi), DoubleColumn.create("normalisation_change", nu),
                DoubleColumn.create("radial_increment", dr), DoubleColumn.create("residual_variation", deps),
                DoubleColumn.create("drift", drift), DoubleColumn.create("drift_bound", bound),
                DoubleColumn.create("drift_top_radial", driftTop),
                DoubleColumn.create("drift_top_radial_bound", boundTop));
        return new ExponentProfile(t, spectra, true, d);
    }

    private static Table baseTable(String title, List<String> names, List<Spectrum> spectra,
                                   IntFunction<RankRange> window) {
        int n = spectra.size();
        int[] rows = new int[n];
        int[] cols = new int[n];
        double[][] c = new double[13][n];
        for (int i = 0; i < n; i++) {
            Spectrum s = spectra.get(i);
            String who = "layers[\"" + names.get(i) + "\"]";
            rows[i] = s.rows();
            cols[i] = s.cols();
            ChartFit fit;
            double top;
            try {
                RankRange w = window.apply(s.size());
                if (w == null) {
                    throw new IllegalArgumentException("window: returned null for n = " + s.size());
                }
                fit = PowerLawChart.fit(s, w);
                top = TopRadialChart.fit(s);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(who + ": " + ex.getMessage(), ex);
            }
            c[0][i] = fit.beta();
            c[1][i] = fit.standardError();
            c[2][i] = fit.rSquared();
            c[3][i] = top;
            c[4][i] = fit.rmsResidual();
            c[5][i] = fit.signedResidual();
            c[6][i] = fit.hellingerResidual();
            c[7][i] = s.topRadial();
            c[8][i] = s.stableRank();
            c[9][i] = s.participationRatio();
            c[10][i] = s.entropyRank();
            c[11][i] = s.energyQuantileRank(0.9);
            c[12][i] = s.energyQuantileRank(0.99);
        }
        Table t = Table.create(title);
        t.addColumns(StringColumn.create("layer", names), IntColumn.create("rows", rows), IntColumn.create("cols", cols));
        for (int j = 0; j < 11; j++) {
            t.addColumns(DoubleColumn.create(LAYER_COLUMNS.get(3 + j), c[j]));
        }
        int[] q90 = new int[n];
        int[] q99 = new int[n];
        for (int i = 0; i < n; i++) {
            q90[i] = (int) c[11][i];
            q99[i] = (int) c[12][i];
        }
        t.addColumns(IntColumn.create("rank_q90", q90), IntColumn.create("rank_q99", q99));
        return t;
    }

    /** The profile as a Tablesaw table (a copy: sort, filter or write it freely). */
    public Table table() {
        return table.copy();
    }

    /** Whether this is the profile of a chain's partial products. */
    public boolean isChain() {
        return chain;
    }

    /** Number of rows (layers or depths). */
    public int size() {
        return spectra.size();
    }

    /** The spectrum of row i (0-based). */
    public Spectrum spectrum(int i) {
        if (i < 0 || i >= spectra.size()) {
            throw new IllegalArgumentException("i: must lie in [0, " + spectra.size() + "), got " + i);
        }
        return spectra.get(i);
    }

    /** A numeric column as doubles. */
    public double[] column(String name) {
        Column<?> c = requireColumn(name);
        if (c instanceof DoubleColumn dc) {
            return dc.asDoubleArray();
        }
        if (c instanceof IntColumn ic) {
            return ic.asDoubleArray();
        }
        throw new IllegalArgumentException("name: column \"" + name + "\" is not numeric");
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

    private Column<?> requireColumn(String name) {
        if (name == null || !table.columnNames().contains(name)) {
            throw new IllegalArgumentException("name: no column \"" + name + "\"; columns are " + table.columnNames());
        }
        return table.column(name);
    }

    @Override
    public String toString() {
        return table.toString();
    }
}
