package cartan.spectrum;

import cartan.Require;
import cartan.special.GaussLegendre;

/**
 * The Marchenko–Pastur law: the limiting density of the eigenvalues λ of XᵀX/N for an N × M matrix X
 * (N ≥ M) with independent entries of mean 0 and variance σ², as N, M → ∞ with Q = N/M fixed:
 *
 * <pre>
 *   ρ(λ) = Q / (2π σ² λ) · √((λ₊ − λ)(λ − λ₋))   on [λ₋, λ₊],   λ± = σ² (1 ± 1/√Q)²,
 * </pre>
 * with mean σ² and variance σ⁴/Q. Q ≥ 1 here (WeightWatcher's convention Q = N/M with N the larger
 * dimension), so there is no atom at 0. At Q = 1, ρ diverges like λ^{−1/2} at 0 and the singular values
 * s = √λ follow the quarter-circle law (1/(πσ²))·√(4σ² − s²) on [0, 2σ] ({@link #singularValueDensity}).
 *
 * <p>In Cartan's units (λ = σ_k² of WᵀW, no 1/N) a matrix with entries of variance v has its bulk on
 * [v(√N − √M)², v(√N + √M)²], i.e. this law with σ² = v scaled by N ({@link #ofEntries}).
 *
 * <p>The distribution function uses λ(θ) = σ²(1 + y − 2√y cos θ), y = 1/Q, θ ∈ [0, π], under which
 * ρ(λ)dλ = (2/π) sin²θ / (1 + y − 2√y cos θ) dθ — a smooth integrand, integrated by Gauss–Legendre.
 *
 * @param ratio    Q = N/M ≥ 1
 * @param variance σ² &gt; 0
 */
public record MarchenkoPastur(double ratio, double variance) {

    private static final GaussLegendre RULE = GaussLegendre.onUnitInterval(32);
    private static final double[] NODES = RULE.nodes();
    private static final double[] WEIGHTS = RULE.weights();

    public MarchenkoPastur {
        Require.finite("ratio", ratio);
        if (!(ratio >= 1)) {
            throw new IllegalArgumentException("ratio: Q = N/M must be at least 1 (N the larger dimension), got "
                    + ratio);
        }
        Require.positive("variance", variance);
    }

    /** The law of an {@code rows} × {@code cols} matrix (either orientation): Q = max/min. */
    public static MarchenkoPastur of(int rows, int cols, double variance) {
        Require.atLeast("rows", rows, 1);
        Require.atLeast("cols", cols, 1);
        return new MarchenkoPastur((double) Math.max(rows, cols) / Math.min(rows, cols), variance);
    }

    /**
     * The bulk edges of WᵀW (no 1/N) for an {@code rows} × {@code cols} matrix with entries of variance
     * {@code entryVariance}: {v(√N − √M)², v(√N + √M)²}.
     */
    public static double[] edgesOfEntries(int rows, int cols, double entryVariance) {
        MarchenkoPastur law = of(rows, cols, entryVariance);
        double n = Math.max(rows, cols);
        return new double[] {n * law.lowerEdge(), n * law.upperEdge()};
    }

    /** λ₋ = σ²(1 − 1/√Q)². */
    public double lowerEdge() {
        double r = 1 - 1 / Math.sqrt(ratio);
        return variance * r * r;
    }

    /** λ₊ = σ²(1 + 1/√Q)². */
    public double upperEdge() {
        double r = 1 + 1 / Math.sqrt(ratio);
        return variance * r * r;
    }

    /** The mean of λ, σ². */
    public double mean() {
        return variance;
    }

    /** ρ(λ); 0 outside [λ₋, λ₊] (at λ = 0 for Q = 1, +∞). */
    public double density(double lambda) {
        Require.finite("lambda", lambda);
        return densityWithin(lambda, lowerEdge(), upperEdge());
    }

    /** ρ(λ) for a finite λ, given the edges a = λ₋ and b = λ₊ (a fit evaluates many λ with one pair of edges). */
    double densityWithin(double lambda, double a, double b) {
        if (lambda < a || lambda > b) {
            return 0;
        }
        if (lambda == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return ratio / (2 * Math.PI * variance * lambda) * Math.sqrt((b - lambda) * (lambda - a));
    }

    /**
     * The density of s = √λ, 2s·ρ(s²); at Q = 1 the quarter circle (1/(πσ²))·√(4σ² − s²) on [0, 2σ].
     */
    public double singularValueDensity(double s) {
        Require.finite("s", s);
        return singularValueDensityWithin(s, lowerEdge(), upperEdge());
    }

    /** 2s·ρ(s²) for a finite s, given the edges a = λ₋ and b = λ₊ of λ = s². */
    double singularValueDensityWithin(double s, double a, double b) {
        if (s < 0) {
            return 0;
        }
        double l = s * s;
        if (l < a || l > b) {
            return 0;
        }
        if (s == 0) {
            // 2s·ρ(s²) → Q/(πσ²)·√(λ₊ − 0)·√(0 − λ₋)/s … finite only when λ₋ = 0, i.e. Q = 1
            return a == 0 ? Math.sqrt(b) / (Math.PI * variance) : 0;
        }
        return ratio / (Math.PI * variance * s) * Math.sqrt((b - l) * (l - a));
    }

    /** P(λ ≤ x) (see the class comment for the substitution). */
    public double cdf(double x) {
        Require.finite("x", x);
        double a = lowerEdge();
        double b = upperEdge();
        if (x <= a) {
            return 0;
        }
        if (x >= b) {
            return 1;
        }
        double y = 1 / ratio;
        double ry = Math.sqrt(y);
        // λ(θ) = σ²(1 + y − 2√y cos θ) = x
        double c = (1 + y - x / variance) / (2 * ry);
        double theta = Math.acos(Math.max(-1, Math.min(1, c)));
        // panels of width ≤ π/8 keep the 32-point rule exact to rounding for every Q ≥ 1
        int panels = Math.max(1, (int) Math.ceil(theta / (Math.PI / 8)));
        double h = theta / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            for (int i = 0; i < NODES.length; i++) {
                double t = (p + NODES[i]) * h;
                double sin = Math.sin(t);
                sum += WEIGHTS[i] * sin * sin / (1 + y - 2 * ry * Math.cos(t));
            }
        }
        return Math.min(1, 2 / Math.PI * sum * h);
    }

    /** P(lo &lt; λ ≤ hi). */
    public double probability(double lo, double hi) {
        if (hi < lo) {
            throw new IllegalArgumentException("hi: must be at least lo = " + lo + ", got " + hi);
        }
        return cdf(hi) - cdf(lo);
    }
}
