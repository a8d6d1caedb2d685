package cartan.fit;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The continuous CSN x_min scan against a brute-force version written here from the rule in CsnFitter's
 * documentation: for every distinct value v (but the largest) whose tail {x ≥ v} holds at least minTail
 * points, α̂ = 1 + n/Σ ln(x/v) by a plain loop over the tail, and D = sup |S − P| by walking the sorted tail
 * with the empirical CDF just below and at each distinct value; the smallest D wins, the first on ties.
 * No suffix sums, no cumulative counts, no pruning: O(N²) over the raw sample. Tolerances 1e-12 relative
 * for α̂ and 1e-12 absolute for D (sums of logs in another order; D is a difference of numbers ≤ 1).
 */
class CsnScanTest {

    /** α̂ and D of the tail {x ≥ v} of the sorted sample, by brute force. */
    private static double[] bruteForce(double[] sorted, double v) {
        double sumLog = 0;
        int n = 0;
        for (double x : sorted) {
            if (x >= v) {
                sumLog += Math.log(x / v);
                n++;
            }
        }
        double alpha = 1 + n / sumLog;
        double[] tail = Arrays.stream(sorted).filter(x -> x >= v).toArray();
        double d = 0;
        int j = 0;
        while (j < n) {
            int k = j;
            while (k < n && tail[k] == tail[j]) {
                k++;
            }
            double p = 1 - Math.pow(tail[j] / v, 1 - alpha);  // P(X ≤ u) of the fitted law
            d = Math.max(d, Math.abs(p - (double) j / n));     // S just below u
            d = Math.max(d, Math.abs((double) k / n - p));     // S at u
            j = k;
        }
        return new double[]{alpha, d, n};
    }

