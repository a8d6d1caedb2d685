package cartan;

import cartan.curvature.HutchinsonTrace;
import cartan.curvature.Lanczos;
import cartan.curvature.LinearOperator;
import cartan.curvature.SpectralDensity;
import cartan.fit.FitBootstrap;
import cartan.fit.GoodnessOfFit;
import cartan.fit.PowerLaw;
import cartan.fit.PowerLawBootstrap;
import cartan.fit.TailFitter;
import cartan.linalg.RandomMatrices;
import cartan.profile.ExponentProfile;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same seed gives bit-identical results: two runs, runs on several threads at once (no shared
 * mutable state), and, for the parallel bootstrap, any worker-thread count. Tables are compared as
 * their exact CSV text (Java prints each double as the shortest decimal that reads back to the same
 * bits, so equal CSV means equal bits); arrays with {@link Double#doubleToRawLongBits}.
 */
class DeterminismProperties {

    static String csv(Table t) {
        StringWriter w = new StringWriter();
        t.write().csv(w);
        return w.toString();
    }

    /** {@code f} evaluated once on this thread and concurrently on {@code copies} other threads. */
    static <T> List<T> concurrently(int copies, Supplier<T> f) throws Exception {
        List<T> out = new ArrayList<>();
        out.add(f.get());
        ExecutorService ex = Executors.newFixedThreadPool(copies);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                fs.add(ex.submit(f::get));
            }
            for (Future<T> x : fs) {
                out.add(x.get());
            }
        } finally {
            ex.shutdown();
        }
        return out;
    }

    static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    @Test
    void randomMatricesAreBitIdenticalPerSeed() throws Exception {
        List<long[]> runs = concurrently(3, () -> {
            DMatrixRMaj g = RandomMatrices.gaussian(7, 5, 1.5, 42L);
            DMatrixRMaj q = RandomMatrices.haarOrthogonal(6, 43L);
            DMatrixRMaj w = RandomMatrices.withSingularValues(new double[]{3, 2, 1}, new SplittableRandom(44));
            double[] all = new double[g.data.length + q.data.length + w.getNumElements()];
            System.arraycopy(g.data, 0, all, 0, g.data.length);
            System.arraycopy(q.data, 0, all, g.data.length, q.data.length);
            System.arraycopy(w.data, 0, all, g.data.length + q.data.length, w.getNumElements());
            return bits(all);
        });
        for (long[] r : runs) {
            assertArrayEquals(runs.get(0), r);
        }
        // and a different seed really gives different numbers (the comparison can fail)
        assertEquals(false, java.util.Arrays.equals(RandomMatrices.gaussian(7, 5, 1.5, 42L).data,
                RandomMatrices.gaussian(7, 5, 1.5, 41L).data));
    }

    static List<DMatrixRMaj> layers(long seed) {
        List<DMatrixRMaj> l = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            l.add(RandomMatrices.gaussian(20 + 3 * i, 16, 1, seed + i));
        }
        return l;
    }

    static List<DMatrixRMaj> chain(long seed) {
        List<DMatrixRMaj> l = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DMatrixRMaj w = RandomMatrices.gaussian(8, 8, 0.3, seed + i);
            for (int k = 0; k < 8; k++) {
                w.add(k, k, 1);
            }
            l.add(w);
        }
        return l;
    }

    @Property(tries = 4)
    void exponentProfileTablesAreIdenticalCsv(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) throws Exception {
        List<String> runs = concurrently(2, () -> csv(ExponentProfile.ofLayers(layers(seed)).table())
                + csv(ExponentProfile.ofChain(chain(seed)).table()));
        for (String r : runs) {
            assertEquals(runs.get(0), r);
        }
    }

    static DMatrixRMaj symmetric(long seed) {
        DMatrixRMaj g = RandomMatrices.gaussian(12, 12, 1, seed);
        DMatrixRMaj s = new DMatrixRMaj(12, 12);
        CommonOps_DDRM.add(g, CommonOps_DDRM.transpose(g, null), s);
        return s;
    }

    @Test
    void hutchinsonAndSlqAreBitIdenticalPerSeed() throws Exception {
        LinearOperator a = LinearOperator.of(symmetric(5));
        List<String> runs = concurrently(3, () -> {
            HutchinsonTrace h = HutchinsonTrace.estimate(a, 40, 9L);
            SpectralDensity d = SpectralDensity.estimate(a, 6, 10, 9L);
            double[] top = Lanczos.topEigenvalues(a, 3, 12, 9L);
            Table t = Table.create("curvature",
                    DoubleColumn.create("node", d.nodes()), DoubleColumn.create("weight", d.weights()));
            Table s = Table.create("scalars", DoubleColumn.create("value",
                    h.estimate(), h.standardError(), top[0], top[1], top[2], d.moment(2)));
            return csv(t) + csv(s);
        });
        for (String r : runs) {
            assertEquals(runs.get(0), r);
        }
        assertEquals(false, HutchinsonTrace.estimate(a, 40, 9L).estimate() == HutchinsonTrace.estimate(a, 40, 10L).estimate());
    }

    @Test
    void bootstrapTablesAreIdenticalAcrossThreadCounts() throws Exception {
        double[] x = new PowerLaw(2.5, 1).sample(400, new SplittableRandom(8));
        List<String> byThreads = new ArrayList<>();
        for (int threads : new int[]{1, 2, 3, 8}) {
            FitBootstrap b = PowerLawBootstrap.uncertainty(x, TailFitter.csn(20), 40, 77L, threads);
            GoodnessOfFit g = PowerLawBootstrap.goodnessOfFit(x, TailFitter.weightWatcher(), 40, 78L, threads);
            int[] replicate = new int[b.alphas().length];
            for (int i = 0; i < replicate.length; i++) {
                replicate[i] = i;
            }
            Table t = Table.create("bootstrap", IntColumn.create("replicate", replicate),
                    DoubleColumn.create("alpha", b.alphas()));
            byThreads.add(csv(t) + g.pValue() + "," + g.exceedances() + "," + Double.doubleToRawLongBits(g.empiricalDistance()));
        }
        for (String r : byThreads) {
            assertEquals(byThreads.get(0), r);
        }
    }
}
