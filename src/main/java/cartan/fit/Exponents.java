package cartan.fit;

import cartan.Require;

/**
 * Conversions between the density exponent α of an eigenvalue tail (p(λ) ∝ λ^(−α), WeightWatcher's
 * α) and rank-ordered ("Zipf") exponents (anchors §2.4). With n tail values above x_min the k-th
 * largest eigenvalue is about λ₍ₖ₎ ≈ x_min (k/n)^(−1/(α−1)), so
 * <pre>
 *   eigenvalues      λ₍ₖ₎ ∝ k^(−γ_λ),  γ_λ = 1/(α − 1);
 *   singular values  σ₍ₖ₎ ∝ k^(−γ_σ),  γ_σ = γ_λ/2 = 1/(2(α − 1));
 *   density of σ = √λ:  p(σ) ∝ σ^(−α_σ),  α_σ = 2α − 1.
 * </pre>
 * WeightWatcher's α = 2 is γ_λ = 1 and γ_σ = ½.
 */
public final class Exponents {

    private Exponents() {
    }

    /** γ_λ = 1/(α − 1). */
    public static double eigenvalueRankExponent(double alpha) {
        return 1 / (above1("alpha", alpha) - 1);
    }

    /** γ_σ = 1/(2(α − 1)). */
    public static double singularValueRankExponent(double alpha) {
        return 0.5 / (above1("alpha", alpha) - 1);
    }

    /** α = 1 + 1/γ_λ. */
    public static double densityFromEigenvalueRank(double gammaLambda) {
        return 1 + 1 / Require.positive("gammaLambda", gammaLambda);
    }

    /** α = 1 + 1/(2γ_σ). */
    public static double densityFromSingularValueRank(double gammaSigma) {
        return 1 + 0.5 / Require.positive("gammaSigma", gammaSigma);
    }

    /** α_σ = 2α − 1, the density exponent of σ = √λ. */
    public static double singularValueDensityExponent(double alpha) {
        return 2 * above1("alpha", alpha) - 1;
    }

    /** α = (α_σ + 1)/2. */
    public static double eigenvalueDensityExponent(double alphaSigma) {
        return (above1("alphaSigma", alphaSigma) + 1) / 2;
    }

    private static double above1(String name, double v) {
        Require.finite(name, v);
        if (!(v > 1)) {
            throw new IllegalArgumentException(name + ": must exceed 1, got " + v);
        }
        return v;
    }
}
