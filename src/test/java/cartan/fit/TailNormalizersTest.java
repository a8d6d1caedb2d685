package cartan.fit;

import org.junit.jupiter.api.Test;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The normalisers and tail probabilities inside the alternative tail laws, each against mpmath at 40
 * digits (mpmath 1.3.0; the exact call is given beside each table) or scipy 1.17.1, over parameters that
 * reach the branches the MLE tests do not: rates so small that the quadrature range of the truncated
 * power law has to grow many times, α &lt; 1 where the integrand peaks inside the range, erfc beyond its
 * underflow, Poisson tails far beyond the mean. Also the plain facts of each law: its name, its number of
 * free parameters, and −∞ off a discrete support.
 */
class TailNormalizersTest {

    /**
     * ln Z = ln ∫_{x_min}^∞ t^(−α) e^(−λt) dt for {α, λ, x_min, ln Z}, from
     * {@code mpmath.log(mpmath.power(lam, a-1) * mpmath.gammainc(1-a, lam*xmin))} (mp.dps = 40), which
     * {@code mpmath.quad} of the integrand over [x_min, 10 x_min, 1000 x_min, ∞] reproduces to 1e-16.
     * Tolerance 1e-10 absolute: 10-point Gauss–Legendre on panels of width ≤ ½ of a smooth integrand
     * is exact to rounding, and the range is cut where the integrand is e^(−60) of its maximum.
     */
    private static final double[][] CONTINUOUS_TPL = {
            {2.5, 1e-4, 1.0, -0.40576162215624163},   // power-law-like: the upper end doubles ~4 times
            {1.5, 0.01, 3.0, -0.18070852288353452},
            {0.5, 0.02, 1.0, 2.3557841035171231},     // α < 1: peak at u* = ln(0.5/0.02) inside the range
            {-3.0, 1e-3, 1.0, 29.422780585156561},    // peak far inside, lower end moved up to it
            {1.0, 0.5, 2.0, -1.5169319590020456},     // 1 − α = 0: pure exponential integral E1
            {3.0, 20.0, 1.0, -23.130198979054844},    // steep cut-off: the first range suffices
            {-1.5, 0.2, 5.0, 4.1447523759635196},
            // the rates MiniLM's layers reach in the maximum-likelihood search (λ·x_min down to 1e-13)
            {4.535, 1.99e-12, 1.0, -1.2627132993513111},
            {3.903, 5.14e-14, 2.5, -3.7257366796733612},
            {1.545, 3.9e-06, 0.7, 0.79955202206600627},
            {6.0, 1e-13, 1.0, -1.6094379124342254},
            {1.2, 1e-09, 4.0, 1.3075304526176861},
            {-2.88, 4.01, 1.0, -4.6440675542477488},
            {0.668, 0.554, 1.0, -0.48020847564166629},
    };

    @Test
    void continuousTruncatedPowerLawNormaliserAgainstTheIncompleteGamma() {
        for (double[] r : CONTINUOUS_TPL) {
            assertEquals(r[3], TruncatedPowerLawTail.logNormalizer(r[0], r[1], r[2]), 1e-10,
                    "alpha " + r[0] + " lambda " + r[1] + " xMin " + r[2]);
        }
    }

    /** The density integrates the normaliser: ln p(x) = −α ln x − λx − ln Z, with ln Z from the table. */
    @Test
    void continuousTruncatedPowerLawDensityUsesThatNormaliser() {
        TruncatedPowerLawTail t = new TruncatedPowerLawTail(0.5, 0.02, 1.0);
        double x = 7.0;
        assertEquals(-0.5 * Math.log(x) - 0.02 * x - 2.3557841035171231, t.logDensity(x), 1e-10);
    }

    /**
     * ln Σ_{k ≥ x_min} k^(−α) e^(−λk) at rates so small that the tail beyond the explicit sum and the
     * Euler–Maclaurin corrections carry weight, from
     * {@code mpmath.log(mpmath.e**(-lam*xmin) * mpmath.lerchphi(mpmath.e**(-lam), a, xmin))} (mp.dps = 40).
     * Tolerance 1e-11 as in AlternativesTest: the remainder of Euler–Maclaurin after the third
     * derivative term at k ≥ 200 is below 1e-13 of the sum.
     */
    @Test
    void discreteTruncatedPowerLawNormaliserAtSmallRates() {
        double[][] table = {
                {1.1, 1e-3, 1.0, 1.6542622845640132},
                {2.0, 1e-4, 5.0, -1.511811179117853},
                {0.5, 0.01, 2.0, 2.7262968310810507},
                {1.5, 1e-5, 150.0, -1.8798930085158027},
        };
        for (double[] r : table) {
            assertEquals(r[3], DiscreteAlternatives.TruncatedPowerLaw.logNormalizer(r[0], r[1], r[2]), 1e-11,
                    "alpha " + r[0] + " lambda " + r[1] + " xMin " + r[2]);
        }
    }

