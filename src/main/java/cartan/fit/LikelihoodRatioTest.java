package cartan.fit;

import cartan.Require;
import org.hipparchus.special.Erf;

import java.util.Arrays;
import java.util.List;

/**
 * Likelihood-ratio comparisons of a power-law fit with the alternatives Clauset, Shalizi and Newman
 * (2009, §5, Table 6.2) report, each fitted by maximum likelihood on the same tail x ≥ x_min (see
 * {@link LikelihoodRatio} for the statistic):
 * <ul>
 *   <li>continuous fit: lognormal, exponential, stretched exponential, truncated power law
 *   ({@link LognormalTail}, {@link ExponentialTail}, {@link StretchedExponentialTail},
 *   {@link TruncatedPowerLawTail});</li>
 *   <li>discrete fit: their discrete versions and the Poisson distribution ({@link DiscreteAlternatives}).</li>
 * </ul>
 * The truncated power law nests the power law (λ → 0), so its p-value is the χ²₁ one.
 */
public final class LikelihoodRatioTest {

    private LikelihoodRatioTest() {
    }

    /** The power law of {@code fit} against every alternative for its kind, on the tail of {@code data}. */
    public static List<LikelihoodRatio> all(PowerLawData data, PowerLawFit fit) {
        PowerLawData tail = tail(data, fit);
        PowerLawModel pl = fit.law();
        double x = fit.xMin();
        if (fit.discrete()) {
            return List.of(compare(tail, pl, DiscreteAlternatives.Lognormal.mle(tail, x)),
                    compare(tail, pl, DiscreteAlternatives.Exponential.mle(tail, x)),
                    compare(tail, pl, DiscreteAlternatives.Poisson.mle(tail, x)),
                    compare(tail, pl, DiscreteAlternatives.TruncatedPowerLaw.mle(tail, x, fit.alpha())));
        }
        return List.of(compare(tail, pl, LognormalTail.mle(tail, x)),
                compare(tail, pl, ExponentialTail.mle(tail, x)),
                compare(tail, pl, StretchedExponentialTail.mle(tail, x)),
                compare(tail, pl, TruncatedPowerLawTail.mle(tail, x, fit.alpha())));
    }

    /** {@link #all(PowerLawData, PowerLawFit)} for a plain sample. */
    public static List<LikelihoodRatio> all(double[] data, PowerLawFit fit) {
        return all(PowerLawData.of(data), fit);
    }

    public static LikelihoodRatio lognormal(double[] data, PowerLawFit fit) {
        return byName(data, fit, "lognormal");
    }

    public static LikelihoodRatio exponential(double[] data, PowerLawFit fit) {
        return byName(data, fit, "exponential");
    }

    public static LikelihoodRatio stretchedExponential(double[] data, PowerLawFit fit) {
        continuousOnly(fit, "stretchedExponential");
        PowerLawData tail = tail(PowerLawData.of(data), fit);
        return compare(tail, fit.law(), StretchedExponentialTail.mle(tail, fit.xMin()));
    }

    public static LikelihoodRatio truncatedPowerLaw(double[] data, PowerLawFit fit) {
        return byName(data, fit, "truncated power law");
    }

    private static LikelihoodRatio byName(double[] data, PowerLawFit fit, String name) {
        PowerLawData tail = tail(PowerLawData.of(data), fit);
        PowerLawModel pl = fit.law();
        double x = fit.xMin();
        TailDistribution alt = switch (name) {
            case "lognormal" -> fit.discrete() ? DiscreteAlternatives.Lognormal.mle(tail, x) : LognormalTail.mle(tail, x);
            case "exponential" -> fit.discrete() ? DiscreteAlternatives.Exponential.mle(tail, x)
                    : ExponentialTail.mle(tail, x);
            default -> fit.discrete() ? DiscreteAlternatives.TruncatedPowerLaw.mle(tail, x, fit.alpha())
                    : TruncatedPowerLawTail.mle(tail, x, fit.alpha());
        };
        return compare(tail, pl, alt);
    }

    private static void continuousOnly(PowerLawFit fit, String test) {
        Require.notNull("fit", fit);
        if (fit.discrete()) {
            throw new IllegalArgumentException("fit: " + test + " compares a continuous fit; this one is discrete");
        }
    }

    /** The test on given tail values with given fitted models. */
    public static LikelihoodRatio compare(double[] tail, PowerLawModel powerLaw, TailDistribution alternative) {
        Require.notNull("powerLaw", powerLaw);
        return compare(Tails.check(tail, powerLaw.xMin()), powerLaw, alternative);
    }

    /**
     * The test on a tail given as distinct values vᵢ with counts cᵢ: R = Σ cᵢ dᵢ, s² = Σ cᵢ (dᵢ − R/n)²/n with
     * dᵢ = ln p_PL(vᵢ) − ln p_alt(vᵢ). The TPL comparison is nested; if the fitted TPL's likelihood falls
     * short of the power law's (λ → 0 is the true optimum), R is set to 0 and p to 1, the boundary value.
     */
    public static LikelihoodRatio compare(PowerLawData tail, PowerLawModel powerLaw, TailDistribution alternative) {
        Require.notNull("powerLaw", powerLaw);
        Require.notNull("alternative", alternative);
        Tails.check(tail, powerLaw.xMin());
        if (alternative.xMin() != powerLaw.xMin()) {
            throw new IllegalArgumentException("alternative: must share xMin " + powerLaw.xMin() + ", got "
                    + alternative.xMin());
        }
        double[] v = tail.valuesView();
        long[] c = tail.countsView();
        int n = tail.size();
        double[] d = new double[v.length];
        double r = 0;
        for (int i = 0; i < v.length; i++) {
            d[i] = powerLaw.logDensity(v[i]) - alternative.logDensity(v[i]);
            r += c[i] * d[i];
        }
        double mean = r / n;
        double s2 = 0;
        for (int i = 0; i < v.length; i++) {
            s2 += c[i] * (d[i] - mean) * (d[i] - mean) / n;
        }
        double sd = Math.sqrt(s2);
        boolean nested = alternative instanceof TruncatedPowerLawTail
                || alternative instanceof DiscreteAlternatives.TruncatedPowerLaw;
        if (nested && r > 0) {
            // the optimiser stopped short of the λ → 0 boundary, where the TPL equals the power law
            return new LikelihoodRatio(alternative, 0, 0, 1, true, n);
        }
        double norm = sd > 0 ? r / (Math.sqrt(n) * sd) : 0;
        double p;
        if (nested) {
            p = Erf.erfc(Math.sqrt(Math.abs(r)));
        } else {
            p = sd > 0 ? Erf.erfc(Math.abs(r) / (Math.sqrt(2.0 * n) * sd)) : 1;
        }
        return new LikelihoodRatio(alternative, r, norm, p, nested, n);
    }

    /** The values of {@code data} at or above the fit's x_min, sorted. */
    public static double[] tail(double[] data, PowerLawFit fit) {
        Require.finite("data", data);
        Require.notNull("fit", fit);
        return Arrays.stream(data).filter(x -> x >= fit.xMin()).sorted().toArray();
    }

    /** The part of {@code data} at or above the fit's x_min. */
    public static PowerLawData tail(PowerLawData data, PowerLawFit fit) {
        Require.notNull("data", data);
        Require.notNull("fit", fit);
        return data.tail(fit.xMin());
    }
}
