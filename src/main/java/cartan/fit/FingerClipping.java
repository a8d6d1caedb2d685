package cartan.fit;

import cartan.Require;

import java.util.Arrays;

/**
 * WeightWatcher's remedy for "fingers" ({@code fix_fingers='clip_xmax'}, {@code RMT_Util.fit_clipped_powerlaw}):
 * a few isolated top eigenvalues can make the fitted tail exponent spuriously large, so the fit is repeated
 * with the largest values clipped off and the clipped fit is kept when α drops by more than a threshold.
 *
 * <p>With x₁ ≤ … ≤ x_n the values the fitter keeps ({@link TailFitter#prepare}) and α₀ the fit of all of
 * them:
 * <ol>
 *   <li>for k = 2, 3, …, {@code maxFingers} − 1 (while at least 2 values remain): fit x₁ … x_{n−k} (the top k
 *   dropped) and get α_k;</li>
 *   <li>if α_k + {@code threshold} &lt; α₀, keep that fit: k fingers were clipped; stop;</li>
 *   <li>if α_k ≤ 2, stop and keep the fit of all values (WeightWatcher's {@code min_alpha = 2}).</li>
 * </ol>
 * This is WeightWatcher's loop (defaults {@code max_fingers = 10}, {@code finger_thresh = 1.0}; clipping a
 * single value is never tried there either), so α agrees with WeightWatcher's. One difference in reporting:
 * {@link #fingers()} is the number of values actually clipped, k, where WeightWatcher's {@code num_fingers}
 * column says k − 1.
 *
 * @param fit     the fit kept (the clipped one, or {@code raw})
 * @param raw     the fit of all values (WeightWatcher's {@code raw_alpha} is its α)
 * @param fingers how many top values were clipped (0 if none)
 */
public record FingerClipping(PowerLawFit fit, PowerLawFit raw, int fingers) {

    /** WeightWatcher's {@code DEFAULT_MAX_FINGERS}. */
    public static final int DEFAULT_MAX_FINGERS = 10;
    /** WeightWatcher's {@code DEFAULT_FINGER_THRESH}. */
    public static final double DEFAULT_THRESHOLD = 1.0;
    /** WeightWatcher's {@code min_alpha}: the search stops once a clipped α is at most this. */
    public static final double MIN_ALPHA = 2.0;

    public FingerClipping {
        Require.notNull("fit", fit);
        Require.notNull("raw", raw);
        Require.atLeast("fingers", fingers, 0);
    }

    /** The clipped fit with WeightWatcher's defaults (at most 9 values clipped, α must drop by more than 1). */
    public static FingerClipping fit(TailFitter fitter, double[] data) {
        return fit(fitter, data, DEFAULT_MAX_FINGERS, DEFAULT_THRESHOLD);
    }

    /**
     * The clipped fit of {@code data} with {@code fitter}.
     *
     * @param maxFingers k runs up to maxFingers − 1 (≥ 3 for any clipping to be tried)
     * @param threshold  how much α must drop (&gt; 0)
     * @throws IllegalArgumentException if the fitter cannot fit all of {@code data} (see {@link TailFitter#fit})
     */
    public static FingerClipping fit(TailFitter fitter, double[] data, int maxFingers, double threshold) {
        Require.notNull("fitter", fitter);
        Require.atLeast("maxFingers", maxFingers, 1);
        Require.positive("threshold", threshold);
        double[] x = fitter.prepare(data);
        PowerLawFit raw = fitter.fitPrepared(x);
        for (int k = 2; k < maxFingers && x.length - k >= 2; k++) {
            PowerLawFit f;
            try {
                f = fitter.fitPrepared(Arrays.copyOf(x, x.length - k));
            } catch (IllegalArgumentException e) {
                break; // too few values left for this fitter (a CSN minimum tail)
            }
            if (f.alpha() + threshold < raw.alpha()) {
                return new FingerClipping(f, raw, k);
            }
            if (f.alpha() <= MIN_ALPHA) {
                break;
            }
        }
        return new FingerClipping(raw, raw, 0);
    }
}
