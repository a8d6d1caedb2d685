package cartan.fit;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alternatives and Vuong statistics against scipy (fit_reference.py: scipy.optimize Nelder–Mead from
 * several starts, scipy.integrate.quad for the TPL normaliser). Tolerances: the exponential MLE is
 * closed form (1e-12); the two-parameter optima are compared in log-likelihood (1e-7 absolute, both
 * optimisers converge to 1e-13 in f) and in parameters to 1e-4 relative (the likelihood is flat to
 * second order there, so parameters converge like the square root of the f tolerance).
 */
class LikelihoodRatioTestTest {

    static final double[] LN = Reference.doubles("lognormal_data");

    static double[] tail() {
        return Arrays.stream(LN).filter(x -> x >= 1.0).sorted().toArray();
    }

    @Test
    void tplNormaliserMatchesQuadrature() {
        for (var node : Reference.JSON.get("tpl_norm")) {
            double a = node.get("alpha").asDouble();
            double lam = node.get("lam").asDouble();
            double xm = node.get("xmin").asDouble();
            assertEquals(node.get("log_z").asDouble(), TruncatedPowerLawTail.logNormalizer(a, lam, xm), 1e-10,
                    "alpha " + a + " lambda " + lam);
        }
        // closed form at α = 0: ∫_{x_min}^∞ e^{−λt} dt = e^{−λ x_min}/λ
        assertEquals(-0.3 * 2 - Math.log(0.3), TruncatedPowerLawTail.logNormalizer(0, 0.3, 2), 1e-12);
    }

    @Test
    void exponentialAgainstScipy() {
        double[] t = tail();
        ExponentialTail e = ExponentialTail.mle(t, 1.0);
        assertEquals(Reference.get("lr", "exponential", "lam"), e.lambda(), 1e-12);
        assertEquals(Reference.get("lr", "exponential", "ll"), e.logLikelihood(t), 1e-9);
    }

    @Test
    void lognormalAgainstScipy() {
        double[] t = tail();
        LognormalTail l = LognormalTail.mle(t, 1.0);
        assertEquals(Reference.get("lr", "lognormal", "ll"), l.logLikelihood(t), 1e-7);
        // μ ≈ 0.0074 is near zero, so its tolerance is 1e-4 of the scale σ rather than of μ itself
        assertEquals(Reference.get("lr", "lognormal", "mu"), l.mu(), 1e-4 * l.sigma());
        assertEquals(Reference.get("lr", "lognormal", "sigma"), l.sigma(), 1e-4 * l.sigma());
    }

    @Test
    void truncatedPowerLawAgainstScipy() {
        double[] t = tail();
        double alpha = Reference.get("lr", "alpha");
        TruncatedPowerLawTail f = TruncatedPowerLawTail.mle(t, 1.0, alpha);
        assertEquals(Reference.get("lr", "tpl", "ll"), f.logLikelihood(t), 1e-7);
        double alphaRef = Reference.get("lr", "tpl", "alpha");
        double lamRef = Reference.get("lr", "tpl", "lam");
        assertEquals(alphaRef, f.alpha(), 1e-4 * alphaRef);
        assertEquals(lamRef, f.lambda(), 1e-4 * lamRef);
    }

    @Test
    void vuongStatisticsAgainstScipy() {
        double[] t = tail();
        PowerLaw pl = PowerLaw.mle(t, 1.0);
        assertEquals(Reference.get("lr", "alpha"), pl.alpha(), 1e-12);
        assertEquals(Reference.get("lr", "ll_powerlaw"), pl.logLikelihood(t), 1e-9);
        for (String alt : List.of("exponential", "lognormal", "tpl")) {
            TailDistribution d = switch (alt) {
                case "exponential" -> ExponentialTail.mle(t, 1.0);
                case "lognormal" -> LognormalTail.mle(t, 1.0);
                default -> TruncatedPowerLawTail.mle(t, 1.0, pl.alpha());
            };
            LikelihoodRatio lr = LikelihoodRatioTest.compare(t, pl, d);
            assertEquals(Reference.get("lr", alt, "R"), lr.ratio(), 1e-6, alt);
            assertEquals(Reference.get("lr", alt, "normalized"), lr.normalizedRatio(), 1e-5, alt);
            double p = Reference.get("lr", alt, "p");
            assertEquals(p, lr.pValue(), 1e-4 * p, alt);
            assertEquals(alt.equals("tpl"), lr.nested());
        }
    }

    /** Lognormal data: the lognormal is favoured at the 5 % level (scipy: R = −9.81, p = 0.023). */
    @Test
    void fitLevelApiFavoursTheLognormalOnLognormalData() {
        PowerLawFit fit = new PowerLawFit(PowerLaw.mle(tail(), 1.0), tail().length, LN.length, 0, 0, 1);
        List<LikelihoodRatio> all = LikelihoodRatioTest.all(LN, fit);
        assertEquals(4, all.size());
        assertEquals("lognormal", all.get(0).favoured(0.05));
        assertEquals("neither", all.get(1).favoured(0.05));
        assertEquals("stretched exponential", all.get(2).alternative().name());
        assertEquals("truncated power law", all.get(3).favoured(0.05));
    }

    /** On power-law data the TPL optimum is the λ → 0 boundary: R ≈ 0, p ≈ 1 (scipy: λ = 7e-16). */
    @Test
    void tplOnPowerLawDataSitsAtTheBoundary() {
        double[] data = Reference.doubles("data");
        PowerLawFit fit = TailFitter.csn(10).fit(data);
        LikelihoodRatio lr = LikelihoodRatioTest.truncatedPowerLaw(data, fit);
        assertTrue(Math.abs(lr.ratio()) < 1e-6, "R " + lr.ratio());
        assertTrue(lr.pValue() > 0.99, "p " + lr.pValue());
        assertEquals(Reference.get("tpl_boundary", "ll_powerlaw"),
                fit.law().logLikelihood(LikelihoodRatioTest.tail(data, fit)), 1e-9);
    }

    /** Exponential data: the power law loses to the exponential decisively. */
    @Test
    void exponentialDataRejectsThePowerLaw() {
        SplittableRandom r = new SplittableRandom(8);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 - Math.log1p(-r.nextDouble());
        }
        PowerLawFit fit = new PowerLawFit(PowerLaw.mle(x, 1), x.length, x.length, 0, 0, 1);
        LikelihoodRatio lr = LikelihoodRatioTest.exponential(x, fit);
        assertTrue(lr.ratio() < 0 && lr.pValue() < 1e-6, lr.toString());
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExponentialTail.mle(new double[]{1, 1}, 1));
        assertTrue(e.getMessage().startsWith("tail"));
        e = assertThrows(IllegalArgumentException.class,
                () -> LikelihoodRatioTest.compare(new double[]{2, 3}, new PowerLaw(2, 1), new ExponentialTail(1, 2)));
        assertTrue(e.getMessage().startsWith("alternative"));
        e = assertThrows(IllegalArgumentException.class, () -> new LognormalTail(0, -1, 1));
        assertTrue(e.getMessage().startsWith("sigma"));
    }
}
