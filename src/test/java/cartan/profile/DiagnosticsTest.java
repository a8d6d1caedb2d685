package cartan.profile;

import cartan.fit.LikelihoodRatio;
import cartan.fit.LognormalTail;
import cartan.fit.ExponentialTail;
import cartan.fit.TruncatedPowerLawTail;
import cartan.io.ConvLayout;
import cartan.io.ConvMode;
import cartan.io.LayerKind;
import cartan.io.MatrixSource;
import cartan.io.NamedMatrix;
import cartan.io.WeightTensor;
import cartan.linalg.RandomMatrices;
import cartan.spectrum.MarchenkoPastur;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The profile's diagnostic columns (MP bulk, randomized control, tail comparisons, finger clipping, conv pooling,
 * fine-tune deltas) against diagnostics_reference.json (numpy/scipy, diagnostics_reference.py) and closed forms.
 */
class DiagnosticsTest {

    static final JsonNode REF = load();

    private static JsonNode load() {
        try (InputStream in = DiagnosticsTest.class.getResourceAsStream("/cartan/profile/diagnostics_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void close(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.max(1e-300, Math.abs(expected)), what);
    }

    @Test
    void logAlphaNormAndMarchenkoPasturColumnsMatchNumpy() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model());
        for (int i = 0; i < 3; i++) {
            JsonNode r = REF.get("layers").get(i);
            String what = "matrix " + r.get("name").asText();
            close(r.get("log_alpha_norm").asDouble(), p.value(i, "log_alpha_norm"), 1e-11, what + " log_alpha_norm");
            close(r.get("mp_sigma").asDouble(), p.value(i, "sigma_mp"), 1e-6, what + " sigma_mp");
            close(r.get("mp_bulk_max").asDouble(), p.value(i, "bulk_max"), 2e-6, what + " bulk_max");
            close(r.get("mp_bulk_min").asDouble(), p.value(i, "bulk_min"), 1e-5, what + " bulk_min");
            close(r.get("mp_softrank").asDouble(), p.value(i, "mp_softrank"), 2e-6, what + " mp_softrank");
            assertEquals(r.get("mp_spikes").asInt(), (int) p.value(i, "num_spikes"), what + " num_spikes");
        }
        // A and C are structured (no bulk): every σ on the grid breaks the edge conditions, and the note says so
        assertTrue(p.layer(0).notes().contains("no Marchenko–Pastur bulk"), p.layer(0).notes());
        assertFalse(p.layer(1).notes().contains("no Marchenko–Pastur bulk"), p.layer(1).notes());
    }

    @Test
    void tailComparisonColumnsMatchScipy() {
        ExponentProfile p = ExponentProfile.ofNamedMatrices(TestMatrices.model());
        for (int i = 0; i < 3; i++) {
            JsonNode r = REF.get("layers").get(i);
            String what = "matrix " + r.get("name").asText();
            for (String c : new String[] {"lr_lognormal", "lr_exponential", "lr_tpl"}) {
                double e = r.get(c).asDouble();
                // two optimisers on the same likelihood: R to ~1e-6 of the log-likelihood scale
                assertEquals(e, p.value(i, c), 1e-5 * Math.max(1, Math.abs(e)), what + " " + c);
                assertEquals(r.get(c + "_p").asDouble(), p.value(i, c + "_p"), 1e-5, what + " " + c + "_p");
            }
            close(r.get("tpl_alpha").asDouble(), p.value(i, "tpl_alpha"), 1e-4, what + " tpl_alpha");
            close(r.get("tpl_lambda").asDouble(), p.value(i, "tpl_lambda"), 1e-3, what + " tpl_lambda");
        }
    }

