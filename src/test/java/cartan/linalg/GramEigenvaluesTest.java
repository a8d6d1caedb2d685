package cartan.linalg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accuracy contract of {@link GramEigenvalues} against numpy's float64 SVD (gram_reference.json, written
 * by gram_reference.py next to it): every eigenvalue λ_k ≥ 1e-8·λ_1 within 1e-10 relative, every smaller one
 * with the absolute accuracy of an SVD (|σ̂_k − σ_k| ≤ 2qεσ_1). The matrices are rebuilt here from the
 * script's integer recipes and checked against its checksums; they cover every route (two-stage,
 * one-stage, Ritz refinement, SVD) and include cases where the plain Gram eigenvalues (numpy's eigvalsh of
 * WᵀW, the rival) break the contract.
 */
class GramEigenvaluesTest {

    private static final double EPS = 0x1p-52;

    /** The route each fixture must take (a property of the algorithm, stated here, not by the fixture). */
    /** The fixtures (all with q below {@link LapackGram#TWO_STAGE_FROM}) that take two-stage when q allows. */
    private static final java.util.Set<String> TWO_STAGE_WHEN_ALLOWED = java.util.Set.of("uniform-tall", "uniform-wide",
            "uniform-wide-large", "spike-above-threshold");
    private static final Map<String, LapackGram.Route> ROUTES = Map.ofEntries(
            Map.entry("uniform-square", LapackGram.Route.RITZ),
            Map.entry("uniform-tall", LapackGram.Route.ONE_STAGE),
            Map.entry("uniform-wide", LapackGram.Route.ONE_STAGE),
            Map.entry("uniform-wide-large", LapackGram.Route.ONE_STAGE),
            Map.entry("graded-tail", LapackGram.Route.RITZ),
            Map.entry("graded-near-floor", LapackGram.Route.RITZ),
            Map.entry("graded-near-floor-wide", LapackGram.Route.RITZ),
            Map.entry("low-rank", LapackGram.Route.SVD),
            Map.entry("low-rank-plus-noise", LapackGram.Route.RITZ),
            Map.entry("spike-above-threshold", LapackGram.Route.ONE_STAGE),
            Map.entry("spike-below-threshold", LapackGram.Route.SVD), // the whole bulk lies below 1e-3·λ_1,
            Map.entry("nearly-singular", LapackGram.Route.RITZ),
            Map.entry("hadamard-clusters", LapackGram.Route.RITZ));

    @AfterEach
    void restoreProperty() {
        System.clearProperty(Lapack.PROPERTY);
    }

    @Test
    void meetsTheContractOnEveryFixtureAndTakesTheStatedRoute() throws IOException {
        List<Case> cases = cases();
        assertEquals(ROUTES.keySet(), cases.stream().map(c -> c.name).collect(java.util.stream.Collectors.toSet()));
        for (Case c : cases) {
            LapackGram.Result r = GramEigenvalues.compute(c.w);
            if (Lapack.enabled()) {
                assertEquals(ROUTES.get(c.name), r.route(), c.name);
            }
            assertContract(c, r.values(), "Gram path");
        }
    }

    @Test
    void theFixturesAreHardEnoughThatPlainGramEigenvaluesFailTheContract() throws IOException {
        // the rival: numpy's eigvalsh of the unrefined Gram matrix. If it met the contract everywhere, the
        // fixtures could not tell a refinement from none.
        int failing = 0;
        for (Case c : cases()) {
            if (violations(c, c.gramEigvalsh) > 0) {
                failing++;
            }
        }
        assertTrue(failing >= 2, "plain Gram eigenvalues break the contract on " + failing + " fixtures");
    }

    @Test
    void narrowRaggedPanelsMeetTheContract() throws IOException {
        // G is summed over panels of the long side (512 by default, so only the 600 × 1500 fixture spans more
        // than one); panels of 7 make every fixture, tall and wide, a sum of many dsyrk updates with a ragged
        // last panel, and each must still meet the contract against numpy's SVD
        if (!Lapack.enabled()) {
            return;
        }
        for (Case c : cases()) {
            LapackGram.Result r = tuned(c, new LapackGram.Tuning(7, LapackGram.TWO_STAGE_FROM, true));
            assertContract(c, r.values(), "panels of 7");
        }
    }

