package cartan.fit;

import cartan.ValidationSweep;
import cartan.special.HurwitzZeta;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to cartan.fit is rejected by name; tail fits are scale invariant (α of c·x equals α of x,
 * x_min scales with c) and never NaN on valid input.
 */
class FitValidationProperties {

    @Test
    void reflectiveSweep() {
        for (Class<?> c : List.of(PowerLaw.class, ExponentialTail.class, LognormalTail.class, TruncatedPowerLawTail.class,
                Exponents.class, PowerLawData.class, HurwitzZeta.class, StretchedExponentialTail.class,
                DiscreteAlternatives.TruncatedPowerLaw.class)) {
            ValidationSweep.assertAllRejected(c);
        }
        // cdf(+inf) = 1, ccdf(+inf) = 0 and log density(+inf) = -inf are the right values, not errors
        List<String> f = ValidationSweep.failures(ValidationSweep.cases(PowerLaw.class, new PowerLaw(2.5, 1)),
                c -> c.bad().equals("+inf"));
        assertTrue(f.isEmpty(), () -> String.join("\n", f));
        List<String> h = ValidationSweep.failures(ValidationSweep.cases(DiscretePowerLaw.class,
                new DiscretePowerLaw(2.5, 3)), c -> c.bad().equals("+inf"));
        assertTrue(h.isEmpty(), () -> String.join("\n", h));
        for (TailDistribution d : List.of(new TruncatedPowerLawTail(2, 0.1, 1), new ExponentialTail(0.5, 1),
                new LognormalTail(0, 1, 1), new StretchedExponentialTail(0.5, 1, 1),
                new DiscreteAlternatives.Exponential(0.3, 2), new DiscreteAlternatives.Lognormal(1, 1, 2),
                new DiscreteAlternatives.Poisson(3, 2), new DiscreteAlternatives.TruncatedPowerLaw(2, 0.1, 2))) {
            List<String> g = ValidationSweep.failures(ValidationSweep.cases(d.getClass(), d), c -> c.bad().equals("+inf"));
            assertTrue(g.isEmpty(), () -> String.join("\n", g));
        }
        for (TailFitter t : List.of(TailFitter.csn(10), TailFitter.weightWatcher(), TailFitter.csnDiscrete(5),
                TailFitter.csn(5).withXmin(2))) {
            ValidationSweep.assertAllRejectedOn(t);
        }
    }

    @Test
    void handWrittenBadInput() {
        double[] ok = sample(1L, 200, 2.5);
        rejects("tail", () -> PowerLaw.mle((double[]) null, 1));
        rejects("tail", () -> PowerLaw.mle(new double[]{2, Double.NaN}, 1));
        rejects("xMin", () -> PowerLaw.mle(new double[]{2, 3}, Double.NaN));
        rejects("alpha", () -> TruncatedPowerLawTail.logNormalizer(Double.NaN, 1, 1));
        rejects("lambda", () -> TruncatedPowerLawTail.logNormalizer(2, Double.POSITIVE_INFINITY, 1));
        rejects("xMin", () -> TruncatedPowerLawTail.logNormalizer(2, 1, 0));
        rejects("data", () -> TailFitter.weightWatcher().fit(new double[]{1, 2, Double.NaN}));
        rejects("data", () -> TailFitter.csn(10).fit(new double[0]));
        rejects("replicates", () -> PowerLawBootstrap.uncertainty(ok, TailFitter.csn(10), 0, 1L, 1));
        rejects("threads", () -> PowerLawBootstrap.uncertainty(ok, TailFitter.csn(10), 10, 1L, 0));
        rejects("alpha", () -> Exponents.eigenvalueRankExponent(Double.NaN));
        rejects("x", () -> new PowerLaw(2.5, 1).cdf(Double.NaN));
        rejects("sorted", () -> TailFitter.csn(10).scanPrepared(new double[]{3, 2, 1}));
        rejects("sorted", () -> TailFitter.weightWatcher().scanPrepared(new double[0]));   // was NegativeArraySizeException
        rejects("sorted", () -> TailFitter.weightWatcher().fitPrepared(new double[]{1, Double.NaN, 3}));
        rejects("data", () -> PowerLawData.of(new double[]{1, Double.POSITIVE_INFINITY}));
        rejects("data", () -> PowerLawData.of(new double[]{0, -1}));
        rejects("counts", () -> PowerLawData.ofCounts(new double[]{1, 2}, new long[]{1, -1}));
        rejects("values", () -> PowerLawData.ofCounts(new double[]{1, Double.NaN}, new long[]{1, 1}));
        rejects("counts", () -> PowerLawData.ofCounts(new double[]{1, 2}, new long[]{Integer.MAX_VALUE, 5}));
        rejects("column", () -> PowerLawData.readColumn(java.nio.file.Path.of("x.txt"), " "));
        rejects("replicates", () -> PowerLawBootstrap.uncertainty(PowerLawData.of(ok), TailFitter.csn(10), 1, 1L, 1));
        rejects("fitter", () -> PowerLawBootstrap.goodnessOfFit(PowerLawData.of(ok), null, 10, 1L, 1));
        rejects("xMin", () -> PowerLawData.of(ok).tail(1e9));
        rejects("maxPoints", () -> Ccdf.of(PowerLawData.of(ok)).thinned(1));
        rejects("fit", () -> LikelihoodRatioTest.stretchedExponential(ok, TailFitter.csnDiscrete(5)
                .fit(java.util.Arrays.stream(ok).map(Math::ceil).toArray())));
    }

    static double[] sample(long seed, int n, double alpha) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(1 - r.nextDouble(), -1 / (alpha - 1));   // Pareto(α) with x_min = 1
        }
        return x;
    }

    @Property(tries = 20)
    void tailFitsAreScaleInvariant(@ForAll long seed, @ForAll @DoubleRange(min = 1.5, max = 4) double alpha,
                                   @ForAll @IntRange(min = -6, max = 6) int log2c) {
        double c = Math.scalb(1.0, log2c);          // a power of two: scaling is exact in floating point
        double[] x = sample(seed, 300, alpha);
        double[] cx = x.clone();
        for (int i = 0; i < cx.length; i++) {
            cx[i] *= c;
        }
        PowerLaw a = PowerLaw.mle(x, 1);
        PowerLaw b = PowerLaw.mle(cx, c);
        assertTrue(Double.isFinite(a.alpha()));
        assertEquals(a.alpha(), b.alpha(), 1e-12 * a.alpha());
        for (TailFitter f : List.of(TailFitter.weightWatcher(), TailFitter.csn(20))) {
            PowerLawFit fa = f.fit(x);
            PowerLawFit fb = f.fit(cx);
            assertTrue(Double.isFinite(fa.alpha()) && Double.isFinite(fa.ksDistance()) && Double.isFinite(fa.standardError()));
            assertEquals(fa.alpha(), fb.alpha(), 1e-9 * fa.alpha(), f.toString());
            assertEquals(fa.xMin() * c, fb.xMin(), 1e-12 * fb.xMin());
        }
    }
}