    @Test
    void verdictFollowsTheStatedRule() {
        var ln = new LognormalTail(0, 1, 1);
        var ex = new ExponentialTail(1, 1);
        var tp = new TruncatedPowerLawTail(2, 0.1, 1);
        LikelihoodRatio lnWins = new LikelihoodRatio(ln, -5, -2.5, 0.01, false, 50);
        LikelihoodRatio lnLoses = new LikelihoodRatio(ln, 5, 2.5, 0.01, false, 50);
        LikelihoodRatio exWins = new LikelihoodRatio(ex, -9, -3.0, 0.001, false, 50);
        LikelihoodRatio exUnsure = new LikelihoodRatio(ex, -1, -0.3, 0.7, false, 50);
        LikelihoodRatio tpWins = new LikelihoodRatio(tp, -4, -1, 0.004, true, 50);
        LikelihoodRatio tpNot = new LikelihoodRatio(tp, 0, 0, 1, true, 50);
        assertEquals("truncated power law", new TailComparison(lnWins, exWins, tpWins).verdict());
        assertEquals("exponential", new TailComparison(lnWins, exWins, tpNot).verdict());
        assertEquals("lognormal", new TailComparison(lnWins, exUnsure, tpNot).verdict());
        assertEquals("power law", new TailComparison(lnLoses, exUnsure, tpNot).verdict());
        // p exactly at the level is not significant
        LikelihoodRatio atLevel = new LikelihoodRatio(ln, -5, -2.5, TailComparison.LEVEL, false, 50);
        assertEquals("power law", new TailComparison(atLevel, exUnsure, tpNot).verdict());
    }

