package cartan.fit;

import cartan.special.HurwitzZeta;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The discrete power law against discrete_reference.py (scipy: α by maximising the likelihood with
 * scipy.special.zeta, not by the score equation; D by CSN's plfit definition over every integer), and
 * against closed forms and simulation.
 */
class DiscretePowerLawTest {

    static final JsonNode REF = Reference.DISCRETE;
    static final double[] DATA = Reference.doubles(REF, "zeta_data");

    /**
     * Every candidate of the scan: x_min and n exactly; α to 1e-7 (scipy's bounded scalar search stops at
     * x-tolerance 1e-12 but the log-likelihood is flat to second order at its maximum, so its α is good to
     * about √ε·scale ≈ 1e-8); D, which moves with α at rate O(1), to 1e-7.
     */
    @Test
    void scanMatchesScipyCandidateByCandidate() {
        XminScan s = TailFitter.csnDiscrete(50).scan(PowerLawData.of(DATA));
        JsonNode rows = REF.get("scan");
        assertEquals(rows.size(), s.size());
        for (int k = 0; k < s.size(); k++) {
            JsonNode r = rows.get(k);
            assertEquals(r.get("xmin").asDouble(), s.xMins()[k], 0);
            assertEquals(r.get("n").asInt(), s.tailSizes()[k]);
            assertEquals(r.get("alpha").asDouble(), s.alphas()[k], 1e-7, "alpha at " + s.xMins()[k]);
            assertEquals(r.get("D").asDouble(), s.distances()[k], 1e-7, "D at " + s.xMins()[k]);
        }
        assertEquals(REF.get("best").asInt(), s.best());
    }

    /** fit() prunes candidates but must pick what the full scan picks. */
    @Test
    void prunedFitEqualsTheFullScan() {
        for (int minTail : new int[]{2, 10, 50, 400}) {
            XminScan s = TailFitter.csnDiscrete(minTail).scan(PowerLawData.of(DATA));
            PowerLawFit f = TailFitter.csnDiscrete(minTail).fit(DATA);
            assertEquals(s.xMins()[s.best()], f.xMin(), 0);
            assertEquals(s.alphas()[s.best()], f.alpha(), 0);
            assertEquals(s.distances()[s.best()], f.ksDistance(), 0);
            assertTrue(f.discrete());
        }
    }

    /** The seeded zeta sample has x_min = 4 and α = 2.5: the fit finds x_min = 4 and α within 2 SE. */
    @Test
    void recoversTheSeededZetaSample() {
        PowerLawFit f = TailFitter.csnDiscrete(50).fit(DATA);
        assertEquals(4, f.xMin(), 0);
        assertEquals(2.5, f.alpha(), 2 * f.standardError());
    }

    /** P(X ≥ x) + Σ_{k < x} p(k) = 1, and cdf(x) = 1 − P(X ≥ x + 1), against direct sums. */
    @Test
    void distributionFunctionsAgreeWithSums() {
        DiscretePowerLaw p = new DiscretePowerLaw(2.2, 3);
        double sum = 0;
        for (int x = 3; x < 400; x++) {
            assertEquals(1, p.tailProbability(x) + sum, 1e-14, "x=" + x);
            sum += Math.exp(p.logDensity(x));
            assertEquals(sum, p.cdf(x), 1e-13, "x=" + x);
            assertEquals(p.cdf(x), p.cdf(x + 0.5), 0);
        }
        assertEquals(Double.NEGATIVE_INFINITY, p.logDensity(3.5), 0);
        assertEquals(Double.NEGATIVE_INFINITY, p.logDensity(2), 0);
        assertEquals(1, p.tailProbability(1), 0);
    }

    /**
     * The quantile inverts the CDF: for u on a grid, x = quantile(u) is the first integer with cdf(x) ≥ u.
     * Sampled means of ln X match E ln X = −ζ′/ζ(α, x_min) within 4 standard errors.
     */
    @Test
    void quantileAndSampler() {
        DiscretePowerLaw p = new DiscretePowerLaw(1.8, 2);
        for (double u = 0; u < 0.999; u += 0.0137) {
            double x = p.quantile(u);
            assertTrue(p.cdf(x) >= u && (x == 2 || p.cdf(x - 1) < u), "u=" + u + " x=" + x);
        }
        DiscretePowerLaw q = new DiscretePowerLaw(2.7, 5);
        SplittableRandom r = new SplittableRandom(3);
        int n = 100_000;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(q.sample(r));
        }
        double[] z = HurwitzZeta.withDerivatives(2.7, 5);
        double mean = -z[1] / z[0];
        assertEquals(mean, s / n, 4 * Math.sqrt(q.logVariance() / n));
    }

    /**
     * The Fisher standard error 1/√(n Var ln X) against the spread of the MLE over 400 samples of 400
     * values at known x_min: the sampling SD is known to about 1/√(2·400) = 3.5 %, so 4 SE = 14 %.
     */
    @Test
    void fisherErrorMatchesTheSamplingSpread() {
        DiscretePowerLaw truth = new DiscretePowerLaw(2.3, 1);
        SplittableRandom r = new SplittableRandom(5);
        int reps = 400;
        int n = 400;
        double s = 0;
        double s2 = 0;
        for (int k = 0; k < reps; k++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = truth.sample(r);
            }
            double a = DiscretePowerLaw.mle(PowerLawData.of(x), 1).alpha();
            s += a;
            s2 += a * a;
        }
        double mean = s / reps;
        double sd = Math.sqrt((s2 - reps * mean * mean) / (reps - 1));
        double fisher = 1 / Math.sqrt(n * truth.logVariance());
        assertEquals(fisher, sd, 0.14 * fisher);
        assertEquals(2.3, mean, 4 * sd / Math.sqrt(reps));
    }

    /**
     * CSN's approximation 1 + n/Σ ln(x/(x_min − ½)) is biased at x_min = 1: on 20000 draws from α = 2.5 it
     * misses by far more than the exact MLE's standard error, while the exact MLE is within 4 SE.
     */
    @Test
    void approximationIsBiasedAtSmallXmin() {
        DiscretePowerLaw truth = new DiscretePowerLaw(2.5, 1);
        SplittableRandom r = new SplittableRandom(9);
        double[] x = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = truth.sample(r);
        }
        PowerLawData d = PowerLawData.of(x);
        DiscretePowerLaw exact = DiscretePowerLaw.mle(d, 1);
        double se = 1 / Math.sqrt(x.length * exact.logVariance());
        assertEquals(2.5, exact.alpha(), 4 * se);
        assertTrue(Math.abs(DiscretePowerLaw.approximateMle(d, 1).alpha() - 2.5) > 10 * se);
    }

    @Test
    void rejectsBadArguments() {
        rejects("xMin", () -> new DiscretePowerLaw(2, 1.5));
        rejects("alpha", () -> new DiscretePowerLaw(1, 1));
        rejects("tail", () -> DiscretePowerLaw.mle(PowerLawData.of(new double[]{1, 2.5}), 1));
        rejects("tail", () -> DiscretePowerLaw.mle(PowerLawData.of(new double[]{3, 3}), 3));
        rejects("u", () -> new DiscretePowerLaw(2, 1).quantile(1));
        rejects("x", () -> new DiscretePowerLaw(2, 1).cdf(Double.NaN));
    }
}
