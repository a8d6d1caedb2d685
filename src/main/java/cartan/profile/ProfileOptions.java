package cartan.profile;

import cartan.Require;
import cartan.fit.FingerClipping;
import cartan.fit.TailFitter;
import cartan.spectrum.RankRange;

import java.util.function.IntFunction;

/**
 * How the rows of an {@link ExponentProfile} are measured ({@link LayerSpectrum#measure}).
 *
 * @param fit             the x_min rule for α: {@link FitRule#WW} (WeightWatcher's {@code WWFit}, eigenvalues ≤ 1e-5
 *                        dropped, every value a candidate) or {@link FitRule#CSN} (Clauset–Shalizi–Newman with a
 *                        minimum tail of {@code minTail} values)
 * @param minTail         the smallest tail the CSN rule accepts (≥ 2; ignored by WW)
 * @param bootstrap       replicates of the CSN goodness-of-fit bootstrap per layer (0 = none, column
 *                        {@code alpha_p} then missing)
 * @param seed            root seed; layer i bootstraps and shuffles with seeds derived from
 *                        {@link ExponentProfile#layerSeed(long, int)}
 * @param threads         worker threads (≥ 1); never changes a result
 * @param window          the ranks the Cartan chart is fitted over, chosen from the numerical rank r
 *                        (e.g. {@code r -> RankRange.fraction(r, 0, 0.5)}, the top half); null: all of 1..r
 * @param randomize       also measure each layer's element-shuffled matrix ({@link RandomizedSpectrum}: columns
 *                        {@code max_rand_eval}, {@code rand_bulk_max}, {@code num_traps}, {@code rand_distance},
 *                        {@code ww_softrank}); doubles the singular-value work
 * @param maxFingers      0: fit α on all eigenvalues; otherwise WeightWatcher's {@code fix_fingers='clip_xmax'}
 *                        with this {@code max_fingers} ({@link FingerClipping}; columns {@code raw_alpha},
 *                        {@code num_fingers}, and α the clipped fit's)
 * @param fingerThreshold how much α must drop for a clipped fit to be kept ({@code finger_thresh}, &gt; 0)
 * @param poolConv        pool the slices of a conv kernel (the reader's {@code ConvMode.PER_SLICE}, named
 *                        {@code name[i,j]}) into one row whose ESD is the union of the slices' eigenvalues, as
 *                        WeightWatcher does by default ({@code pool=True})
 * @param svd             how λ = σ² is obtained: {@link SvdMethod#GRAM} (default, eigenvalues of the Gram matrix
 *                        with {@code cartan.linalg.GramEigenvalues}' accuracy contract) or {@link SvdMethod#ACCURATE}
 *                        (the full SVD of W, LAPACK {@code dgesdd})
 */
public record ProfileOptions(FitRule fit, int minTail, int bootstrap, long seed, int threads,
                             IntFunction<RankRange> window, boolean randomize, int maxFingers, double fingerThreshold,
                             boolean poolConv, SvdMethod svd) {

    /** The two x_min rules. */
    public enum FitRule {
        /** WeightWatcher's {@code WWFit}. */
        WW,
        /** Clauset–Shalizi–Newman with a minimum tail size. */
        CSN
    }

    /** How the eigenvalues λ_k = σ_k² of WᵀW are computed. */
    public enum SvdMethod {
        /**
         * Eigenvalues of the q × q Gram matrix (BLAS syrk + LAPACK), small ones refined from W: relative error
         * ≤ 1e-10 for every λ ≥ 1e-8·λ_max ({@code cartan.linalg.GramEigenvalues}); about 3× faster.
         */
        GRAM,
        /** Singular values of W itself (LAPACK dgesdd), squared. */
        ACCURATE
    }

    /** WW fit, CSN minimum tail 10, no bootstrap, seed 42, one thread, no randomization, no clipping, Gram eigenvalues. */
    public static final ProfileOptions DEFAULT = new ProfileOptions(FitRule.WW, 10, 0, 42L, 1, null);

    public ProfileOptions {
        Require.notNull("fit", fit);
        Require.notNull("svd", svd);
        Require.atLeast("minTail", minTail, 2);
        Require.atLeast("bootstrap", bootstrap, 0);
        Require.atLeast("threads", threads, 1);
        Require.atLeast("maxFingers", maxFingers, 0);
        Require.positive("fingerThreshold", fingerThreshold);
    }

    /** Options without randomization, finger clipping or conv pooling, with Gram eigenvalues. */
    public ProfileOptions(FitRule fit, int minTail, int bootstrap, long seed, int threads,
                          IntFunction<RankRange> window) {
        this(fit, minTail, bootstrap, seed, threads, window, false, 0, FingerClipping.DEFAULT_THRESHOLD, false, SvdMethod.GRAM);
    }

    /** Options with the chart fitted over all ranks 1..r. */
    public ProfileOptions(FitRule fit, int minTail, int bootstrap, long seed, int threads) {
        this(fit, minTail, bootstrap, seed, threads, null);
    }

    public static ProfileOptions defaults() {
        return DEFAULT;
    }

    public ProfileOptions withFit(FitRule rule) {
        return new ProfileOptions(rule, minTail, bootstrap, seed, threads, window, randomize, maxFingers,
                fingerThreshold, poolConv, svd);
    }

    public ProfileOptions withMinTail(int n) {
        return new ProfileOptions(fit, n, bootstrap, seed, threads, window, randomize, maxFingers, fingerThreshold,
                poolConv, svd);
    }

    public ProfileOptions withBootstrap(int replicates) {
        return new ProfileOptions(fit, minTail, replicates, seed, threads, window, randomize, maxFingers,
                fingerThreshold, poolConv, svd);
    }

    public ProfileOptions withSeed(long s) {
        return new ProfileOptions(fit, minTail, bootstrap, s, threads, window, randomize, maxFingers, fingerThreshold,
                poolConv, svd);
    }

    public ProfileOptions withThreads(int n) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, n, window, randomize, maxFingers, fingerThreshold,
                poolConv, svd);
    }

    /** The same options with the chart fitted over {@code window.apply(r)} (null: all ranks 1..r). */
    public ProfileOptions withWindow(IntFunction<RankRange> window) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, threads, window, randomize, maxFingers,
                fingerThreshold, poolConv, svd);
    }

    /** With (or without) the randomized control of every layer. */
    public ProfileOptions withRandomize(boolean on) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, threads, window, on, maxFingers, fingerThreshold,
                poolConv, svd);
    }

    /** With WeightWatcher's finger clipping and its defaults ({@code max_fingers} 10, threshold 1). */
    public ProfileOptions withFingerClipping() {
        return withFingerClipping(FingerClipping.DEFAULT_MAX_FINGERS, FingerClipping.DEFAULT_THRESHOLD);
    }

    /** With finger clipping ({@code maxFingers} 0 turns it off). */
    public ProfileOptions withFingerClipping(int maxFingers, double threshold) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, threads, window, randomize, maxFingers, threshold,
                poolConv, svd);
    }

    /** With (or without) the pooling of conv slices into one row. */
    public ProfileOptions withPoolConv(boolean on) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, threads, window, randomize, maxFingers,
                fingerThreshold, on, svd);
    }

    /** The tail fitter of this rule. */
    public TailFitter fitter() {
        return fit == FitRule.WW ? TailFitter.weightWatcher() : TailFitter.csn(minTail);
    }

    /** The same options with λ = σ² computed by {@code method}. */
    public ProfileOptions withSvd(SvdMethod method) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, threads, window, randomize, maxFingers,
                fingerThreshold, poolConv, method);
    }
}