    @Test
    void theTwoStageRouteMeetsTheContract() throws IOException {
        // by default only q >= 2048 tries dsyev_2stage, larger than any fixture: here every fixture may take
        // it, and the ones that are not nearly square and need no refinement must
        if (!Lapack.enabled()) {
            return;
        }
        int twoStage = 0;
        for (Case c : cases()) {
            LapackGram.Result r = tuned(c, new LapackGram.Tuning(LapackGram.PANEL, 1, true));
            assertContract(c, r.values(), "two-stage allowed");
            if (TWO_STAGE_WHEN_ALLOWED.contains(c.name)) {
                assertEquals(LapackGram.Route.TWO_STAGE, r.route(), c.name);
                twoStage++;
            }
        }
        assertEquals(TWO_STAGE_WHEN_ALLOWED.size(), twoStage);
    }

    @Test
    void eigenvectorsFromMrrrInsteadOfInverseIterationMeetTheContract() throws IOException {
        // the refinement's eigenvectors come from dstein (inverse iteration) unless T splits; dstemr (MRRR) is the
        // fallback, and must hold the contract on every fixture on its own
        if (!Lapack.enabled()) {
            return;
        }
        for (Case c : cases()) {
            LapackGram.Result r = tuned(c, new LapackGram.Tuning(LapackGram.PANEL, LapackGram.TWO_STAGE_FROM, false));
            assertEquals(ROUTES.get(c.name), r.route(), c.name);
            assertContract(c, r.values(), "dstemr eigenvectors");
        }
    }

    @Test
    void aBlockDiagonalMatrixWhoseTridiagonalSplitsMeetsTheContract() throws IOException {
        // diag(A, B): G is block diagonal, so the tridiagonal of dsytrd splits at the block boundary and the
        // refinement takes dstemr. Reference: the singular values of diag(A, B) are those of A and B (numpy's SVD
        // of each fixture), merged.
        Case a = cases().stream().filter(x -> x.name.equals("graded-tail")).findFirst().orElseThrow();
        Case b = cases().stream().filter(x -> x.name.equals("nearly-singular")).findFirst().orElseThrow();
        DMatrixRMaj w = new DMatrixRMaj(a.w.numRows + b.w.numRows, a.w.numCols + b.w.numCols);
        org.ejml.dense.row.CommonOps_DDRM.insert(a.w, w, 0, 0);
        org.ejml.dense.row.CommonOps_DDRM.insert(b.w, w, a.w.numRows, a.w.numCols);
        double[] sigma = new double[a.sigma.length + b.sigma.length];
        System.arraycopy(a.sigma, 0, sigma, 0, a.sigma.length);
        System.arraycopy(b.sigma, 0, sigma, a.sigma.length, b.sigma.length);
        java.util.Arrays.sort(sigma);
        for (int i = 0, j = sigma.length - 1; i < j; i++, j--) {
            double t = sigma[i];
            sigma[i] = sigma[j];
            sigma[j] = t;
        }
        Case block = new Case("diag(graded-tail, nearly-singular)", w, sigma, null);
        LapackGram.Result r = GramEigenvalues.compute(w);
        if (Lapack.enabled()) {
            assertEquals(LapackGram.Route.RITZ, r.route(), block.name);
        }
        assertContract(block, r.values(), "split tridiagonal");
    }

    @Test
    void theSplitTestIsDstebzs() {
        if (!Lapack.enabled()) {
            return;
        }
        try (org.bytedeco.javacpp.DoublePointer d = new org.bytedeco.javacpp.DoublePointer(2.0, 3.0, 4.0);
             org.bytedeco.javacpp.DoublePointer joined = new org.bytedeco.javacpp.DoublePointer(0.5, 0.25, 0);
             org.bytedeco.javacpp.DoublePointer zero = new org.bytedeco.javacpp.DoublePointer(0.5, 0.0, 0);
             org.bytedeco.javacpp.DoublePointer tiny = new org.bytedeco.javacpp.DoublePointer(1e-17, 0.25, 0);
             org.bytedeco.javacpp.DoublePointer small = new org.bytedeco.javacpp.DoublePointer(1e-14, 0.25, 0)) {
            assertFalse(LapackGram.splits(d, joined, 3));
            assertTrue(LapackGram.splits(d, zero, 3));
            // e_1² = 1e-34 < |d_1 d_2|·ε² = 6·4.9e-32: negligible, a split; 1e-28 is not
            assertTrue(LapackGram.splits(d, tiny, 3));
            assertFalse(LapackGram.splits(d, small, 3));
        }
    }

