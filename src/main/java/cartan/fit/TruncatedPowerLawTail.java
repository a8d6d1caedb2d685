package cartan.fit;

import cartan.Require;
import cartan.special.GaussLegendre;

/**
 * The power law with exponential cut-off on [x_min, ∞):
 * <pre>
 *   p(x) = x^(−α) e^(−λx) / Z,   Z = ∫_{x_min}^∞ t^(−α) e^(−λt) dt = λ^(α−1) Γ(1 − α, λ x_min),
 * </pre>
 * for λ > 0 and any real α. Z is computed as x_min^(1−α) ∫_0^∞ exp((1−α)u − c eᵘ) du with
 * c = λ x_min (substituting t = x_min eᵘ), by 10-point Gauss–Legendre on panels of width ≤ ½ up to
 * where the integrand has fallen by e^(−60) from its maximum — the upper incomplete gamma with a
 * negative first argument, which the usual special-function routines do not cover. As λ → 0 with
 * α > 1 this tends to the pure power law, so the power law is nested in it (one extra parameter).
 *
 * @param alpha  exponent
 * @param lambda cut-off rate, > 0
 * @param xMin   lower end of the support, > 0
 */
public record TruncatedPowerLawTail(double alpha, double lambda, double xMin) implements TailDistribution {

    private static final GaussLegendre RULE = GaussLegendre.onUnitInterval(10);
    private static final double[] NODES = RULE.nodes();
    private static final double[] WEIGHTS = RULE.weights();

    public TruncatedPowerLawTail {
        Require.finite("alpha", alpha);
        Require.positive("lambda", lambda);
        Require.positive("xMin", xMin);
    }

    @Override
    public String name() {
        return "truncated power law";
    }

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public double logDensity(double x) {
        Tails.notNaN(x);
        return -alpha * Math.log(x) - lambda * x - logZ(alpha, lambda, xMin);
    }

    /** ln Z(α, λ, x_min) for finite α, λ &gt; 0 and x_min &gt; 0. */
    public static double logNormalizer(double alpha, double lambda, double xMin) {
        Require.finite("alpha", alpha);
        Require.positive("lambda", lambda);
        Require.positive("xMin", xMin);
        return logZ(alpha, lambda, xMin);
    }

    /** Unchecked ln Z for the optimiser, which maps a non-finite value to +∞ itself. */
    private static double logZ(double alpha, double lambda, double xMin) {
        return (1 - alpha) * Math.log(xMin) + logJ(alpha, lambda * xMin);
    }

    /**
     * ln ∫_0^∞ exp((1−α)u − c eᵘ) du for c > 0. The exponent g(u) = (1−α)u − c eᵘ is concave with its maximum
     * at u* = max(0, ln((1−α)/c)); the range is cut where g has fallen 60 below g(u*) on either side, found by
     * doubling the distance from u* and then bisecting to within one panel width (½). On each panel the ten
     * nodes share one exponential: e^u = e^{left}·e^{w·x_i}, with e^{w·x_i} computed once per call.
     */
    static double logJ(double alpha, double c) {
        double a = 1 - alpha;
        double uStar = a > 0 ? Math.max(0, Math.log(a / c)) : 0;
        double gMax = a * uStar - c * Math.exp(uStar);
        double hi = cut(a, c, gMax, uStar, 1);
        double lo = 0;
        // below u*, the integrand (α < 1) also falls off: start where it is e^(−60) of the maximum
        if (uStar > 0) {
            lo = Math.max(0, cut(a, c, gMax, uStar, -1));
        }
        int panels = (int) Math.min(200_000, Math.ceil((hi - lo) / 0.5));
        double w = (hi - lo) / panels;
        double[] grow = new double[NODES.length];
        for (int i = 0; i < grow.length; i++) {
            grow[i] = Math.exp(w * NODES[i]);
        }
        double sum = 0;
        for (int k = 0; k < panels; k++) {
            double left = lo + k * w;
            double base = Math.exp(left);
            double panel = 0;
            for (int i = 0; i < 10; i++) {
                double u = left + w * NODES[i];
                panel += WEIGHTS[i] * Math.exp(a * u - c * (base * grow[i]) - gMax);
            }
            sum += w * panel;
        }
        return gMax + Math.log(sum);
    }

    /**
     * A point on the {@code side} (+1 above, −1 below) of u* where g(u) − gMax ≤ −60, within ½ of the first
     * such point (g is concave, so g − gMax falls monotonically away from u*); below u* it may be negative.
     */
    private static double cut(double a, double c, double gMax, double uStar, int side) {
        double inside = uStar;
        double d = 1;
        while (a * (uStar + side * d) - c * Math.exp(uStar + side * d) - gMax > -60) {
            inside = uStar + side * d;
            d *= 2;
            if (side < 0 && uStar - d < -1) {
                return uStar - d; // below 0: the integral starts at 0 anyway
            }
        }
        double outside = uStar + side * d;
        while (Math.abs(outside - inside) > 0.5) {
            double mid = 0.5 * (inside + outside);
            if (a * mid - c * Math.exp(mid) - gMax > -60) {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        return outside;
    }

    /**
     * The maximum-likelihood truncated power law on the tail, maximised over (α, ln λ)
     * ({@link MaximumLikelihood}) from several starting rates; the likelihood depends on the data only
     * through n, Σ ln x and Σ x. If no λ > 0 beats the power law (the boundary λ → 0), the returned
     * distribution has the smallest rate reached and {@link LikelihoodRatioTest} reports R = 0.
     */
    public static TruncatedPowerLawTail mle(double[] tail, double xMin, double startAlpha) {
        return mle(Tails.check(tail, xMin), xMin, startAlpha);
    }

    /** The maximum-likelihood truncated power law of a tail given as distinct values with counts. */
    public static TruncatedPowerLawTail mle(PowerLawData tail, double xMin, double startAlpha) {
        Tails.check(tail, xMin);
        Require.finite("startAlpha", startAlpha);
        int n = tail.size();
        double sumLog = tail.sum(Math::log);
        double sumX = tail.sum(x -> x);
        double[] p = fit2(n, sumLog, sumX, startAlpha, (a, lam) -> n * logZ(a, lam, xMin));
        return new TruncatedPowerLawTail(p[0], Math.exp(p[1]), xMin);
    }

    /** ln of the normaliser as a function of (α, λ). */
    interface LogNormalizer {
        double at(double alpha, double lambda);
    }

    /** The (α, ln λ) minimising α Σ ln x + λ Σ x + n ln Z(α, λ), shared with the discrete TPL. */
    static double[] fit2(int n, double sumLog, double sumX, double startAlpha, LogNormalizer nLogZ) {
        double mean = sumX / n;
        double[][] starts = new double[4][];
        double[] shifts = {-8, -4, -1, 0};
        for (int k = 0; k < 4; k++) {
            starts[k] = new double[]{startAlpha, Math.log(1 / mean) + shifts[k]};
        }
        return MaximumLikelihood.minimize(p -> {
            double lambda = Math.exp(p[1]);
            return p[0] * sumLog + lambda * sumX + nLogZ.at(p[0], lambda);
        }, starts, new double[]{0.2, 1.0});
    }
}
