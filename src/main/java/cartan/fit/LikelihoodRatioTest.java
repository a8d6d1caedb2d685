package cartan.fit;

import cartan.Require;
import org.hipparchus.special.Erf;

import java.util.List;

/**
 * Likelihood-ratio comparisons of a power-law fit with lognormal, exponential and truncated
 * power-law alternatives, each fitted by maximum likelihood on the same tail x ≥ x_min (see
 * {@link LikelihoodRatio} for the statistic).
 */
public final class LikelihoodRatioTest {

    private LikelihoodRatioTest() {
    }

    /** The power law of {@code fit} against all three alternatives, on the tail of {@code data}. */
    public static List<LikelihoodRatio> all(double[] data, PowerLawFit fit) {
        double[] tail = tail(data, fit);
        return List.of(compare(tail, fit.law(), LognormalTail.mle(tail, fit.xMin())),
                compare(tail, fit.law(), ExponentialTail.mle(tail, fit.xMin())),
                compare(tail, fit.law(), TruncatedPowerLawTail.mle(tail, fit.xMin(), fit.alpha())));
    }

    public static LikelihoodRatio lognormal(double[] data, PowerLawFit fit) {
        double[] tail = tail(data, fit);
        return compare(tail, fit.law(), LognormalTail.mle(tail, fit.xMin()));
    }

    public static LikelihoodRatio exponential(double[] data, PowerLawFit fit) {
        double[] tail = tail(data, fit);
        return compare(tail, fit.law(), ExponentialTail.mle(tail, fit.xMin()));
    }

    public static LikelihoodRatio truncatedPowerLaw(double[] data, PowerLawFit fit) {
        double[] tail = tail(data, fit);
        return compare(tail, fit.law(), TruncatedPowerLawTail.mle(tail, fit.xMin(), fit.alpha()));
    }

    /**
     * The test on given tail values with given fitted models. The TPL comparison is nested; if the
     * fitted TPL's likelihood falls short of the power law's (λ → 0 is the true optimum), R is set to 0
     * and p to 1, the boundary value.
     */
    public static LikelihoodRatio compare(double[] tail, PowerLaw powerLaw, TailDistribution alternative) {
        cartan.Require.notNull("powerLaw", powerLaw);
        cartan.Require.notNull("alternative", alternative);
        Tails.check(tail, powerLaw.xMin());
        if (alternative.xMin() != powerLaw.xMin()) {
            throw new IllegalArgumentException("alternative: must share xMin " + powerLaw.xMin() + ", got "
                    + alternative.xMin());
        }
        int n = tail.length;
        double[] d = new double[n];
        double r = 0;
        for (int i = 0; i < n; i++) {
            d[i] = powerLaw.logDensity(tail[i]) - alternative.logDensity(tail[i]);
            r += d[i];
        }
        double mean = r / n;
        double s2 = 0;
        for (double v : d) {
            s2 += (v - mean) * (v - mean) / n;
        }
        double sd = Math.sqrt(s2);
        boolean nested = alternative instanceof TruncatedPowerLawTail;
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

    /** The values of {@code data} at or above the fit's x_min. */
    public static double[] tail(double[] data, PowerLawFit fit) {
        Require.finite("data", data);
        cartan.Require.notNull("fit", fit);
        return java.util.Arrays.stream(data).filter(x -> x >= fit.xMin()).sorted().toArray();
    }
}
