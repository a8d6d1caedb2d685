package cartan.profile;

import cartan.linalg.RandomMatrices;
import cartan.linalg.SingularValues;
import cartan.spectrum.RankRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExponentProfileTest {

    static double harmonic(int n, double s) {
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += Math.pow(k, -s);
        }
        return h;
    }

    static DMatrixRMaj powerLaw(int d, double beta, double scale, SplittableRandom rnd) {
        double[] v = new double[d];
        for (int k = 1; k <= d; k++) {
            v[k - 1] = scale * Math.pow(k, -beta);
        }
        return RandomMatrices.withSingularValues(v, rnd);
    }

    /** Q diag(k^-beta) Q^T in a common frame. */
    static DMatrixRMaj aligned(DMatrixRMaj q, double beta) {
        int d = q.numRows;
        DMatrixRMaj qd = q.copy();
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                qd.set(r, c, q.get(r, c) * Math.pow(c + 1, -beta));
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(qd, q, out);
        return out;
    }

    @Test
    void layerProfileOfExactPowerLawsHasClosedFormColumns() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] betas = {0.1, 0.5, 1.3};
        Map<String, DMatrixRMaj> layers = new LinkedHashMap<>();
        for (double b : betas) {
            layers.put("beta " + b, powerLaw(40, b, 2.5, rnd));
        }
        ExponentProfile p = ExponentProfile.ofLayers(layers);
        Table t = p.table();
        assertTrue(t.columnNames().containsAll(ExponentProfile.LAYER_COLUMNS));
        assertEquals(3, t.rowCount());
        for (int i = 0; i < betas.length; i++) {
            double b = betas[i];
            assertEquals("beta " + b, t.stringColumn("layer").get(i));
            assertEquals(40, t.intColumn("rows").get(i));
            assertEquals(b, t.doubleColumn("beta_chart").get(i), 1e-12);
            assertEquals(0, t.doubleColumn("beta_chart_se").get(i), 1e-12);
            assertEquals(b, t.doubleColumn("beta_top_radial").get(i), 1e-12);
            assertEquals(0, t.doubleColumn("chart_residual").get(i), 1e-12);
            assertEquals(0.5 * Math.log(40 / harmonic(40, 2 * b)), t.doubleColumn("top_radial").get(i), 1e-12);
            assertEquals(harmonic(40, 2 * b), t.doubleColumn("stable_rank").get(i), 1e-10);
            assertEquals(Math.pow(harmonic(40, 2 * b), 2) / harmonic(40, 4 * b),
                    t.doubleColumn("participation_ratio").get(i), 1e-10);
            assertEquals(cartan.rank.QuantileRank.exact(2 * b, 40, 0.9), t.intColumn("rank_q90").get(i));
            assertEquals(cartan.rank.QuantileRank.exact(2 * b, 40, 0.99), t.intColumn("rank_q99").get(i));
        }
        assertEquals(3, p.column("beta_chart").length);
    }

    @Test
    void rectangularLayersAndWindowsAndUnnamedLists() {
        SplittableRandom rnd = new SplittableRandom(4);
        ExponentProfile p = ExponentProfile.ofLayers(List.of(RandomMatrices.gaussian(30, 12, 1, rnd),
                RandomMatrices.gaussian(8, 20, 1, rnd)));
        Table t = p.table();
        assertEquals("0", t.stringColumn("layer").get(0));
        assertEquals(30, t.intColumn("rows").get(0));
        assertEquals(12, t.intColumn("cols").get(0));
        assertEquals(8, p.spectrum(1).size());
        ExponentProfile w = ExponentProfile.ofLayers(Map.of("g", RandomMatrices.gaussian(30, 30, 1, rnd)),
                ProfileOptions.DEFAULT.withWindow(n -> RankRange.fraction(n, 0, 0.5)));
        assertEquals(cartan.spectrum.PowerLawChart.fit(w.spectrum(0), RankRange.of(1, 15)).beta(),
                w.column("beta_chart")[0], 0);
        assertTrue(Math.abs(w.column("beta_chart")[0] - cartan.spectrum.PowerLawChart.fit(w.spectrum(0)).beta()) > 1e-3);
    }

    @Test
    void namedMatricesFromReadersSkipVectorsAndKeepFileOrder() {
        SplittableRandom rnd = new SplittableRandom(8);
        DMatrixRMaj w1 = powerLaw(10, 0.4, 1, rnd);
        DMatrixRMaj bias = RandomMatrices.gaussian(1, 10, 1, rnd);
        DMatrixRMaj w2 = powerLaw(6, 0.9, 2, rnd);
        List<cartan.io.NamedMatrix> in = List.of(
                new cartan.io.NamedMatrix("fc1.weight", "fc1.weight", cartan.io.LayerKind.values()[0], w1, new int[]{10, 10}),
                new cartan.io.NamedMatrix("fc1.bias", "fc1.bias", cartan.io.LayerKind.values()[0], bias, new int[]{10}),
                new cartan.io.NamedMatrix("fc2.weight", "fc2.weight", cartan.io.LayerKind.values()[0], w2, new int[]{6, 6}));
        ExponentProfile p = ExponentProfile.ofNamedMatrices(in);
        // a bias (one singular value) cannot be charted: its row says so instead of being dropped
        assertEquals(3, p.size());
        assertTrue(p.layer(1).notes().contains("chart not fitted"), p.layer(1).notes());
        assertTrue(Double.isNaN(p.column("beta_chart")[1]));
        assertEquals("fc1.weight", p.table().stringColumn("layer").get(0));
        assertEquals("fc2.weight", p.table().stringColumn("layer").get(2));
        assertEquals(0.4, p.column("beta_chart")[0], 1e-12);
        assertEquals(0.9, p.column("beta_chart")[2], 1e-12);
        ExponentProfile half = ExponentProfile.ofNamedMatrices(in,
                ProfileOptions.DEFAULT.withWindow(n -> RankRange.fraction(n, 0, 0.5)));
        assertEquals(0.4, half.column("beta_chart")[0], 1e-12);
        assertEquals(3, half.size());
        ExponentProfile onlyBias = ExponentProfile.ofNamedMatrices(List.of(in.get(1)));
        assertTrue(onlyBias.layer(0).notes().contains("numerical rank 1 < 3"), onlyBias.layer(0).notes());
        assertStarts("matrices: must contain", () -> ExponentProfile.ofNamedMatrices(List.of()));
        assertStarts("matrices: the name", () -> ExponentProfile.ofNamedMatrices(List.of(in.get(0), in.get(0))));
    }

    @Test
    void zeroSlackAlignedChainDriftsExactlyByTheDepthBudget() {
        int d = 16;
        int depth = 10;
        double m = 100;
        double beta = Math.log(m) / (depth * Math.log(d));
        DMatrixRMaj q = RandomMatrices.haarOrthogonal(d, 9L);
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            f.add(aligned(q, beta));
        }
        ExponentProfile p = ExponentProfile.ofChain(f);
        Table t = p.table();
        assertTrue(t.columnNames().containsAll(ExponentProfile.CHAIN_COLUMNS));
        for (int l = 0; l < depth; l++) {
            assertEquals(beta * (l + 1), t.doubleColumn("beta_chart").get(l), 1e-12);
            assertEquals(beta, t.doubleColumn("drift").get(l), 1e-12);
            assertEquals(0, t.doubleColumn("slack").get(l), 1e-12);
            assertEquals((l + 1) * beta * Math.log(d), t.doubleColumn("log_condition").get(l), 1e-11);
            assertEquals(0.5 * Math.log(d / harmonic(d, 2 * beta)), t.doubleColumn("interface_amplitude").get(l), 1e-12);
            assertTrue(t.doubleColumn("drift").get(l) <= t.doubleColumn("drift_bound").get(l));
        }
        assertEquals(Math.log(m), t.doubleColumn("log_condition").get(depth - 1), 1e-11);
        assertEquals(beta, p.budgetDriftBound(), 1e-13);
    }

    @Test
    void randomChainRigidityIdentityAndBoundsAgainstExplicitProducts() {
        SplittableRandom rnd = new SplittableRandom(21);
        int d = 12;
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int l = 0; l < 15; l++) {
            f.add(powerLaw(d, 0.05 + 0.1 * rnd.nextDouble(), 1 + rnd.nextDouble(), rnd));
        }
        Table t = ExponentProfile.ofChain(f).table();
        DMatrixRMaj j = CommonOps_DDRM.identity(d);
        double prevR = 0;
        double prevLogS1 = 0;
        for (int l = 0; l < 15; l++) {
            DMatrixRMaj next = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(f.get(l), j, next);
            j = next;
            double[] s = SingularValues.of(j);
            double fro = 0;
            for (double v : s) {
                fro += v * v;
            }
            double r = Math.log(s[0]) - 0.5 * Math.log(fro / d);
            assertEquals(r, t.doubleColumn("top_radial").get(l), 1e-11);
            assertEquals(r - prevR, t.doubleColumn("radial_increment").get(l), 1e-11);
            double a = t.doubleColumn("interface_amplitude").get(l);
            double xi = t.doubleColumn("slack").get(l);
            double nu = t.doubleColumn("normalisation_change").get(l);
            // the exact identity r(J_l) - r(J_{l-1}) = a - xi - nu
            assertEquals(r - prevR, a - xi - nu, 1e-11);
            // slack from explicit singular values
            double s1A = SingularValues.of(f.get(l))[0];
            assertEquals(Math.log(s1A) + prevLogS1 - Math.log(s[0]), xi, 1e-11);
            assertTrue(xi >= -1e-12);
            assertTrue(t.doubleColumn("drift").get(l) <= t.doubleColumn("drift_bound").get(l) + 1e-12);
            assertTrue(t.doubleColumn("drift_top_radial").get(l) <= t.doubleColumn("drift_top_radial_bound").get(l)
                    + 1e-12);
            prevR = r;
            prevLogS1 = Math.log(s[0]);
        }
        assertEquals(0, t.doubleColumn("slack").get(0), 1e-12);
    }

    /**
     * The geometric-mean accounting against an independent route: explicit products, EJML SVDs and an
     * EJML QR least-squares line (not cartan.fit.Ols, which the chart uses). λ_d·Δβ̂ = a^g − ξ − Δe_1 is
     * derived in ChainRigidity's Javadoc, not computed by it, so checking it here tests the derivation.
     */
    @Test
    void geometricMeanAccountingAgainstExplicitProducts() {
        SplittableRandom rnd = new SplittableRandom(77);
        int d = 10;
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int l = 0; l < 12; l++) {
            f.add(powerLaw(d, 0.05 + 0.2 * rnd.nextDouble(), 0.5 + rnd.nextDouble(), rnd));
        }
        Table t = ExponentProfile.ofChain(f).table();
        double lambda = 0;
        for (int k = 1; k <= d; k++) {
            lambda += Math.log(k) / d;
        }
        DMatrixRMaj j = CommonOps_DDRM.identity(d);
        double prevBeta = 0;
        double prevE1 = 0;
        double prevLogS1 = 0;
        for (int l = 0; l < 12; l++) {
            DMatrixRMaj next = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(f.get(l), j, next);
            j = next;
            double[] sa = SingularValues.of(f.get(l));
            double g = 0;
            for (double v : sa) {
                g += Math.log(v) / d;
            }
            double ag = Math.log(sa[0]) - g;
            assertEquals(ag, t.doubleColumn("gm_amplitude").get(l), 1e-11);
            double[] s = SingularValues.of(j);
            DMatrixRMaj design = new DMatrixRMaj(d, 2);
            DMatrixRMaj rhs = new DMatrixRMaj(d, 1);
            for (int k = 0; k < d; k++) {
                design.set(k, 0, 1);
                design.set(k, 1, Math.log(k + 1));
                rhs.set(k, 0, Math.log(s[k]));
            }
            DMatrixRMaj coef = new DMatrixRMaj(2, 1);
            assertTrue(CommonOps_DDRM.solve(design, rhs, coef));
            double beta = -coef.get(1);
            double e1 = Math.log(s[0]) - coef.get(0);
            double xi = Math.log(sa[0]) + prevLogS1 - Math.log(s[0]);
            assertEquals(beta, t.doubleColumn("beta_chart").get(l), 1e-10);
            assertEquals(e1, t.doubleColumn("top_residual").get(l), 1e-10);
            assertEquals(lambda * (beta - prevBeta), ag - xi - (e1 - prevE1), 1e-10);
            double drift = t.doubleColumn("drift").get(l);
            assertEquals((ag + xi + Math.abs(e1 - prevE1)) / lambda, t.doubleColumn("gm_drift_bound").get(l), 1e-10);
            assertTrue(drift <= t.doubleColumn("gm_drift_bound").get(l) + 1e-12);
            assertTrue(drift >= t.doubleColumn("gm_converse_bound").get(l) - 1e-12);
            prevBeta = beta;
            prevE1 = e1;
            prevLogS1 = Math.log(s[0]);
        }
        // a window other than all ranks leaves the geometric-mean columns missing
        Table half = ExponentProfile.ofChain(f, n -> RankRange.fraction(n, 0, 0.5)).table();
        assertTrue(half.doubleColumn("gm_drift_bound").isMissing(3));
    }

    @Test
    void badInputNamesTheProblem() {
        assertStarts("layers: must contain", () -> ExponentProfile.ofLayers(new LinkedHashMap<>()));
        assertStarts("layers: must contain", () -> ExponentProfile.ofLayers((List<DMatrixRMaj>) null));
        DMatrixRMaj nan = CommonOps_DDRM.identity(4);
        nan.set(1, 1, Double.NaN);
        // a layer that cannot be measured gets a row with a note, as in the CLI
        assertNote("non-finite weights (1 NaN, 0 infinite)", ExponentProfile.ofLayers(Map.of("bad", nan)));
        assertNote("all-zero matrix", ExponentProfile.ofLayers(Map.of("z", new DMatrixRMaj(4, 4))));
        DMatrixRMaj deficient = CommonOps_DDRM.identity(4);
        deficient.set(3, 3, 0);
        assertNote("rank-deficient (numerical rank 3 of 4)", ExponentProfile.ofLayers(Map.of("low", deficient)));
        ExponentProfile p = ExponentProfile.ofLayers(Map.of("id", RandomMatrices.gaussian(5, 5, 1, 1L)));
        assertStarts("name: no column", () -> p.column("nope"));
        assertStarts("profile: is a layer profile", p::budgetDriftBound);
        assertStarts("i", () -> p.spectrum(1));
        assertStarts("factors: must contain", () -> ExponentProfile.ofChain(List.of()));
        assertStarts("factors[1]: is singular", () -> ExponentProfile.ofChain(List.of(CommonOps_DDRM.identity(4),
                new DMatrixRMaj(4, 4))));
        assertStarts("window", () -> ExponentProfile.ofChain(List.of(CommonOps_DDRM.identity(4)), null));
        assertNote("chart not fitted: window: last rank 9", ExponentProfile.ofLayers(
                Map.of("g", RandomMatrices.gaussian(5, 5, 1, 1L)), ProfileOptions.DEFAULT.withWindow(n -> RankRange.of(1, 9))));
    }

    static void assertNote(String note, ExponentProfile p) {
        assertEquals(1, p.size());
        assertTrue(p.layer(0).notes().contains(note), "notes \"" + p.layer(0).notes() + "\" should contain " + note);
    }

    static void assertStarts(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "message \"" + e.getMessage() + "\" should start with " + prefix);
    }

    /** Rows measured one at a time (as a distributed sweep does, index i and seed layerSeed(seed, i)) give the sequential table. */
    @Test
    void ofRowsOfSeparatelyMeasuredLayersEqualsTheSequentialProfile() {
        ProfileOptions options = ProfileOptions.DEFAULT.withFit(ProfileOptions.FitRule.CSN).withMinTail(3).withBootstrap(20)
                .withSeed(5).withThreads(2);
        List<cartan.io.NamedMatrix> model = TestMatrices.model();
        ExponentProfile sequential = ExponentProfile.ofNamedMatrices(model, options);
        List<LayerSpectrum> rows = new ArrayList<>();
        for (int i = model.size() - 1; i >= 0; i--) {   // measured in reverse order, each on its own
            cartan.io.NamedMatrix m = model.get(i);
            rows.add(0, LayerSpectrum.measure(i, m.name(), m.kind(), m.matrix(), options.withThreads(1),
                    ExponentProfile.layerSeed(5, i)));
        }
        assertEquals(ProfileWriter.csv(sequential), ProfileWriter.csv(ExponentProfile.ofRows(rows, options)));
        assertThrows(IllegalArgumentException.class, () -> ExponentProfile.ofRows(List.of(), options));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExponentProfile.ofRows(List.of(rows.get(0), rows.get(0)), options));
        assertTrue(e.getMessage().startsWith("rows:"), e.getMessage());
    }
}
