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
 * @param svd        how λ = σ² is obtained: {@link SvdMethod#GRAM} (default, eigenvalues of the Gram matrix
 *                   with {@code cartan.linalg.GramEigenvalues}' accuracy contract) or {@link SvdMethod#ACCURATE}
 *                   (the full SVD of W, LAPACK {@code dgesdd})
 */
public record ProfileOptions(FitRule fit, int minTail, int bootstrap, long seed, int threads,
                             IntFunction<RankRange> window, SvdMethod svd) {

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

    /** WW fit, CSN minimum tail 10, no bootstrap, seed 42, one thread, Gram eigenvalues. */
    public static final ProfileOptions DEFAULT = new ProfileOptions(FitRule.WW, 10, 0, 42L, 1, null, SvdMethod.GRAM);

    public ProfileOptions {
        Require.notNull("fit", fit);
        Require.notNull("svd", svd);
        Require.atLeast("minTail", minTail, 2);
        Require.atLeast("bootstrap", bootstrap, 0);
        Require.atLeast("threads", threads, 1);
    }

    /** Options with the chart fitted over all ranks 1..r and Gram eigenvalues. */
    public ProfileOptions(FitRule fit, int minTail, int bootstrap, long seed, int threads) {
        this(fit, minTail, bootstrap, seed, threads, null, SvdMethod.GRAM);
    }

    /** Options with Gram eigenvalues. */
    public ProfileOptions(FitRule fit, int minTail, int bootstrap, long seed, int threads,
                          IntFunction<RankRange> window) {
        this(fit, minTail, bootstrap, seed, threads, window, SvdMethod.GRAM);
    }

    public static ProfileOptions defaults() {
        return DEFAULT;
    }

    public ProfileOptions withFit(FitRule rule) {
        return new ProfileOptions(rule, minTail, bootstrap, seed, threads, window, svd);
    }

    public ProfileOptions withMinTail(int n) {
        return new ProfileOptions(fit, n, bootstrap, seed, threads, window, svd);
    }

    public ProfileOptions withBootstrap(int replicates) {
        return new ProfileOptions(fit, minTail, replicates, seed, threads, window, svd);
    }

    public ProfileOptions withSeed(long s) {
        return new ProfileOptions(fit, minTail, bootstrap, s, threads, window, svd);
    }

    public ProfileOptions withThreads(int n) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, n, window, svd);
    }

    /** The same options with the chart fitted over {@code window.apply(r)} (null: all ranks 1..r). */
    public ProfileOptions withWindow(IntFunction<RankRange> window) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, threads, window, svd);
    }

    /** The same options with λ = σ² computed by {@code method}. */
    public ProfileOptions withSvd(SvdMethod method) {
        return new ProfileOptions(fit, minTail, bootstrap, seed, threads, window, method);
    }

    /** The tail fitter of this rule. */
    public TailFitter fitter() {
        return fit == FitRule.WW ? TailFitter.weightWatcher() : TailFitter.csn(minTail);
    }
}