    /** The 24×16×3×3 hash kernel of diagnostics_reference.py, OIHW. */
    static WeightTensor hashKernel() {
        double[] v = new double[24 * 16 * 9];
        int at = 0;
        for (int o = 0; o < 24; o++) {
            for (int c = 0; c < 16; c++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double x = Math.sin(o * 12.9898 + c * 78.233 + i * 37.719 + j * 4.581) * 43758.5453;
                        v[at++] = x - Math.floor(x) - 0.5;
                    }
                }
            }
        }
        return new WeightTensor("conv1.weight", "conv1.weight", LayerKind.CONV, ConvLayout.OIHW,
                new int[] {24, 16, 3, 3}, v);
    }

    @Test
    void pooledConvSlicesAreOneRowWithTheSlicesSpectraAsNumpy() {
        List<NamedMatrix> slices = NamedMatrix.of(hashKernel(), ConvMode.PER_SLICE);
        assertEquals(9, slices.size());
        ExponentProfile pooled = ExponentProfile.ofNamedMatrices(slices, ProfileOptions.DEFAULT.withPoolConv(true));
        assertEquals(1, pooled.size());
        LayerSpectrum l = pooled.layer(0);
        assertEquals("conv1.weight", l.name());
        assertEquals(9, l.slices());
        assertEquals(16, l.rows());
        assertEquals(24, l.cols());
        JsonNode c = REF.get("conv");
        double[] expected = MarchenkoPasturTestAccess.doubles(c.get("singular_values"));
        assertEquals(expected.length, l.singularValues().length);
        for (int k = 0; k < expected.length; k++) {
            close(expected[k], l.singularValues()[k], 1e-10, "sigma_" + k);
        }
        close(c.get("frobenius_norm").asDouble(), pooled.value(0, "frobenius_norm"), 1e-12, "frobenius");
        close(c.get("mp_sigma").asDouble(), pooled.value(0, "sigma_mp"), 1e-6, "sigma_mp");
        close(c.get("mp_bulk_max").asDouble(), pooled.value(0, "bulk_max"), 2e-6, "bulk_max");
        close(c.get("mp_entry_variance").asDouble(), l.bulk().entryVariance(), 2e-6, "entry variance");
        assertEquals(c.get("mp_spikes").asInt(), (int) pooled.value(0, "num_spikes"));
        // without pooling: one row per slice, each with its own 16 singular values
        ExponentProfile separate = ExponentProfile.ofNamedMatrices(slices);
        assertEquals(9, separate.size());
        assertEquals("conv1.weight[0,0]", separate.layer(0).name());
        assertEquals(16, separate.layer(0).singularValues().length);
        assertEquals(1, separate.layer(0).slices());
    }

    @Test
    void jensenShannonDistanceMatchesScipy() {
        JsonNode js = REF.get("jensen_shannon");
        double d = RandomizedSpectrum.jensenShannonDistance(MarchenkoPasturTestAccess.doubles(js.get("a")),
                MarchenkoPasturTestAccess.doubles(js.get("b")));
        close(js.get("distance").asDouble(), d, 1e-13, "JS distance");
        assertEquals(0, RandomizedSpectrum.jensenShannonDistance(new double[] {1, 2, 3}, new double[] {3, 1, 2}), 0);
        assertTrue(Double.isNaN(RandomizedSpectrum.jensenShannonDistance(new double[] {1, 2}, new double[] {1, 2, 3})));
    }

    @Test
    void shufflePermutesTheEntriesReproducibly() {
        DMatrixRMaj w = RandomMatrices.gaussian(13, 7, 1, 5L);
        DMatrixRMaj a = RandomizedSpectrum.shuffled(w, new SplittableRandom(9));
        DMatrixRMaj b = RandomizedSpectrum.shuffled(w, new SplittableRandom(9));
        DMatrixRMaj c = RandomizedSpectrum.shuffled(w, new SplittableRandom(10));
        assertArrayEquals(a.data, b.data, 0);
        assertFalse(Arrays.equals(a.data, c.data));
        assertFalse(Arrays.equals(a.data, w.data));
        double[] sw = w.data.clone();
        double[] sa = a.data.clone();
        Arrays.sort(sw);
        Arrays.sort(sa);
        assertArrayEquals(sw, sa, 0, "a shuffle keeps the multiset of entries");
    }

    private static NamedMatrix dense(String name, DMatrixRMaj w) {
        return new NamedMatrix(name, name, LayerKind.DENSE, w, new int[] {w.numRows, w.numCols});
    }

    @Test
    void correlationTrapsComeFromHugeEntriesNotFromLowRankStructure() {
        int n = 400;
        int m = 100;
        DMatrixRMaj noise = RandomMatrices.gaussian(n, m, 1, 11L);
        DMatrixRMaj trap = noise.copy();
        trap.set(17, 42, 80); // σ_1 ≥ max |w_ij| = 80, far above the bulk edge (√400 + √100)² = 900 → λ ≥ 6400
        DMatrixRMaj spike = noise.copy();
        double theta = 3 * Math.sqrt(n); // a rank-one signal θ·u vᵀ with unit u, v: spread over all entries
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                spike.add(i, j, theta * Math.cos(Math.PI * (i + 0.5) / n) * Math.sqrt(2.0 / n)
                        * Math.cos(Math.PI * (j + 0.5) / m) * Math.sqrt(2.0 / m));
            }
        }
        ExponentProfile p = ExponentProfile.ofNamedMatrices(List.of(dense("noise", noise), dense("trap", trap),
                dense("spike", spike)), ProfileOptions.DEFAULT.withRandomize(true));
        double edge = MarchenkoPastur.edgesOfEntries(n, m, 1)[1];
        // pure noise: no spikes, no traps, the shuffled ESD's top eigenvalue at the MP edge
        assertEquals(0, (int) p.value(0, "num_spikes"));
        assertEquals(0, (int) p.value(0, "num_traps"));
        assertEquals(edge, p.value(0, "max_rand_eval"), 0.05 * edge);
        assertEquals(1, p.value(0, "ww_softrank"), 0.08);
        // one huge entry: a spike of W that survives the shuffle — a trap
        assertEquals(1, (int) p.value(1, "num_spikes"));
        assertEquals(1, (int) p.value(1, "num_traps"));
        assertTrue(p.value(1, "max_rand_eval") >= 80 * 80);
        // a low-rank signal: a spike of W that the shuffle destroys — no trap
        assertEquals(1, (int) p.value(2, "num_spikes"));
        assertEquals(0, (int) p.value(2, "num_traps"));
        assertTrue(p.value(2, "ww_softrank") < 0.5, "the signal's λ_max is far above the shuffled edge");
        assertTrue(p.value(2, "rand_distance") > p.value(0, "rand_distance"));
        // without randomize the columns are missing
        ExponentProfile plain = ExponentProfile.ofNamedMatrices(List.of(dense("noise", noise)));
        assertTrue(Double.isNaN(plain.value(0, "max_rand_eval")));
        assertTrue(Double.isNaN(plain.value(0, "num_traps")));
    }

    @Test
    void randomizedColumnsDoNotDependOnThreads() {
        List<NamedMatrix> layers = new ArrayList<>(TestMatrices.model());
        layers.add(dense("g", RandomMatrices.gaussian(90, 30, 1, 3L)));
        ProfileOptions o = ProfileOptions.DEFAULT.withRandomize(true).withSeed(7);
        String one = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(layers, o.withThreads(1)));
        String two = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(layers, o.withThreads(2)));
        assertEquals(one, two);
        String other = ProfileWriter.csv(ExponentProfile.ofNamedMatrices(layers, o.withSeed(8)));
        assertFalse(one.equals(other), "another seed shuffles differently");
    }

    /** Orthonormal DCT-II vector k of length n: √(2/n) cos(π(i + ½)k/n). */
    private static double dct(int n, int k, int i) {
        return Math.sqrt(2.0 / n) * Math.cos(Math.PI * (i + 0.5) * k / n);
    }

    @Test
    void deltaOfAKnownUpdate() throws IOException {
        DMatrixRMaj base = RandomMatrices.gaussian(60, 40, 0.2, 21L);
        DMatrixRMaj model = base.copy();
        double[] before = base.data.clone();
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 40; j++) {
                model.add(i, j, 3 * dct(60, 1, i) * dct(40, 1, j) + 1.5 * dct(60, 2, i) * dct(40, 2, j));
            }
        }
        List<MatrixSource> m = List.of(dense("layers.0.w", model), dense("layers.0.extra", base),
                dense("layers.1.w", RandomMatrices.gaussian(8, 8, 1, 1L)));
        List<MatrixSource> b = List.of(dense("layers.0.w", base), dense("layers.1.w", RandomMatrices.gaussian(8, 9, 1, 1L)),
                dense("layers.2.w", base));
        ModelDelta match = ModelDelta.match(m, b);
        assertEquals(1, match.pairs().size());
        assertEquals(List.of("layers.0.extra"), match.onlyInModel());
        assertEquals(List.of("layers.2.w"), match.onlyInBase());
        assertEquals(1, match.shapeMismatch().size());
        assertTrue(match.shapeMismatch().get(0).startsWith("layers.1.w"));
        assertEquals(3, match.report().size());
        assertFalse(match.complete());

        ExponentProfile d = ExponentProfile.ofDelta(match, ProfileOptions.DEFAULT, null);
        assertEquals(1, d.size());
        assertTrue(d.delta().isPresent());
        double[] s = d.layer(0).singularValues();
        assertEquals(3, s[0], 1e-12);
        assertEquals(1.5, s[1], 1e-12);
        assertEquals(0, s[2], 1e-12);
        double sum = 0;
        for (double v : base.data) {
            sum += v * v;
        }
        close(Math.sqrt(sum), d.value(0, "base_frobenius_norm"), 1e-13, "base norm");
        close(Math.hypot(3, 1.5) / Math.sqrt(sum), d.value(0, "delta_relative_norm"), 1e-11, "relative delta");
        // the base model is not modified by the subtraction
        assertArrayEquals(before, base.data, 0);
        // a plain profile has no delta columns
        assertTrue(Double.isNaN(ExponentProfile.ofNamedMatrices(List.of(dense("x", base))).value(0,
                "delta_relative_norm")));
        assertThrows(IllegalArgumentException.class, () -> ExponentProfile.ofDelta(ModelDelta.match(
                List.of(dense("a", base)), List.of(dense("b", base))), ProfileOptions.DEFAULT, null));
    }

    @Test
    void fingerClippingColumns() {
        ExponentProfile plain = ExponentProfile.ofNamedMatrices(TestMatrices.model());
        ExponentProfile clipped = ExponentProfile.ofNamedMatrices(TestMatrices.model(),
                ProfileOptions.DEFAULT.withFingerClipping());
        for (int i = 0; i < 3; i++) {
            // raw_alpha is the unclipped fit, which the plain profile computes on its own path
            assertEquals(plain.value(i, "alpha"), clipped.value(i, "raw_alpha"), 0);
            int k = (int) clipped.value(i, "num_fingers");
            if (k == 0) {
                assertEquals(plain.value(i, "alpha"), clipped.value(i, "alpha"), 0);
            } else {
                assertTrue(clipped.value(i, "alpha") + 1 < plain.value(i, "alpha"));
            }
        }
        assertTrue(Double.isNaN(plain.value(0, "raw_alpha")));
        assertTrue(Double.isNaN(plain.value(0, "num_fingers")));
    }

    /** Access to the JSON helper of the spectrum tests' fixture reader. */
    static final class MarchenkoPasturTestAccess {
        static double[] doubles(JsonNode a) {
            double[] d = new double[a.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = a.get(i).asDouble();
            }
            return d;
        }
    }
}