    /**
     * ln erfc(z) from {@code mpmath.log(mpmath.erfc(z))} (mp.dps = 40), on both sides of z = 20 where the
     * code switches from Hipparchus' erfc to the asymptotic series. Tolerance 1e-9 absolute: the series
     * stops after the z^(−6) term, so its relative error is below the next term 105/(16 z^8) ≈ 2e-10 at
     * z = 20.5; below 20, erfc itself is accurate to ~1e-15 relative.
     */
    @Test
    void logErfcOnBothSidesOfTheAsymptoticSwitch() {
        double[][] table = {
                {-1.0, 0.61123231767807049},
                {5.0, -27.200889545537434},
                {19.5, -383.7940900381005},
                {20.5, -423.84397607879116},
                {25.0, -628.79203917407169},
                {30.0, -903.97411711064388},
                {100.0, -10005.177585122664},
        };
        for (double[] r : table) {
            assertEquals(r[1], LognormalTail.logErfc(r[0]), 1e-9, "z " + r[0]);
        }
    }

    /**
     * ln P(X ≥ k) for X ~ Poisson(μ), from
     * {@code mpmath.log(mpmath.nsum(lambda j: mpmath.e**(-mu)*mpmath.power(mu,j)/mpmath.factorial(j), [k, mpmath.inf]))}
     * (mp.dps = 40); scipy.stats.poisson.logsf(k-1, mu) agrees to 1e-10 where it does not underflow (it
     * returns −∞ for k = 200, μ = 1). Tolerance 1e-12 relative: the series is summed to 1e-17 and
     * Hipparchus' regularised gamma converges to 1e-15.
     */
    @Test
    void poissonTailProbabilityAgainstADirectSum() {
        double[][] table = {
                {10, 2.0, -9.9760996437060604},       // series branch (μ < k + 1)
                {50, 3.0, -96.486602651584438},
                {200, 1.0, -864.22699977464458},      // far below double's smallest P: the series in logs
                {5, 5.5, -0.44241648194838607},       // series, just below μ = k + 1
                {1, 0.001, -6.9082552373154707},
                {3, 20.0, -4.5551505430588788e-7},    // regularised gamma branch, P close to 1
        };
        for (double[] r : table) {
            assertEquals(r[2], DiscreteAlternatives.Poisson.logAtLeast(r[0], r[1]), 1e-12 * Math.max(1, Math.abs(r[2])),
                    "k " + r[0] + " mu " + r[1]);
        }
        assertEquals(0.0, DiscreteAlternatives.Poisson.logAtLeast(0, 3.0), 0.0, "P(X >= 0) = 1");
    }

    /** ln p(5) for Poisson(4) conditioned on x ≥ 2: scipy.stats.poisson.logpmf(5, 4.0) - poisson.logsf(1, 4.0). */
    @Test
    void poissonConditionalDensity() {
        assertEquals(-1.7599734724990312, new DiscreteAlternatives.Poisson(4.0, 2).logDensity(5), 1e-12);
    }

    /** Every discrete alternative puts no mass below x_min nor between integers. */
    @Test
    void discreteLawsAreMinusInfinityOffTheirSupport() {
        TailDistribution[] laws = {
                new DiscreteAlternatives.Exponential(0.5, 3),
                new DiscreteAlternatives.Lognormal(1.0, 0.8, 3),
                new DiscreteAlternatives.Poisson(4.0, 3),
                new DiscreteAlternatives.TruncatedPowerLaw(1.5, 0.1, 3),
        };
        for (TailDistribution law : laws) {
            assertEquals(Double.NEGATIVE_INFINITY, law.logDensity(2), law.name() + " below x_min");
            assertEquals(Double.NEGATIVE_INFINITY, law.logDensity(3.5), law.name() + " between integers");
            rejects("x", () -> law.logDensity(Double.NaN));
        }
    }

    /** The names in the likelihood-ratio tables and the free parameters each law spends (for the BIC). */
    @Test
    void namesAndParameterCounts() {
        TailDistribution[] laws = {
                new ExponentialTail(0.5, 1),
                new StretchedExponentialTail(0.5, 1.0, 1),
                new LognormalTail(0.0, 1.0, 1),
                new TruncatedPowerLawTail(2.0, 0.1, 1),
                new DiscreteAlternatives.Exponential(0.5, 1),
                new DiscreteAlternatives.Lognormal(0.0, 1.0, 1),
                new DiscreteAlternatives.Poisson(2.0, 1),
                new DiscreteAlternatives.TruncatedPowerLaw(2.0, 0.1, 1),
        };
        String[] names = {"exponential", "stretched exponential", "lognormal", "truncated power law",
                "exponential", "lognormal", "poisson", "truncated power law"};
        int[] counts = {1, 2, 2, 2, 1, 2, 1, 2};
        for (int i = 0; i < laws.length; i++) {
            assertEquals(names[i], laws[i].name());
            assertEquals(counts[i], laws[i].parameterCount(), names[i]);
        }
    }

    /** A tail may start exactly at x_min; one value below it is refused, naming the tail. */
    @Test
    void tailMayTouchXMin() {
        assertDoesNotThrow(() -> LognormalTail.mle(new double[]{1, 2, 3, 5}, 1));
        rejects("tail", () -> LognormalTail.mle(new double[]{1, 2, 0.5, 5}, 1));
    }
}
