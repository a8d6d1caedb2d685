package cartan.curvature;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ConvGap against numpy on the authors' conv-gap file and against exact power laws. */
class ConvGapTest {

    @Test
    void firstConvLayerMatchesNumpy() throws Exception {
        Table t = ConvGap.table("t", PublishedResults.read(PublishedReference.file("results_conv_gap_v2.json")));
        assertEquals(6, t.rowCount());
        assertEquals("conv1", t.stringColumn("layer").get(0));
        // python3: r = json.load(open('results_conv_gap_v2.json')); e = r['conv_results'][0]; s, h, k = (np.array(e[x]) for x in
        // ('sigma', 'h_exact', 'h_kron')); np.polyfit(np.log(s), np.log(h), 1)[0], np.polyfit(np.log(s), np.log(k), 1)[0],
        // np.log10(np.median(h / k)), np.mean(e['h_sum_of_products']) / np.mean(e['h_product_of_sums']),
        // np.median(e['concentration_ratio'])
        assertEquals(1.9860202236093103, t.doubleColumn("α").get(0), 1e-10);
        assertEquals(1.5425427645893495, t.doubleColumn("α Kron").get(0), 1e-10);
        assertEquals(6.9587102466446735, t.doubleColumn("log10 median χ").get(0), 1e-10);
        assertEquals(0.8298693267616779, t.doubleColumn("h̄ SoP / h̄ PoS").get(0), 1e-12);
        assertEquals(0.8746006190776825, t.doubleColumn("median SoP/PoS").get(0), 1e-12);
    }

    @Test
    void exactPowerLawsGiveTheirExponents() throws Exception {
        // h = σ^2.5, h^Kron = 3 σ², so χ = σ^0.5 / 3: α = 2.5, α_Kron = 2, dlogχ/dlogσ = 0.5
        StringBuilder s = new StringBuilder(), h = new StringBuilder(), k = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            double sg = 1.0 / i;
            String sep = i == 1 ? "" : ",";
            s.append(sep).append(sg);
            h.append(sep).append(Math.pow(sg, 2.5));
            k.append(sep).append(3 * sg * sg);
        }
        String json = "{\"conv_results\":[{\"name\":\"c\",\"sigma\":[" + s + "],\"h_exact\":[" + h + "],\"h_kron\":[" + k
                + "],\"concentration_ratio\":[1,2,6],\"h_sum_of_products\":[1,3],\"h_product_of_sums\":[4]}]}";
        Table t = ConvGap.table("t", new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        assertEquals(1, t.rowCount());
        assertEquals(2.5, t.doubleColumn("α").get(0), 1e-12);
        assertEquals(2.0, t.doubleColumn("α Kron").get(0), 1e-12);
        assertEquals(0.5, t.doubleColumn("dlogχ/dlogσ").get(0), 1e-12);
        assertEquals(Math.log10(1.0 / 3), t.doubleColumn("log10 max χ").get(0), 1e-12);
        assertEquals(3, t.doubleColumn("mean SoP/PoS").get(0), 1e-15);
        assertEquals(2, t.doubleColumn("median SoP/PoS").get(0), 1e-15);
        assertEquals(0.5, t.doubleColumn("h̄ SoP / h̄ PoS").get(0), 1e-15);
    }

    @Test
    void refusesArraysOfDifferentLengths() throws Exception {
        String json = "{\"conv_results\":[{\"name\":\"c\",\"sigma\":[1,0.5,0.2],\"h_exact\":[1,0.5],\"h_kron\":[1,1,1]}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvGap.table("t", new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)));
        assertTrue(e.getMessage().startsWith("root:"), e.getMessage());
    }
}
