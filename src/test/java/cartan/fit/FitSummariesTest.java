package cartan.fit;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * The small summaries around a fit, on data small enough to work out by hand: the bootstrap's standard
 * errors and quantiles, the goodness-of-fit's Monte Carlo error, the least-squares line with its standard
 * error and R², the thinned CCDF of a plot, and the compensated sums the MLEs are built on. Hand values
 * are exact rationals or their square roots, so the tolerance is 1e-12 (a few ulps of the arithmetic).
 */
class FitSummariesTest {

    private static final double EPS = 1e-12;

    private static final PowerLawFit FIT = new PowerLawFit(new PowerLaw(2.5, 1), 10, 50, 0.05, 0.1, 30);

    /**
     * α's {2, 2.5, 3.5, 2.2}, x_min's {1, 2, 4, 1}, n's {100, 80, 50, 90}. Sample SDs (n − 1 in the
     * denominator) by hand: α mean 2.55, Σ(α − ᾱ)² = 0.3025 + 0.0025 + 0.9025 + 0.1225 = 1.33, SD √(1.33/3);
     * x_min mean 2, Σ = 1 + 0 + 4 + 1 = 6, SD √2; n mean 80, Σ = 400 + 0 + 900 + 100 = 1400, SD √(1400/3).
     * numpy.std(v, ddof=1) gives 0.6658328118479393, 1.4142135623730951 and 21.602468994692867.
     */
    @Test
    void bootstrapErrorsAreSampleStandardDeviations() {
        FitBootstrap b = new FitBootstrap(FIT, new double[]{2, 2.5, 3.5, 2.2}, new double[]{1, 2, 4, 1},
                new int[]{100, 80, 50, 90}, 7);
        assertEquals(4, b.replicates());
        assertEquals(Math.sqrt(1.33 / 3), b.alphaError(), EPS);
        assertEquals(Math.sqrt(2), b.xMinError(), EPS);
        assertEquals(Math.sqrt(1400.0 / 3), b.tailSizeError(), 1e-10);
    }

    /**
     * Sorted α's {2, 2.2, 2.5, 3.5}; the q-quantile interpolates at position q·3 (numpy.quantile's default
     * 'linear' method): q = 0.25 → 2 + 0.75·0.2 = 2.15, q = 0.5 → 2.35, q = 0.9 → 2.5 + 0.7·1 = 3.2.
     */
    @Test
    void bootstrapQuantilesInterpolateBetweenOrderStatistics() {
        FitBootstrap b = new FitBootstrap(FIT, new double[]{2, 2.5, 3.5, 2.2}, new double[]{1, 2, 4, 1},
                new int[]{100, 80, 50, 90}, 7);
        assertEquals(2.0, b.alphaQuantile(0), EPS);
        assertEquals(2.15, b.alphaQuantile(0.25), EPS);
        assertEquals(2.35, b.alphaQuantile(0.5), EPS);
        assertEquals(3.2, b.alphaQuantile(0.9), EPS);
        assertEquals(3.5, b.alphaQuantile(1), EPS);
        rejects("q", () -> b.alphaQuantile(1.5));
    }

    /** The replicates come back in order, as copies the caller cannot use to change the record. */
    @Test
    void bootstrapArraysAreDefensiveCopies() {
        double[] alphas = {2, 2.5, 3.5};
        FitBootstrap b = new FitBootstrap(FIT, alphas, new double[]{1, 2, 4}, new int[]{100, 80, 50}, 7);
        alphas[0] = 99;
        assertArrayEquals(new double[]{2, 2.5, 3.5}, b.alphas());
        assertArrayEquals(new double[]{1, 2, 4}, b.xMins());
        assertArrayEquals(new int[]{100, 80, 50}, b.tailSizes());
        b.alphas()[0] = 99;
        b.xMins()[0] = 99;
        b.tailSizes()[0] = 99;
        assertArrayEquals(new double[]{2, 2.5, 3.5}, b.alphas());
        assertArrayEquals(new double[]{1, 2, 4}, b.xMins());
        assertArrayEquals(new int[]{100, 80, 50}, b.tailSizes());
        rejects("xMins", () -> new FitBootstrap(FIT, new double[]{2, 3}, new double[]{1}, new int[]{5, 6}, 1));
        rejects("alphas.length", () -> new FitBootstrap(FIT, new double[]{2}, new double[]{1}, new int[]{5}, 1));
    }

    /** √(p(1 − p)/B): p = 0.2, B = 100 gives √0.0016 = 0.04. */
    @Test
    void goodnessOfFitMonteCarloError() {
        assertEquals(0.04, new GoodnessOfFit(0.2, 20, 100, 0.05, FIT, 1).monteCarloError(), EPS);
        assertEquals(0.0, new GoodnessOfFit(0.0, 0, 100, 0.05, FIT, 1).monteCarloError(), 0.0);
    }