    private static double[] candidates(double[] sorted, int minTail) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double x : sorted) {
            distinct.add(x);
        }
        distinct.remove(distinct.last());
        return distinct.stream().mapToDouble(Double::doubleValue)
                .filter(v -> Arrays.stream(sorted).filter(x -> x >= v).count() >= minTail).toArray();
    }

    /** Pareto(α) from x_min = 1, rounded to {@code decimals} (ties when few), below-1 noise in front. */
    private static double[] sample(long seed, int n, double alpha, int decimals) {
        SplittableRandom r = new SplittableRandom(seed);
        double scale = Math.pow(10, decimals);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            double v = i % 4 == 0 ? 0.2 + 0.8 * u : Math.pow(1 - u, -1 / (alpha - 1));
            x[i] = Math.max(0.1, Math.rint(v * scale) / scale);
        }
        Arrays.sort(x);
        return x;
    }

    @Test
    void fitAndScanEqualTheBruteForceRule() {
        int[][] cases = {{1, 300, 1, 5}, {2, 200, 3, 10}, {3, 120, 0, 2}, {4, 400, 2, 30}};
        for (int[] c : cases) {
            double[] x = sample(c[0], c[1], 2.2 + 0.2 * c[0], c[2]);
            int minTail = c[3];
            double[] cand = candidates(x, minTail);
            int best = 0;
            double[][] bf = new double[cand.length][];
            for (int k = 0; k < cand.length; k++) {
                bf[k] = bruteForce(x, cand[k]);
                if (bf[k][1] < bf[best][1]) {
                    best = k;
                }
            }
            String label = "seed " + c[0];
            XminScan s = new CsnFitter(minTail, 0).scan(PowerLawData.of(x));
            assertArrayEquals(cand, s.xMins(), label);
            for (int k = 0; k < cand.length; k++) {
                assertEquals(bf[k][0], s.alphas()[k], 1e-12 * bf[k][0], label + " alpha at " + cand[k]);
                assertEquals(bf[k][1], s.distances()[k], 1e-12, label + " D at " + cand[k]);
                assertEquals((int) bf[k][2], s.tailSizes()[k], label);
            }
            assertEquals(best, s.best(), label);

            PowerLawFit f = new CsnFitter(minTail, 0).fit(x);
            assertEquals(cand[best], f.xMin(), 0.0, label);
            assertEquals(bf[best][0], f.alpha(), 1e-12 * bf[best][0], label);
            assertEquals(bf[best][1], f.ksDistance(), 1e-12, label);
            int n = (int) bf[best][2];
            assertEquals(n, f.tailSize(), label);
            assertEquals(x.length, f.sampleSize(), label);
            assertEquals(cand.length, f.candidates(), label);
            assertEquals((bf[best][0] - 1) / Math.sqrt(n), f.standardError(), 1e-12, label + " sigma = (alpha - 1)/sqrt(n)");
        }
    }

    /**
     * With a cap, an evenly spaced subset by rank is scanned, the smallest and the largest candidate always
     * among them, and each scanned candidate's α̂ and D are those of the brute force.
     */
    @Test
    void cappedScanIsASubsetWithBothEnds() {
        double[] x = sample(5, 300, 2.5, 2);
        double[] cand = candidates(x, 10);
        XminScan s = new CsnFitter(10, 7).scan(PowerLawData.of(x));
        double[] xm = s.xMins();
        assertEquals(7, xm.length);
        assertEquals(cand[0], xm[0], 0.0);
        assertEquals(cand[cand.length - 1], xm[6], 0.0);
        for (int k = 0; k < xm.length; k++) {
            if (k > 0) {
                assertTrue(xm[k] > xm[k - 1], "ascending, distinct");
            }
            double v = xm[k];
            assertTrue(Arrays.stream(cand).anyMatch(u -> u == v), "a candidate: " + v);
            double[] bf = bruteForce(x, v);
            assertEquals(bf[0], s.alphas()[k], 1e-12 * bf[0]);
            assertEquals(bf[1], s.distances()[k], 1e-12);
        }
        PowerLawFit f = new CsnFitter(10, 7).fit(x);
        int b = s.best();
        assertEquals(xm[b], f.xMin(), 0.0);
        assertEquals(7, f.candidates());
        // a cap at or above the number of candidates scans them all
        assertEquals(cand.length, new CsnFitter(10, cand.length).scan(PowerLawData.of(x)).xMins().length);
    }

    /**
     * A fixed x_min by hand: the tail {1, 2, 4, 8} from x_min = 1 has Σ ln x = 6 ln 2, so α̂ = 1 + 2/(3 ln 2),
     * σ = (α̂ − 1)/√4 = 1/(3 ln 2), and P(X ≤ 2^k) = 1 − e^(−2k/3); the largest gap from the empirical CDF
     * is S(1) − P(1) = 1/4 (the others: e.g. P(2) − S(2⁻) = 0.75 − e^(−2/3) ≈ 0.2366).
     */
    @Test
    void fixedXminByHand() {
        PowerLawFit f = new CsnFitter(2, 0).withXmin(1).fit(new double[]{0.5, 1, 2, 4, 8});
        assertEquals(1 + 2 / (3 * Math.log(2)), f.alpha(), 1e-12);
        assertEquals(1 / (3 * Math.log(2)), f.standardError(), 1e-12);
        assertEquals(0.25, f.ksDistance(), 1e-12);
        assertEquals(4, f.tailSize());
        assertEquals(5, f.sampleSize());
        // exactly minTail values at x_min are enough; one fewer is refused, naming x_min
        new CsnFitter(4, 0).withXmin(1).fit(new double[]{0.5, 1, 2, 4, 8});
        rejects("xMin", () -> new CsnFitter(5, 0).withXmin(1).fit(new double[]{0.5, 1, 2, 4, 8}));
        rejects("xMin", () -> new CsnFitter(2, 0).withXmin(8).fit(new double[]{0.5, 1, 2, 4, 8}));
        // exactly minTail positive values are enough for the scan; fewer are refused, naming the data
        new CsnFitter(5, 0).fit(new double[]{0.5, 1, 2, 4, 8});
        rejects("data", () -> new CsnFitter(6, 0).fit(new double[]{0.5, 1, 2, 4, 8}));
    }

    /**
     * The KS distance of a tail with ties, x = {0.5 | 1, 2, 2, 4} from index 1, α = 2.5, by hand:
     * P(X ≤ x) = 1 − x^(−3/2), so P(2) = 1 − 2^(−3/2), P(4) = 7/8; the largest gap is P(2) − S(2⁻) = 3/4 − 2^(−3/2).
     * With α = 1.5, P(4) = 1/2 and the largest gap is S(4) − P(4) = 1/2, at the last value.
     */
    @Test
    void ksDistanceWithTiesByHand() {
        double[] x = {0.5, 1, 2, 2, 4};
        double[] log = Arrays.stream(x).map(Math::log).toArray();
        assertEquals(0.75 - Math.pow(2, -1.5), CsnFitter.ksDistance(x, log, 1, 2.5), 1e-15);
        assertEquals(0.5, CsnFitter.ksDistance(x, log, 1, 1.5), 1e-15);
    }

    /**
     * Suffix sums with Neumaier compensation: {1, 10^100, 1, −10^100} has exact suffix sums
     * {2, 1, 1 − 10^100, −10^100}, the third rounding to −10^100; naive summation gives {1, 0, …}.
     */
    @Test
    void suffixSumsAreCompensated() {
        assertArrayEquals(new double[]{2, 1, -1e100, -1e100}, CsnFitter.suffixSums(new double[]{1, 1e100, 1, -1e100}));
    }
}
