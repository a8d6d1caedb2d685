package cartan.rank;

import cartan.Require;
/** The three asymptotic regimes of the energy-quantile rank r_τ of the orbit p_k ∝ k^{−s} as d → ∞. */
public enum Regime {
    /** s &lt; 1: r_τ ≈ τ^{1/(1−s)} d grows with the width. */
    EXTENSIVE,
    /** s = 1: r_τ ≈ d^τ e^{−(1−τ)γ}, log r_τ / log d → τ (the rank-window transition). */
    CRITICAL,
    /** s &gt; 1: r_τ → [(1−τ)(s−1)ζ(s)]^{−1/(s−1)}, independent of the width. */
    INTENSIVE;

    /** The regime of eigenvalue exponent s (s = 2β for singular values). */
    public static Regime of(double s) {
        Require.nonNegative("s", s);
        return s < 1 ? EXTENSIVE : s == 1 ? CRITICAL : INTENSIVE;
    }
}