    /**
     * x = 0..4, y = {1, 3, 2, 5, 4} by hand: x̄ = 2, ȳ = 3, Sxx = 10, Sxy = 8, Syy = 10, slope 0.8, intercept
     * 1.4, residuals {−0.4, 0.8, −1, 1.2, −0.6}, RSS 3.6, SE √(3.6/3/10) = √0.12, R² = 1 − 3.6/10 = 0.64
     * (scipy.stats.linregress gives 0.8, 1.4, 0.3464101615137754, rvalue² 0.6400000000000001).
     */
    @Test
    void olsByHand() {
        Ols f = Ols.fit(new double[]{0, 1, 2, 3, 4}, new double[]{1, 3, 2, 5, 4});
        assertEquals(0.8, f.slope(), EPS);
        assertEquals(1.4, f.intercept(), EPS);
        assertEquals(3.6, f.residualSumOfSquares(), EPS);
        assertEquals(Math.sqrt(0.12), f.slopeStdError(), EPS);
        assertEquals(0.64, f.rSquared(), EPS);
        assertEquals(5, f.n());
    }

    /**
     * Three points, the fewest allowed: x = {1, 2, 4}, y = {2, 1, 7}: x̄ = 7/3, ȳ = 10/3, Sxx = 14/3,
     * Sxy = 26/3, slope 13/7, intercept 10/3 − 13/3 = −1, RSS = Σ(y − (−1 + 13x/7))² = (8/7)² + (−12/7)² + (4/7)²
     * = 224/49 = 32/7, SE = √((32/7)/1/(14/3)) = √(48/49), Syy = 16/9 + 49/9 + 121/9 = 186/9,
     * R² = 1 − (32/7)/(186/9) = 1 − 288/1302 (linregress: 1.857142857142857, −1, 0.9897433186107879, 0.778801843317972).
     */
    @Test
    void olsOnThreePoints() {
        Ols f = Ols.fit(new double[]{1, 2, 4}, new double[]{2, 1, 7});
        assertEquals(13.0 / 7, f.slope(), EPS);
        assertEquals(-1.0, f.intercept(), EPS);
        assertEquals(32.0 / 7, f.residualSumOfSquares(), EPS);
        assertEquals(Math.sqrt(48.0 / 49), f.slopeStdError(), EPS);
        assertEquals(1 - 288.0 / 1302, f.rSquared(), EPS);
        rejects("x", () -> Ols.fit(new double[]{1, 2}, new double[]{2, 1}));
        rejects("x", () -> Ols.fit(new double[]{3, 3, 3}, new double[]{2, 1, 7}));
        rejects("y", () -> Ols.fit(new double[]{1, 2, 3}, new double[]{2, 1}));
    }

    /** A constant y lies on its line: slope 0, no residual, and R² = 1 by convention (0/0 otherwise). */
    @Test
    void olsOnConstantY() {
        Ols f = Ols.fit(new double[]{1, 2, 3}, new double[]{2, 2, 2});
        assertEquals(0.0, f.slope(), 0.0);
        assertEquals(2.0, f.intercept(), 0.0);
        assertEquals(0.0, f.slopeStdError(), 0.0);
        assertEquals(1.0, f.rSquared(), 0.0);
    }

    /**
     * The data 1..100 thinned to 4 points: equal bins of ln x of width ln(100)/3 start at 1, 100^(1/3) ≈ 4.64
     * and 100^(2/3) ≈ 21.5, so the first point of each bin is 1, 5 and 22, then the last point 100; the
     * empirical P(X ≥ x) = (101 − x)/100 stays attached to each.
     */
    @Test
    void thinnedKeepsTheFirstPointOfEachLogBinAndTheLast() {
        Ccdf c = Ccdf.of(PowerLawData.of(IntStream.rangeClosed(1, 100).asDoubleStream().toArray()));
        Ccdf t = c.thinned(4);
        assertArrayEquals(new double[]{1, 5, 22, 100}, t.x());
        assertArrayEquals(new double[]{1.0, 0.96, 0.79, 0.01}, t.p(), EPS);
        Ccdf same = c.thinned(100);
        assertArrayEquals(c.x(), same.x());
        assertArrayEquals(c.p(), same.p());
        assertEquals(100, same.size());
    }

    /**
     * Σ cᵢ f(vᵢ) with terms that cancel catastrophically: f = {1, 10^100, 1, −10^100} on values 1..4 with
     * counts {3, 1, 2, 1} sums to exactly 3 + 2 = 5, where naive summation returns 0 (Neumaier's example).
     */
    @Test
    void compensatedSumSurvivesCancellation() {
        PowerLawData d = new PowerLawData(new double[]{1, 2, 3, 4}, new long[]{3, 1, 2, 1}, 0);
        double[] f = {0, 1, 1e100, 1, -1e100};
        assertEquals(5.0, d.sum(x -> f[(int) x]), 0.0);
        assertEquals(3 + 2 + 6 + 4, d.sum(x -> x), 0.0);
    }
}
