package cartan.fit;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both x_min rules against the numpy re-implementations in fit_reference.py, and on synthetic tails. */
class TailFitterTest {

    static final double[] DATA = Reference.doubles("data");

    @Test
    void weightWatcherModeReproducesWwFit() {
        PowerLawFit f = TailFitter.weightWatcher().fit(DATA);
        assertEquals(Reference.get("ww", "xmin"), f.xMin(), 0);
        assertEquals(Reference.get("ww", "alpha"), f.alpha(), 1e-12);
        assertEquals(Reference.get("ww", "D"), f.ksDistance(), 1e-12);
        assertEquals(Reference.get("ww", "sigma"), f.standardError(), 1e-12);
        assertEquals((int) Reference.get("ww", "candidates"), f.candidates());
        assertEquals(DATA.length - (int) Reference.get("ww", "index"), f.tailSize());
    }

    @Test
    void weightWatcherThresholdDropsTinyEigenvalues() {
        double[] padded = Arrays.copyOf(DATA, DATA.length + 3);
        padded[DATA.length + 1] = 1e-6;  // 0 and 1e-6 are ≤ 1e-5
        padded[DATA.length + 2] = 1e-5;
        PowerLawFit plain = TailFitter.weightWatcher().fit(DATA);
        PowerLawFit fit = TailFitter.weightWatcher().fit(padded);
        assertEquals(plain.law(), fit.law());
        assertEquals(plain.ksDistance(), fit.ksDistance(), 0);
        assertEquals(plain.tailSize(), fit.tailSize());
        assertEquals(plain.sampleSize(), fit.sampleSize());
        assertEquals(3, fit.dropped());
    }

    @Test
    void csnModeReproducesTheNumpyScan() {
        for (int minTail : new int[]{10, 50}) {
            PowerLawFit f = TailFitter.csn(minTail).fit(DATA);
            String key = "csn" + minTail;
            assertEquals(Reference.get(key, "xmin"), f.xMin(), 0);
            assertEquals(Reference.get(key, "alpha"), f.alpha(), 1e-12);
            assertEquals(Reference.get(key, "D"), f.ksDistance(), 1e-12);
            assertEquals((int) Reference.get(key, "n"), f.tailSize());
        }
    }

    /**
     * x_min recovery: a lognormal body cut at 1 joined to a Pareto(α = 2.5) tail above 1, 4000 values,
     * half in the tail. The density jumps at 1, so the KS rule should land close to 1: we accept
     * [0.95, 1.15] (the first ~5 % of the tail), and α within 4 asymptotic standard errors of 2.5.
     */
    @Test
    void csnRecoversXminAndAlphaOfAMixture() {
        SplittableRandom r = new SplittableRandom(11);
        double[] x = mixture(r, 2000, 2000, 2.5);
        PowerLawFit f = TailFitter.csn(50).fit(x);
        assertTrue(f.xMin() > 0.95 && f.xMin() < 1.15, "xMin " + f.xMin());
        assertEquals(2.5, f.alpha(), 4 * f.standardError());
        PowerLawFit w = TailFitter.weightWatcher().fit(x);
        assertTrue(w.xMin() > 0.95 && w.xMin() < 1.15, "WW xMin " + w.xMin());
        assertEquals(2.5, w.alpha(), 4 * w.standardError());
    }

    static double[] mixture(SplittableRandom r, int body, int tail, double alpha) {
        double[] x = new double[body + tail];
        int k = 0;
        while (k < body) {
            double v = Math.exp(-1 + 0.5 * cartan.linalg.RandomMatrices.standardNormal(r));
            if (v < 1) {
                x[k++] = v;
            }
        }
        PowerLaw p = new PowerLaw(alpha, 1);
        for (int i = 0; i < tail; i++) {
            x[k++] = p.sample(r);
        }
        return x;
    }

