package cartan.curvature;

import cartan.curvature.PublishedLayers.Layer;
import cartan.fit.Ols;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AlphaShift against OLS slopes and standard errors computed here from the raw arrays and the appendix's printed
 * values; RankProfileTable against the authors' stored BIC winners.
 */
class AlphaShiftAndRankProfileTableTest {

    static double[] logPositive(double[] v, double[] keep) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> keep[i] > 0).mapToDouble(i -> Math.log(v[i])).toArray();
    }

    @Test
    void shiftEqualsTwoIndependentOlsFits() throws Exception {
        PublishedLayers hyp = PublishedLayers.read(PublishedReference.file("results_hypothesis.json"));
        AlphaShift s = AlphaShift.of(hyp, "mlp_up", "task_structure/GPT2_LM", "task_structure/GPT2_Classification", 20);
        double[] fits = new double[4];
        String[] ex = {"task_structure/GPT2_LM", "task_structure/GPT2_Classification"};
        for (int i = 0; i < 2; i++) {
            String e = ex[i];
            Layer l = hyp.where(x -> x.experiment().equals(e) && x.name().equals("mlp_up")).layers().get(0);
            double[] sg = java.util.Arrays.copyOf(l.sigma(), 20);
            double[] h = java.util.Arrays.copyOf(l.h(), 20);
            Ols f = Ols.fit(logPositive(sg, h), logPositive(h, h));
            fits[2 * i] = f.slope();
            fits[2 * i + 1] = f.slopeStdError();
        }
        assertEquals(fits[0], s.alphaFrom(), 1e-12);
        assertEquals(fits[2], s.alphaTo(), 1e-12);
        assertEquals(fits[2] - fits[0], s.delta(), 1e-12);
        assertEquals(Math.sqrt(fits[1] * fits[1] + fits[3] * fits[3]), s.se(), 1e-12);
        // the appendix prints 0.73 → 1.59, Δα = 0.86
        assertEquals(0.73, s.alphaFrom(), 0.005);
        assertEquals(1.59, s.alphaTo(), 0.005);
        Table t = AlphaShift.table("t", List.of(s));
        assertEquals(s.delta(), t.doubleColumn("Δα").get(0), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlphaShift.of(hyp, "nope", "task_structure/GPT2_LM", "task_structure/GPT2_Classification", 20));
        assertTrue(e.getMessage().startsWith("layers:"));
    }

    @Test
    void rankProfileWinnersAreTheAuthors() throws Exception {
        PublishedLayers cifar = PublishedLayers.read(PublishedReference.file("results_alpha_triangle.json"));
        Table t = RankProfileTable.of("t", cifar, 20, 500);
        Table authors = PublishedResults.table(PublishedReference.file("results_model_fit_comparison.json"), "/layers");
        assertEquals(24, t.rowCount());
        for (int i = 0; i < 24; i++) {
            assertEquals(authors.stringColumn("name").get(i), t.stringColumn("layer").get(i));
            assertEquals(authors.stringColumn("best_model_bic").get(i), t.stringColumn("winner").get(i), "layer " + i);
            double r = t.doubleColumn("log-normal rate if power law").get(i);
            assertTrue(r >= 0 && r <= 1);
        }
        assertThrows(IllegalArgumentException.class, () -> RankProfileTable.of("t", cifar, 0, 1));
    }
}
