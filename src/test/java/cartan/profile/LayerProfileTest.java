package cartan.profile;

import cartan.fit.PowerLawBootstrap;
import cartan.fit.TailFitter;
import cartan.io.LayerKind;
import cartan.io.NamedMatrix;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerProfileTest {

    /** The header the issue fixes, copied literally. */
    private static final String HEADER = "layer,kind,rows,cols,sigma_max,frobenius_norm,stable_rank,entropy_rank,"
            + "participation_ratio,rank_q90,alpha,alpha_xmin,alpha_ks,alpha_se,alpha_p,alpha_weighted,log_norm,"
            + "log_spectral_norm,beta_chart,top_radial,chart_residual";

    private static final double SVD_TOL = 1e-12;

    private static void close(double expected, double measured, double rel, String what) {
        assertEquals(expected, measured, rel * Math.abs(expected), what);
    }

    @Test
    void csvHeaderStartsWithTheDocumentedColumnsAndEndsWithNotes() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model());
        String header = ProfileWriter.csv(p).lines().findFirst().orElseThrow();
        assertTrue(header.startsWith(HEADER + ","), header);
        assertTrue(header.endsWith(",notes"), header);
        assertEquals(String.join(",", ExponentProfile.CSV_COLUMNS), header);
        // the table holds the CSV columns, then the chart columns the CSV leaves out, then notes
        List<String> table = new ArrayList<>(ExponentProfile.CSV_COLUMNS.subList(0, ExponentProfile.CSV_COLUMNS.size() - 1));
        table.addAll(ExponentProfile.CHART_COLUMNS);
        table.add("notes");
        assertEquals(table, p.table().columnNames());
    }

    /**
     * Every column of the three test matrices against numpy (reference.py: numpy.linalg.svd, numpy
     * re-implementation of WeightWatcher's WWFit, numpy.polyfit for the chart).
     */
    @Test
    void matchesNumpyReference() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model());
        double[][] ref = {
            // sigma_max, frobenius, stable, entropy, PR, q90, alpha, xmin, ks, se, n_tail, log_norm, log_spec,
            // alpha_weighted, beta_chart, chart_residual, top_radial
            {17.4304800566731, 22.489348127219912, 1.6646963906213283, 2.1002281299241994, 1.9504127500555344, 2,
                1.278553945463309, 0.004642596544281186, 0.2051379563963271, 0.058082512721568245, 23,
                2.7039537344502533, 2.4826186965485144, 3.1741619295530805, 1.7954353408500385, 0.6047880428911097,
                1.3546165330191926},
            {4.523419468986244, 11.610403759013586, 6.588111183508692, 18.57384490214796, 13.938834141154192, 18,
                2.071146167448453, 1.8379256738206449, 0.129900705254543, 0.23374325679497046, 21,
                2.1296946457239394, 1.3109337258429725, 2.7151353620585934, 0.6463060739882974, 0.2797347973724192,
                0.7579653464090744},
            {6.768618844231438, 11.938836379989702, 3.1111710084436264, 7.056525024997229, 4.671799466148776, 8,
                1.7797902474799512, 1.4450755179649646, 0.09198620307378047, 0.21627490164582447, 13,
                2.153924000592415, 1.6610001174225473, 2.9562318100517033, 0.7688142111572268, 0.09862548186397073,
                1.1330990981472397}};
        String[] cols = {"sigma_max", "frobenius_norm", "stable_rank", "entropy_rank", "participation_ratio",
            "rank_q90", "alpha", "alpha_xmin", "alpha_ks", "alpha_se", "alpha_n_tail", "log_norm",
            "log_spectral_norm", "alpha_weighted", "beta_chart", "chart_residual", "top_radial"};
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < cols.length; c++) {
                // SVD-derived values agree to ~1e-14 relative; α, x_min, D to ~1e-12 (log/pow of the same λ)
                close(ref[i][c], p.value(i, cols[c]), 1e-10, "layer " + i + " " + cols[c]);
            }
            assertTrue(Double.isNaN(p.value(i, "alpha_p")), "no bootstrap, no p-value");
        }
        assertEquals(25, p.layer(0).singularValues().length);
        assertEquals(30, p.layer(2).singularValues().length);
        assertTrue(p.layer(2).notes().contains("numerical rank 16 of 30"), p.layer(2).notes());
        // layer 0's spectrum is fitted without a note; its ESD (a closed form, not a random matrix) has no MP bulk,
        // which the diagnostics say in the only note
        assertTrue(p.layer(0).notes().isEmpty() || p.layer(0).notes().equals("no Marchenko–Pastur bulk: every sigma "
                + "breaks the edge conditions, MP columns are the grid's first point"), p.layer(0).notes());
    }

    /** WeightWatcher definitions recomputed by hand from the raw entries and the table's own σ, α. */
    @Test
    void weightWatcherDefinitionsByHand() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model());
        List<DMatrixRMaj> raw = List.of(TestMatrices.a(), TestMatrices.b(), TestMatrices.c());
        for (int i = 0; i < 3; i++) {
            DMatrixRMaj w = raw.get(i);
            double sumSq = 0;
            for (int k = 0; k < w.getNumElements(); k++) {
                sumSq += w.data[k] * w.data[k];
            }
            double[] s = p.layer(i).singularValues();
            double lmax = s[0] * s[0];
            double sumLambda = 0;
            for (double v : s) {
                sumLambda += v * v;
            }
            // Σσ² = ‖W‖_F² (the SVD and the raw entries agree)
            close(sumSq, sumLambda, SVD_TOL, "Frobenius identity");
            close(Math.sqrt(sumSq), p.value(i, "frobenius_norm"), SVD_TOL, "frobenius_norm");
            close(Math.log10(sumSq), p.value(i, "log_norm"), SVD_TOL, "log_norm = log10 ||W||_F^2");
            close(Math.log10(lmax), p.value(i, "log_spectral_norm"), SVD_TOL, "log_spectral_norm");
            close(sumSq / lmax, p.value(i, "stable_rank"), SVD_TOL, "stable_rank");
            close(p.value(i, "alpha") * Math.log10(lmax), p.value(i, "alpha_weighted"), SVD_TOL, "alpha_weighted");
            close((p.value(i, "alpha") - 1) / Math.sqrt(p.value(i, "alpha_n_tail")), p.value(i, "alpha_se"), SVD_TOL,
                    "alpha_se");
            // entropy rank and participation ratio from p_k directly
            double h = 0;
            double pr = 0;
            for (double v : s) {
                double q = v * v / sumLambda;
                if (q > 0) {
                    h -= q * Math.log(q);
                }
                pr += q * q;
            }
            close(Math.exp(h), p.value(i, "entropy_rank"), 1e-11, "entropy_rank");
            close(1 / pr, p.value(i, "participation_ratio"), 1e-11, "participation_ratio");
        }
    }

    /**
     * On an exact power law W = diag(k^{−β}) the chart is exact: β̂ = β, residual 0, and the top-radial
     * coordinate is ½ ln(n / H_n(2β)) (closed form, summed here directly).
     */
    @Test
    void exactPowerLawChart() {
        int n = 50;
        double beta = 0.7;
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        double h = 0;
        for (int k = 1; k <= n; k++) {
            w.set(k - 1, k - 1, Math.pow(k, -beta));
            h += Math.pow(k, -2 * beta);
        }
        ExponentProfile p = ExponentProfile.ofNamedMatrices(List.of(TestMatrices.named("diag", w)));
        assertEquals(beta, p.value(0, "beta_chart"), 1e-12);
        assertEquals(0, p.value(0, "chart_residual"), 1e-12);
        assertEquals(0.5 * Math.log(n / h), p.value(0, "top_radial"), 1e-12);
        assertEquals(beta, p.value(0, "beta_top_radial"), 1e-9);
        // q90 by hand: smallest k with Σ_{j≤k} j^{−2β} ≥ 0.9 H
        double acc = 0;
        int q90 = 0;
        for (int k = 1; k <= n; k++) {
            acc += Math.pow(k, -2 * beta);
            if (acc >= 0.9 * h) {
                q90 = k;
                break;
            }
        }
        assertEquals(q90, (int) p.value(0, "rank_q90"));
    }

    /** The QR-first path for aspect ratio ≥ 2 against EJML's direct SVD (a different algorithm), tall and wide. */
    @Test
    void qrFirstSingularValuesMatchDirectSvd() {
        for (int[] shape : new int[][] {{200, 30}, {30, 200}, {61, 30}, {90, 45}}) {
            DMatrixRMaj w = cartan.linalg.RandomMatrices.gaussian(shape[0], shape[1], 1.0, 99L);
            if (shape[0] == 90) {
                // rank 20: columns 20..44 repeat columns 0..24 scaled
                for (int i = 0; i < 90; i++) {
                    for (int j = 20; j < 45; j++) {
                        w.set(i, j, 0.5 * w.get(i, j - 20));
                    }
                }
            }
            double[] direct = cartan.linalg.SingularValues.of(w);
            double[] qr = LayerSpectrum.singularValues(w);
            assertEquals(direct.length, qr.length);
            for (int k = 0; k < direct.length; k++) {
                // backward-stable algorithms agree to a few ulps of σ_1 (absolute), not relative in tiny σ_k
                assertEquals(direct[k], qr[k], 1e-13 * direct[0], shape[0] + "x" + shape[1] + " k=" + k);
            }
        }
    }

    @Test
    void nonFiniteAndZeroLayersGetANoteNotAnException() {
        DMatrixRMaj nan = TestMatrices.a();
        nan.set(3, 4, Double.NaN);
        nan.set(5, 5, Double.NaN);
        DMatrixRMaj inf = TestMatrices.b();
        inf.set(0, 0, Double.NEGATIVE_INFINITY);
        DMatrixRMaj zero = new DMatrixRMaj(12, 15);
        ExponentProfile p = ExponentProfile.ofNamedMatrices(List.of(TestMatrices.named("nan", nan), TestMatrices.named("inf", inf),
                TestMatrices.named("zero", zero), TestMatrices.named("ok", TestMatrices.b())));
        assertEquals(4, p.size());
        assertTrue(p.layer(0).notes().contains("2 NaN"), p.layer(0).notes());
        assertTrue(p.layer(1).notes().contains("1 infinite"), p.layer(1).notes());
        assertTrue(p.layer(2).notes().contains("all-zero"), p.layer(2).notes());
        for (int i = 0; i < 3; i++) {
            for (String c : List.of("sigma_max", "alpha", "stable_rank", "beta_chart", "top_radial")) {
                assertTrue(Double.isNaN(p.value(i, c)), i + " " + c);
            }
        }
        assertEquals(40, (int) p.value(0, "rows"));
        assertEquals(25, (int) p.value(0, "cols"));
        close(4.523419468986244, p.value(3, "sigma_max"), 1e-10, "finite layer after bad ones (numpy)");
        // missing values are empty CSV cells, never "NaN"
        assertFalse(java.util.regex.Pattern.compile("(?m)(^|,)(NaN|-?Infinity)(,|$)").matcher(ProfileWriter.csv(p)).find(),
                ProfileWriter.csv(p));
        Table t = p.table();
        assertTrue(t.doubleColumn("alpha").isMissing(0));
        assertEquals("", t.stringColumn("notes").get(3));
    }

    @Test
    void tinyLayerCannotBeFittedButGetsARow() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1e-4}});
        ExponentProfile p = ExponentProfile.ofNamedMatrices(List.of(TestMatrices.named("tiny", w)));
        // λ = 1, 1e-8: one value above WW's threshold 1e-5 → no fit; two singular values → no chart
        assertTrue(Double.isNaN(p.value(0, "alpha")));
        assertTrue(p.layer(0).notes().contains("alpha not fitted"), p.layer(0).notes());
        assertTrue(p.layer(0).notes().contains("chart not fitted"), p.layer(0).notes());
        assertEquals(1.0, p.value(0, "sigma_max"), 0);
    }

    /** The table, bootstrap p-values included, is bit-identical for 1, 2 and 3 threads. */
    @Test
    void bitIdenticalAcrossThreadCounts() {
        List<NamedMatrix> m = new ArrayList<>(TestMatrices.model());
        m.add(TestMatrices.named("layers.2.x", TestMatrices.b()));
        ProfileOptions o = ProfileOptions.DEFAULT.withBootstrap(25).withSeed(7);
        String one = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(m, o.withThreads(1)));
        assertEquals(one, ProfileWriter.csv(ExponentProfile.ofNamedMatrices(m, o.withThreads(2))));
        assertEquals(one, ProfileWriter.csv(ExponentProfile.ofNamedMatrices(m, o.withThreads(3))));
        String csn = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(m, o.withFit(ProfileOptions.FitRule.CSN).withThreads(1)));
        assertEquals(csn, ProfileWriter.csv(ExponentProfile.ofNamedMatrices(m, o.withFit(ProfileOptions.FitRule.CSN).withThreads(2))));
        // a different seed changes the p-values (they are random), so the seed really is used
        assertFalse(one.equals(ProfileWriter.csv(ExponentProfile.ofNamedMatrices(m, o.withSeed(8).withThreads(2)))));
    }

    /** alpha_p is the CSN bootstrap with the documented per-layer seed; CSN mode uses the CSN rule. */
    @Test
    void bootstrapAndCsnWiring() {
        List<NamedMatrix> m = TestMatrices.model();
        ExponentProfile p = ExponentProfile.ofNamedMatrices(m, ProfileOptions.DEFAULT.withBootstrap(30).withSeed(11));
        for (int i = 0; i < m.size(); i++) {
            double[] lambda = p.layer(i).eigenvalues();
            double expected = PowerLawBootstrap.goodnessOfFit(lambda, TailFitter.weightWatcher(), 30,
                    ExponentProfile.layerSeed(11, i), 1).pValue();
            assertEquals(expected, p.value(i, "alpha_p"), 0);
            assertTrue(expected >= 0 && expected <= 1);
        }
        ExponentProfile c = ExponentProfile.ofNamedMatrices(m, ProfileOptions.DEFAULT.withFit(ProfileOptions.FitRule.CSN).withMinTail(5));
        double[] lambda = c.layer(1).eigenvalues();
        assertEquals(TailFitter.csn(5).fit(lambda).alpha(), c.value(1, "alpha"), 0);
        assertTrue(c.value(1, "alpha_n_tail") >= 5);
    }

    @Test
    void rowsInInputOrderWithDepthAndRole() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model(), ProfileOptions.DEFAULT.withThreads(2));
        assertEquals(List.of("layers.0.attn.weight", "layers.0.mlp.weight", "layers.1.attn.weight"),
                p.table().stringColumn("layer").asList());
        assertEquals(List.of(0, 0, 1), p.table().intColumn("depth").asList());
        assertEquals(List.of("attn", "mlp", "attn"), p.table().stringColumn("role").asList());
        assertEquals(List.of(0, 1, 2), p.table().intColumn("index").asList());
        assertEquals("dense", p.table().stringColumn("kind").get(0));
    }

    @Test
    void badArgumentsNameTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExponentProfile.ofNamedMatrices(List.of()));
        assertTrue(e.getMessage().startsWith("matrices"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExponentProfile.ofNamedMatrices(null));
        assertTrue(e.getMessage().startsWith("matrices"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ExponentProfile.ofNamedMatrices(TestMatrices.model(), null));
        assertTrue(e.getMessage().startsWith("options"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProfileOptions.DEFAULT.withThreads(0));
        assertTrue(e.getMessage().startsWith("threads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProfileOptions.DEFAULT.withBootstrap(-1));
        assertTrue(e.getMessage().startsWith("bootstrap"), e.getMessage());
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model());
        e = assertThrows(IllegalArgumentException.class, () -> p.value(0, "nope"));
        assertTrue(e.getMessage().startsWith("column"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.layer(5));
        assertTrue(e.getMessage().startsWith("i"), e.getMessage());
    }

    @Test
    void layerNames() {
        assertEquals(new LayerName(3, "attention/self/query"),
                LayerName.parse("/encoder/layer.3/attention/self/query/MatMul"));
        assertEquals(new LayerName(11, "mlp.up_proj"), LayerName.parse("model.layers.11.mlp.up_proj.weight"));
        assertEquals(new LayerName(2, "attn.c_attn"), LayerName.parse("transformer.h.2.attn.c_attn.weight"));
        assertEquals(new LayerName(-1, "embeddings/word_embeddings"),
                LayerName.parse("/embeddings/word_embeddings/Gather"));
        assertEquals(new LayerName(-1, "dense_1"), LayerName.parse("dense_1/kernel"));
        assertEquals(LayerKind.DENSE, TestMatrices.model().get(0).kind());
    }
}
