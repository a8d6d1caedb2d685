package cartan.curvature;

import cartan.Require;
import com.fasterxml.jackson.databind.JsonNode;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The conv gap of arXiv 2606.02596 (App. "Conv gap table", {@code results_conv_gap_v2.json}): per layer, the
 * exact directional curvatures h_k, the Kronecker model h^Kron_k and their ratio χ_k = h_k/h^Kron_k along the
 * gradient's singular values σ_k, reduced to the slopes and statistics the appendix prints.
 *
 * <p>Columns: {@code layer}; {@code α} and {@code α Kron}, the OLS slopes of log h and log h^Kron on log σ
 * (over the positive values, {@link CurvatureExponents#alphaFit}); {@code dlogχ/dlogσ}, the slope of log χ on
 * log σ (by OLS linearity α − α_Kron exactly when every h_k and h^Kron_k is positive); {@code log10 median χ},
 * {@code log10 min χ}, {@code log10 max χ}; {@code mean SoP/PoS} and {@code median SoP/PoS} of the stored
 * per-direction {@code concentration_ratio}; {@code h̄ SoP / h̄ PoS}, the ratio of the means of the stored
 * {@code h_sum_of_products} and {@code h_product_of_sums} (the paper's own definition of the ratio).
 */
public final class ConvGap {

    private ConvGap() {
    }

    /**
     * One row per object of the {@code /conv_results} array, then one for {@code /fc_result} if present.
     *
     * @throws IllegalArgumentException if an entry lacks one of the arrays or their lengths differ
     */
    public static Table table(String title, JsonNode root) {
        Require.notNull("title", title);
        Require.notNull("root", root);
        List<String> at = new ArrayList<>();
        for (int i = 0; i < root.at("/conv_results").size(); i++) {
            at.add("/conv_results/" + i);
        }
        if (!root.at("/fc_result").isMissingNode()) {
            at.add("/fc_result");
        }
        String[] names = {"layer", "α", "α Kron", "dlogχ/dlogσ", "log10 median χ", "log10 min χ", "log10 max χ",
            "mean SoP/PoS", "median SoP/PoS", "h̄ SoP / h̄ PoS"};
        StringColumn layer = StringColumn.create(names[0]);
        DoubleColumn[] cols = new DoubleColumn[names.length - 1];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = DoubleColumn.create(names[j + 1]);
        }
        for (String p : at) {
            double[] sigma = PublishedResults.numbers(root, p + "/sigma");
            double[] h = PublishedResults.numbers(root, p + "/h_exact");
            double[] hKron = PublishedResults.numbers(root, p + "/h_kron");
            if (h.length != sigma.length || hKron.length != sigma.length) {
                throw new IllegalArgumentException("root: " + p + " has " + sigma.length + " sigma, " + h.length
                        + " h_exact and " + hKron.length + " h_kron");
            }
            double[] chi = new double[sigma.length];
            for (int k = 0; k < chi.length; k++) {
                chi[k] = h[k] / hKron[k];
            }
            DoubleColumn c = DoubleColumn.create("chi", chi);
            DoubleColumn conc = DoubleColumn.create("c", PublishedResults.numbers(root, p + "/concentration_ratio"));
            double sop = DoubleColumn.create("sop", PublishedResults.numbers(root, p + "/h_sum_of_products")).mean();
            double pos = DoubleColumn.create("pos", PublishedResults.numbers(root, p + "/h_product_of_sums")).mean();
            layer.append(root.at(p + "/name").asText());
            double[] row = {CurvatureExponents.alphaFit(sigma, h).slope(), CurvatureExponents.alphaFit(sigma, hKron).slope(),
                CurvatureExponents.alphaFit(sigma, chi).slope(), Math.log10(c.median()), Math.log10(c.min()),
                Math.log10(c.max()), conc.mean(), conc.median(), sop / pos};
            for (int j = 0; j < row.length; j++) {
                cols[j].append(row[j]);
            }
        }
        Table t = Table.create(title).addColumns(layer);
        return t.addColumns(cols);
    }
}
