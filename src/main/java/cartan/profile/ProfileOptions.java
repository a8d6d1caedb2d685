package cartan.profile;

import cartan.Require;
import cartan.fit.TailFitter;
import cartan.spectrum.RankRange;

import java.util.function.IntFunction;

/**
 * How the rows of an {@link ExponentProfile} are measured ({@link LayerSpectrum#measure}).
 *
 * @param fit        the x_min rule for α: {@link FitRule#WW} (WeightWatcher's {@code WWFit}, eigenvalues ≤ 1e-5
 *                   dropped, every value a candidate) or {@link FitRule#CSN} (Clauset–Shalizi–Newman with a
 *                   minimum tail of {@code minTail} values)
 * @param minTail    the smallest tail the CSN rule accepts (≥ 2; ignored by WW)
 * @param bootstrap  replicates of the CSN goodness-of-fit bootstrap per layer (0 = none, column
 *                   {@code alpha_p} then missing)
 * @param seed       root seed; layer i bootstraps with {@link ExponentProfile#layerSeed(long, int)}
 * @param threads    worker threads (≥ 1); never changes a result
 * @param window     the ranks the Cartan chart is fitted over, chosen from the numerical rank r
 *                   (e.g. {@code r -> RankRange.fraction(r, 0, 0.5)}, the top half); null: all of 1..r
 */
public record ProfileOptions(FitRule fit, int minTail, int bootstrap, long seed, int threads,
                             IntFunction<RankRange> window) {

    /** The two x_min rules. */
    public enum FitRule {
        /** WeightWatcher's {@code WWFit}. */
        WW,
        /** Clauset–Shalizi–Newman with a minimum tail size. */
        CSN
    }

    /** WW fit, CSN minimum tail 10, no bootstrap, seed 42, one thread. */
    public static final ProfileOptions DEFAULT = new ProfileOptions(FitRule.WW, 10, 0, 42L, 1, null);

    public ProfileOptions {
        Require.notNull("fit", fit);
        Require.atLeast("minTail", minTail, 2);
        Require.atLeast("bootstrap", bootstrap, 0);
        Require.atLeast("threads", threads, 1);
    }

    /** Options with the chart fitted over all ranks 1..r. */
    public ProfileOptions(FitRule fit, int minTail, int bootstrap, long seed, int threads) {
        this(fit, minTail, bootstrap, seed, threads, null);
    }

    public static ProfileOptions defaults() {
        return DEFAULT;
    }

    public ProfileOptions withFit(FitRule rule) {
        return new ProfileOptions(rule, minTail, bootstrap, seed, threads, window);
    }

    public ProfileOptions withMinTail(int n) {
        return new ProfileOptions(fit, n, bootstrap, seed, threads, window);
    }

    public ProfileOptions withBootstrap(int replicates) {
        return new ProfileOptions(fit, minTail, replicates, seed, threads, window);
    }

    public ProfileOptions withSeed(long s) {
        return new ProfileOptions(fit, minTail, bootstrap, s, threads, window);
    }

    public ProfileOptions withThreads(int n) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, n, window);
    }

    /** The same options with the chart fitted over {@code window.apply(r)} (null: all ranks 1..r). */
    public ProfileOptions withWindow(IntFunction<RankRange> window) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, threads, window);
    }

    /** The tail fitter of this rule. */
    public TailFitter fitter() {
        return fit == FitRule.WW ? TailFitter.weightWatcher() : TailFitter.csn(minTail);
    }
}