    /** The tie-aware KS distance against brute force: |S − P| at every point and just left of it. */
    @Test
    void ksDistanceHandlesTiesLikeTheSupremum() {
        double[] x = {1, 1, 1.5, 2, 2, 2, 3, 5, 5, 8};
        double alpha = 2.1;
        double[] log = Arrays.stream(x).map(Math::log).toArray();
        double d = CsnFitter.ksDistance(x, log, 0, alpha);
        PowerLaw p = new PowerLaw(alpha, 1);
        double brute = 0;
        for (double v : x) {
            long le = Arrays.stream(x).filter(y -> y <= v).count();
            long lt = Arrays.stream(x).filter(y -> y < v).count();
            brute = Math.max(brute, Math.abs((double) le / x.length - p.cdf(v)));
            brute = Math.max(brute, Math.abs((double) lt / x.length - p.cdf(v)));
        }
        assertEquals(brute, d, 1e-15);
    }

    /**
     * fit() prunes candidates with partial KS maxima; it must pick exactly what the full scan picks, on
     * continuous mixtures, on tied (rounded) data and on pure power laws (where many candidates are close).
     */
    @Test
    void prunedFitEqualsTheFullScan() {
        for (int seed = 0; seed < 12; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] x = seed % 3 == 0 ? new PowerLaw(1.5 + 0.2 * seed, 1).sample(3000, r) : mixture(r, 1500, 1500, 2.2);
            if (seed % 3 == 1) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.rint(x[i] * 20) / 20 + 0.05;
                }
            }
            for (int minTail : new int[]{2, 30}) {
                XminScan s = TailFitter.csn(minTail).scan(x);
                PowerLawFit f = TailFitter.csn(minTail).fit(x);
                assertEquals(s.xMins()[s.best()], f.xMin(), 0, "seed " + seed);
                assertEquals(s.alphas()[s.best()], f.alpha(), 0);
                assertEquals(s.distances()[s.best()], f.ksDistance(), 0);
                assertEquals(s.tailSizes()[s.best()], f.tailSize());
            }
        }
    }

    /**
     * A fixed x_min gives the MLE at that x_min (closed form for the continuous law) and the KS distance of
     * that tail — checked against the scan at a data value, and at a value between data points against
     * PowerLaw.mle and a brute-force KS distance.
     */
    @Test
    void fixedXminFitsThatTail() {
        XminScan s = TailFitter.csn(10).scan(DATA);
        int k = s.size() / 3;
        PowerLawFit f = TailFitter.csn(10).withXmin(s.xMins()[k]).fit(DATA);
        assertEquals(s.alphas()[k], f.alpha(), 1e-12);
        assertEquals(s.distances()[k], f.ksDistance(), 1e-12);
        assertEquals(1, f.candidates());
        double between = 1.2345;
        double[] tail = Arrays.stream(DATA).filter(x -> x >= between).sorted().toArray();
        PowerLawFit g = TailFitter.csn(10).withXmin(between).fit(DATA);
        PowerLaw pl = PowerLaw.mle(tail, between);
        assertEquals(pl.alpha(), g.alpha(), 1e-12);
        double brute = 0;
        for (int j = 0; j < tail.length; j++) {
            double v = tail[j];
            long le = Arrays.stream(tail).filter(y -> y <= v).count();
            long lt = Arrays.stream(tail).filter(y -> y < v).count();
            brute = Math.max(brute, Math.max(Math.abs((double) le / tail.length - pl.cdf(v)),
                    Math.abs((double) lt / tail.length - pl.cdf(v))));
        }
        assertEquals(brute, g.ksDistance(), 1e-12);
        // discrete: at x_min = 4 of the zeta sample the fit is the discrete MLE at 4
        double[] z = Reference.doubles(Reference.DISCRETE, "zeta_data");
        PowerLawFit d = TailFitter.csnDiscrete(10).withXmin(4).fit(z);
        assertEquals(DiscretePowerLaw.mle(PowerLawData.of(z).tail(4), 4).alpha(), d.alpha(), 1e-12);
        cartan.ValidationSweep.rejects("xMin", () -> TailFitter.csnDiscrete(10).withXmin(2.5));
        cartan.ValidationSweep.rejects("xMin", () -> TailFitter.csn(10).withXmin(1e9).fit(DATA));
    }

    /** Zeros and negatives are dropped and counted, and the fit is that of the positive part. */
    @Test
    void nonPositiveValuesAreDroppedWithACount() {
        double[] padded = Arrays.copyOf(DATA, DATA.length + 4);
        padded[DATA.length + 1] = -3;
        padded[DATA.length + 2] = -0.0;
        padded[DATA.length + 3] = -1e300;
        PowerLawFit f = TailFitter.csn(10).fit(padded);
        PowerLawFit ref = TailFitter.csn(10).fit(DATA);
        assertEquals(4, f.dropped());
        assertEquals(ref.law(), f.law());
        assertEquals(ref.ksDistance(), f.ksDistance(), 0);
        assertEquals(DATA.length, f.sampleSize());
    }

    /** Histogram input gives the fit of the expanded sample, bit for bit. */
    @Test
    void countsInputEqualsTheExpandedSample() {
        double[] v = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89};
        long[] c = {400, 150, 80, 40, 20, 10, 6, 3, 2, 1};
        PowerLawData h = PowerLawData.ofCounts(v, c);
        double[] x = h.expand();
        for (CsnFitter f : new CsnFitter[]{TailFitter.csn(5), TailFitter.csnDiscrete(5)}) {
            assertEquals(f.fit(x), f.fit(h));
        }
        // shuffled, repeated and zero-count entries tally to the same data
        PowerLawData g = PowerLawData.ofCounts(new double[]{89, 1, 2, 1, 3, 5, 8, 13, 21, 34, 55, 7, -2},
                new long[]{1, 300, 150, 100, 80, 40, 20, 10, 6, 3, 2, 0, 5});
        assertEquals(h.size(), g.size());
        assertEquals(5, g.dropped());
        assertEquals(TailFitter.csn(5).fit(h).law(), TailFitter.csn(5).fit(g).law());
    }

    @Test
    void candidateCapScansFewerAndNeverBeatsTheFullScan() {
        double[] x = mixture(new SplittableRandom(5), 500, 500, 2.0);
        PowerLawFit full = TailFitter.csn(10).fit(x);
        PowerLawFit capped = TailFitter.csn(10).withMaxCandidates(40).fit(x);
        assertEquals(40, capped.candidates());
        assertTrue(capped.ksDistance() >= full.ksDistance());
        XminScan s = TailFitter.csn(10).withMaxCandidates(40).scan(x);
        assertEquals(s.xMins()[0], Arrays.stream(x).min().orElseThrow(), 0);
    }

    @Test
    void scanBestMatchesFit() {
        XminScan s = TailFitter.weightWatcher().scan(DATA);
        PowerLawFit f = TailFitter.weightWatcher().fit(DATA);
        assertEquals(f.xMin(), s.xMins()[s.best()], 0);
        assertEquals(Arrays.stream(s.distances()).min().orElseThrow(), f.ksDistance(), 0);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TailFitter.csn(10).fit(new double[]{1, 2, Double.NaN}));
        assertTrue(e.getMessage().startsWith("data"));
        e = assertThrows(IllegalArgumentException.class, () -> TailFitter.csn(10).fit(new double[]{1, 2, 3}));
        assertTrue(e.getMessage().startsWith("data"));
        e = assertThrows(IllegalArgumentException.class, () -> TailFitter.csn(2).fit(new double[]{-1, 0, 3}));
        assertTrue(e.getMessage().startsWith("data"));
        e = assertThrows(IllegalArgumentException.class, () -> TailFitter.csnDiscrete(2).fit(new double[]{1, 2.5, 3}));
        assertTrue(e.getMessage().startsWith("data"));
        e = assertThrows(IllegalArgumentException.class, () -> TailFitter.weightWatcher().fit(new double[]{0, 1}));
        assertTrue(e.getMessage().startsWith("data"));
        e = assertThrows(IllegalArgumentException.class, () -> TailFitter.csn(1));
        assertTrue(e.getMessage().startsWith("minTail"));
        e = assertThrows(IllegalArgumentException.class, () -> new WeightWatcherFitter(-1));
        assertTrue(e.getMessage().startsWith("threshold"));
    }
}
