package cartan.curvature;

import cartan.Require;
import cartan.fit.Ols;
import cartan.nn.Network;
import cartan.nn.Pass;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The curvature exponents of every weight layer of a network on one batch (arXiv 2606.02596, §3.1): for layer
 * ℓ, the top k = min(window, numerical rank of G_ℓ) singular directions of its gradient
 * ({@link GradientAlignment}), the exact directional curvatures h_k by Hessian-vector products, and the fits of
 * {@link CurvatureExponents}.
 *
 * <p>Table columns: {@code layer}, {@code k}, {@code h>0} (directions entering α), {@code α} (OLS slope of log h
 * on log σ over h &gt; 0), {@code SE(α)}, {@code R²(α)}, {@code γ}, {@code s}, {@code αγ}, {@code |αγ−s|/s},
 * {@code α Kron} (the slope for h^Kron), and of χ_k = h_k/h^Kron_k: {@code min χ}, {@code median χ} (the upper
 * median, χ_(⌊k/2⌋+1) of the sorted values) and {@code max χ}.
 *
 * @param table       the table above, one row per weight layer in network order
 * @param alignments  the layer index → its {@link GradientAlignment}
 * @param curvatures  the layer index → its exact h_k
 */
public record LayerCurvatureTable(Table table, Map<Integer, GradientAlignment> alignments,
                                  Map<Integer, double[]> curvatures) {

    /**
     * Measures every weight layer of {@code net} on {@code pass}.
     *
     * @throws IllegalArgumentException if window &lt; 3
     */
    public static LayerCurvatureTable measure(String title, Network net, Pass pass, int window) {
        Require.notNull("title", title);
        Require.notNull("net", net);
        Require.notNull("pass", pass);
        Require.atLeast("window", window, 3);
        String[] names = {"α", "SE(α)", "R²(α)", "γ", "s", "αγ", "|αγ−s|/s", "α Kron", "min χ", "median χ", "max χ"};
        StringColumn layerCol = StringColumn.create("layer");
        IntColumn kCol = IntColumn.create("k");
        IntColumn posCol = IntColumn.create("h>0");
        DoubleColumn[] cols = Arrays.stream(names).map(DoubleColumn::create).toArray(DoubleColumn[]::new);
        Map<Integer, GradientAlignment> aligns = new LinkedHashMap<>();
        Map<Integer, double[]> curv = new LinkedHashMap<>();
        for (int layer : net.weightLayers()) {
            int k = Math.min(window, GradientAlignment.numericalRank(pass.signals(layer)));
            GradientAlignment ga = GradientAlignment.of(pass.signals(layer), k);
            double[] h = ga.exactCurvature(pass, layer);
            aligns.put(layer, ga);
            curv.put(layer, h.clone());
            CurvatureExponents e = CurvatureExponents.fit(ga.sigma(), h, window);
            Ols fa = e.alphaFit();
            double[] chi = ga.chi(h);
            Arrays.sort(chi);
            layerCol.append(net.layers().get(layer).name());
            kCol.append(k);
            posCol.append((int) Arrays.stream(h).filter(v -> v > 0).count());
            double[] row = {e.alpha(), fa.slopeStdError(), fa.rSquared(), e.gamma(), e.s(), e.alpha() * e.gamma(),
                e.relativeError(), CurvatureExponents.alphaFit(ga.sigma(), ga.hKron()).slope(), chi[0],
                chi[chi.length / 2], chi[chi.length - 1]};
            for (int j = 0; j < row.length; j++) {
                cols[j].append(row[j]);
            }
        }
        Table t = Table.create(title).addColumns(layerCol, kCol, posCol);
        return new LayerCurvatureTable(t.addColumns(cols), Collections.unmodifiableMap(aligns),
                Collections.unmodifiableMap(curv));
    }
}