    @Test
    void nonFiniteEntriesAreRefusedOnEitherBackend() {
        // 40 × 40 takes LAPACK (≥ 1024 entries), 10 × 10 EJML; both must name the entry, never return numbers
        for (int n : new int[] {40, 10}) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                DMatrixRMaj w = new DMatrixRMaj(n, n + 3);
                for (int i = 0; i < w.data.length; i++) {
                    w.data[i] = Math.sin(i + 1.0);
                }
                w.set(3, 5, bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GramEigenvalues.of(w),
                        n + "x" + (n + 3) + " with " + bad);
                assertTrue(e.getMessage().contains("(3, 5)") && e.getMessage().contains(String.valueOf(bad)),
                        e.getMessage());
            }
        }
    }

    @Test
    void thePreloadIsAStartedDaemonThatLeavesLapackLoaded() throws InterruptedException {
        Thread t = GramEigenvalues.preloadInBackground();
        assertTrue(t.isDaemon(), "a daemon: it must never keep a finished command's JVM alive");
        assertNotEquals(Thread.State.NEW, t.getState(), "started");
        t.join(60_000);
        assertFalse(t.isAlive(), "the load finished");
        assertEquals(Lapack.whyNot() == null, Lapack.enabled());
    }

    @Test
    void thePureJavaFallbackMeetsTheSameContract() throws IOException {
        System.setProperty(Lapack.PROPERTY, "false");
        assertEquals(Backend.EJML, GramEigenvalues.backend(600, 1500));
        assertTrue(GramEigenvalues.backendDescription().startsWith("EJML"));
        for (Case c : cases()) {
            assertContract(c, GramEigenvalues.of(c.w), "EJML fallback");
        }
    }

    @Test
    void reusedNativeBuffersMeetTheContractInAnyOrderOnAnyThread() throws Exception {
        // NativeScratch keeps each thread's largest copy of W and Gram matrix: a small matrix after a large one
        // runs in a buffer longer than it needs and holding the large one's numbers, a large one after a small
        // one gets a new buffer. Every order, on two threads at once, must still meet the contract against numpy.
        List<Case> cs = new ArrayList<>(cases());
        cs.sort(java.util.Comparator.comparingInt((Case c) -> c.w.getNumElements()).reversed());
        List<Case> order = new ArrayList<>(cs);
        java.util.Collections.reverse(cs);
        order.addAll(cs);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int shift = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < order.size(); i++) {
                        Case c = order.get((i + shift * 3) % order.size());
                        assertContract(c, GramEigenvalues.of(c.w), "reused buffers");
                    }
                    GramEigenvalues.releaseScratch();
                    Case c = order.get(0);
                    assertContract(c, GramEigenvalues.of(c.w), "after releaseScratch");
                    GramEigenvalues.releaseScratch();
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void isDeterministicAndLeavesTheInputAlone() throws IOException {
        for (Case c : cases()) {
            DMatrixRMaj before = c.w.copy();
            double[] a = GramEigenvalues.of(c.w);
            double[] b = GramEigenvalues.of(c.w);
            assertArrayEquals(a, b, 0, c.name);
            assertArrayEquals(before.data, c.w.data, 0, c.name);
        }
    }

    @Test
    void hugeAndTinyEntriesAreScaledByPowersOfTwo() throws IOException {
        Case c = cases().stream().filter(x -> x.name.equals("uniform-tall")).findFirst().orElseThrow();
        double[] base = GramEigenvalues.of(c.w);
        for (int e : new int[] {500, -500}) {
            DMatrixRMaj s = c.w.copy();
            for (int i = 0; i < s.data.length; i++) {
                s.data[i] = Math.scalb(s.data[i], e);
            }
            double[] v = GramEigenvalues.of(s);
            for (int k = 0; k < base.length; k++) {
                // λ(2^e W) = 4^e λ(W) exactly in exact arithmetic; the scaled and unscaled runs see data that
                // differ by a power of two, so they agree to the contract's accuracy
                double expected = Math.scalb(base[k], 2 * e);
                assertTrue(Double.isFinite(v[k]) && v[k] > 0, "scale 2^" + e + " k=" + k + ": " + v[k]);
                assertEquals(expected, v[k], 1e-12 * expected, "scale 2^" + e + " k=" + k);
            }
        }
    }

    @Test
    void smallAndDegenerateShapes() {
        // 1 × 2000 and 2000 × 1: λ = Σ w² (one value); the 0 matrix: zeros; a 3 × 3 (EJML path) diagonal
        DMatrixRMaj row = new DMatrixRMaj(1, 2000);
        double sum = 0;
        for (int j = 0; j < 2000; j++) {
            row.data[j] = (j % 7) - 3;
            sum += row.data[j] * row.data[j];
        }
        assertArrayEquals(new double[] {sum}, GramEigenvalues.of(row), 1e-12 * sum);
        DMatrixRMaj col = new DMatrixRMaj(2000, 1);
        System.arraycopy(row.data, 0, col.data, 0, 2000);
        assertArrayEquals(new double[] {sum}, GramEigenvalues.of(col), 1e-12 * sum);
        assertArrayEquals(new double[40], GramEigenvalues.of(new DMatrixRMaj(40, 50)), 0);
        DMatrixRMaj d = new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, -4, 0}, {0, 0, 1e-9}});
        assertArrayEquals(new double[] {16, 9, 1e-18}, GramEigenvalues.of(d), 1e-14);
    }

    /** The fixture's eigenvalues with the class's cut (refine below 1e-4, subspace below 1e-3) and {@code tuning}. */
    private static LapackGram.Result tuned(Case c, LapackGram.Tuning tuning) {
        return LapackGram.eigenvalues(c.w.data, c.w.numRows, c.w.numCols, GramEigenvalues.REFINE_BELOW,
                GramEigenvalues.SUBSPACE_BELOW, tuning);
    }

    /** λ ≥ 1e-8 λ_1: relative error ≤ 1e-10; below: |√λ̂ − σ| ≤ 2qεσ_1. */
    private static void assertContract(Case c, double[] lambda, String what) {
        int q = c.sigma.length;
        assertEquals(q, lambda.length, c.name);
        double s1 = c.sigma[0];
        for (int k = 0; k < q; k++) {
            assertTrue(lambda[k] >= 0 && (k == 0 || lambda[k] <= lambda[k - 1]), what + " " + c.name + " order k=" + k);
            double ref = c.sigma[k] * c.sigma[k];
            if (ref >= GramEigenvalues.CONTRACT_FLOOR * s1 * s1) {
                assertEquals(ref, lambda[k], GramEigenvalues.CONTRACT_RELATIVE_ERROR * ref,
                        what + " " + c.name + " λ_" + k + " (λ/λ_1 = " + ref / (s1 * s1) + ")");
            } else {
                assertEquals(c.sigma[k], Math.sqrt(lambda[k]), 2 * q * EPS * s1, what + " " + c.name + " σ_" + k);
            }
        }
        assertEquals(0, violations(c, lambda), what + " " + c.name);
    }

    private static int violations(Case c, double[] lambda) {
        int bad = 0;
        double l1 = c.sigma[0] * c.sigma[0];
        for (int k = 0; k < c.sigma.length; k++) {
            double ref = c.sigma[k] * c.sigma[k];
            if (ref >= GramEigenvalues.CONTRACT_FLOOR * l1
                    && Math.abs(lambda[k] - ref) > GramEigenvalues.CONTRACT_RELATIVE_ERROR * ref) {
                bad++;
            }
        }
        return bad;
    }

    // ------------------------------------------------------------------------------------------------
    // the fixture recipes (gram_reference.py), rebuilt bit for bit

    private record Case(String name, DMatrixRMaj w, double[] sigma, double[] gramEigvalsh) {
    }

    private static List<Case> cached;

    static synchronized List<Case> cases() throws IOException {
        if (cached != null) {
            return cached;
        }
        JsonNode root;
        try (InputStream in = GramEigenvaluesTest.class.getResourceAsStream("/cartan/linalg/gram_reference.json")) {
            assertNotNull(in, "gram_reference.json on the test class path");
            root = new ObjectMapper().readTree(in);
        }
        List<Case> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            DMatrixRMaj w = build(c);
            double sum = 0;
            double squares = 0;
            for (double x : w.data) {
                sum += x;
                squares += x * x;
            }
            String name = c.get("name").asText();
            assertEquals(Double.parseDouble(c.get("sum").asText()), sum, 0, name + ": not the script's matrix");
            assertEquals(Double.parseDouble(c.get("sum_squares").asText()), squares, 0, name + ": not the script's matrix");
            out.add(new Case(name, w, doubles(c.get("sigma")), doubles(c.get("gram_eigvalsh"))));
        }
        cached = List.copyOf(out);
        return cached;
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(a.get(i).asText());
        }
        return v;
    }

    private static DMatrixRMaj build(JsonNode c) {
        String kind = c.get("kind").asText();
        int rows = c.get("rows").asInt();
        int cols = c.get("cols").asInt();
        long seed = c.get("seed").asLong();
        switch (kind) {
            case "uniform":
                return uniform(rows, cols, seed);
            case "graded-tail": {
                DMatrixRMaj w = uniform(rows, cols, seed);
                int graded = c.get("graded").asInt();
                int start = c.get("start").asInt();
                int depth = c.get("depth").asInt();
                for (int j = 0; j < graded; j++) {
                    double s = Math.scalb(1.0, -(start + j * depth / graded));
                    if (rows >= cols) {
                        for (int i = 0; i < rows; i++) {
                            w.set(i, cols - graded + j, w.get(i, cols - graded + j) * s);
                        }
                    } else {
                        for (int i = 0; i < cols; i++) {
                            w.set(rows - graded + j, i, w.get(rows - graded + j, i) * s);
                        }
                    }
                }
                return w;
            }
            case "low-rank":
                return lowRank(rows, cols, c.get("rank").asInt(), seed);
            case "low-rank-plus-noise": {
                DMatrixRMaj w = lowRank(rows, cols, c.get("rank").asInt(), seed);
                DMatrixRMaj noise = uniform(rows, cols, seed + 1);
                double s = Math.scalb(1.0, -c.get("noise_exponent").asInt());
                for (int i = 0; i < w.data.length; i++) {
                    w.data[i] = w.data[i] + noise.data[i] * s;
                }
                return w;
            }
            case "spike": {
                DMatrixRMaj w = uniform(rows, cols, seed);
                SplitMix64 g = new SplitMix64(seed + 1);
                double[] a = new double[rows];
                double[] b = new double[cols];
                for (int i = 0; i < rows; i++) {
                    a[i] = g.smallInt();
                }
                for (int j = 0; j < cols; j++) {
                    b[j] = g.smallInt();
                }
                double t = Math.scalb(1.0, c.get("spike_exponent").asInt());
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        w.set(i, j, w.get(i, j) + (a[i] * b[j]) * t);
                    }
                }
                return w;
            }
            case "nearly-singular": {
                DMatrixRMaj w = uniform(rows, cols, seed);
                SplitMix64 g = new SplitMix64(seed + 1);
                double s = Math.scalb(1.0, -c.get("gap_exponent").asInt());
                for (int i = 0; i < rows; i++) {
                    w.set(i, cols - 1, w.get(i, 0) + g.uniform() * s);
                }
                return w;
            }
            case "hadamard-clusters": {
                int order = c.get("order").asInt();
                int blocks = c.get("blocks").asInt();
                int e = c.get("small_exponent").asInt();
                double[][] h = {{1}};
                while (h.length < order) {
                    int n = h.length;
                    double[][] next = new double[2 * n][2 * n];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            next[i][j] = h[i][j];
                            next[i][j + n] = h[i][j];
                            next[i + n][j] = h[i][j];
                            next[i + n][j + n] = -h[i][j];
                        }
                    }
                    h = next;
                }
                int n = order * blocks;
                DMatrixRMaj w = new DMatrixRMaj(n, n);
                for (int blk = 0; blk < blocks; blk++) {
                    double s = blk == blocks - 1 ? Math.scalb(1.0, -e) : 1.0;
                    for (int i = 0; i < order; i++) {
                        for (int j = 0; j < order; j++) {
                            w.set(blk * order + i, blk * order + j, h[i][j] * s);
                        }
                    }
                }
                return w;
            }
            default:
                throw new IllegalStateException("unknown fixture kind " + kind);
        }
    }

    private static DMatrixRMaj uniform(int rows, int cols, long seed) {
        SplitMix64 g = new SplitMix64(seed);
        DMatrixRMaj w = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = g.uniform();
        }
        return w;
    }

    private static DMatrixRMaj lowRank(int rows, int cols, int rank, long seed) {
        SplitMix64 g = new SplitMix64(seed);
        double[][] left = new double[rows][rank];
        double[][] right = new double[rank][cols];
        for (double[] r : left) {
            for (int t = 0; t < rank; t++) {
                r[t] = g.smallInt();
            }
        }
        for (double[] r : right) {
            for (int j = 0; j < cols; j++) {
                r[j] = g.smallInt();
            }
        }
        DMatrixRMaj w = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int t = 0; t < rank; t++) {
                    s += left[i][t] * right[t][j];
                }
                w.set(i, j, s);
            }
        }
        return w;
    }

    /** SplitMix64 as in gram_reference.py. */
    private static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            state = seed;
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double uniform() {
            return 2.0 * ((next() >>> 11) * 0x1p-53) - 1.0;
        }

        double smallInt() {
            int v = (int) Long.remainderUnsigned(next(), 6);
            return v < 3 ? v - 3 : v - 2;
        }
    }
}
