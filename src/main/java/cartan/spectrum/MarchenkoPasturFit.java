package cartan.spectrum;

import cartan.Require;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;

/**
 * A Marchenko–Pastur bulk fitted to an empirical spectral density the way WeightWatcher's
 * {@code mp_fit=True} does ({@code weightwatcher.py mp_fit}, {@code RMT_Util.fit_density_with_range} and
 * {@code resid_mp}, version 0.7.5), and the spikes it leaves outside.
 *
 * <p>Input: the eigenvalues λ_k (k = 1..q) of WᵀW (no 1/N) of one N × M matrix (N ≥ M, q = M), or of
 * several such matrices pooled (a conv layer's slices, q = slices·M); Q = N/M.
 * <ol>
 *   <li><b>Rescale</b> to mean 1: x_k = c·λ_k, c = q/Σλ (WeightWatcher's W_scale², so a matrix of i.i.d.
 *   entries has σ ≈ 1).</li>
 *   <li><b>Density estimate</b>: the triangular ("linear") kernel of bandwidth h = 0.1,
 *   f̂(t) = (1/(q h)) Σ_k max(0, 1 − |t − u_k|/h), on the grid t_j = j·(max u + ½)/999, j = 0..999, where
 *   u_k = x_k for Q &gt; 1 and u_k = √x_k (the singular values) for Q = 1. Grid points with f̂ ≤ 0.01 are
 *   dropped.</li>
 *   <li><b>Objective</b>: S(σ) = Σ_j (ρ_σ(t_j) − f̂(t_j))² over the kept points, with ρ_σ the
 *   {@link MarchenkoPastur} density of variance σ² (Q &gt; 1), or the density of √λ under it (Q = 1: the
 *   quarter circle (1/(πσ²))√(4σ² − s²)). For Q &gt; 1, S = 10⁶ per kept point when the fitted bulk is
 *   implausible: λ₊ below the density's peak, λ₊ beyond the last kept grid point, or λ₋ above the peak.</li>
 *   <li><b>Minimise</b> over the grid σ = s₀·(0.05, 0.06, …, 1.99), s₀ = √(max x)/(1 + 1/√Q) (the σ whose
 *   λ₊ is the largest eigenvalue), then polish with Brent's method in the two grid cells around the
 *   best grid point (WeightWatcher polishes with Nelder–Mead, {@code scipy.optimize.brute}'s default, to
 *   about 10⁻⁴).</li>
 *   <li><b>Spikes</b>: the eigenvalues with x_k &gt; λ₊ + √TW, TW = λ₊^{2/3} M^{−2/3}/√Q (WeightWatcher's
 *   Tracy–Widom-style margin, in the rescaled units, M the smaller dimension of one matrix).</li>
 * </ol>
 * Reported in the units of λ: the bulk edges λ±/c, the spike threshold, and {@code mp_softrank} =
 * λ₊/max x = (λ₊/c)/λ_max. σ itself ({@code sigma_mp}) is WeightWatcher's, in the rescaled units; the
 * variance of the entries it implies is {@link #entryVariance()} = σ²/(c·N).
 *
 * <p>Differences from WeightWatcher, on purpose: at Q = 1 WeightWatcher compares the singular values' density
 * estimate with (1/(πσ²))√(4 − s²), where σ moves only the height; here σ also moves the edge 2σ, as
 * the law says. The polish (Brent instead of Nelder–Mead) moves σ by at most about 10⁻⁴.
 *
 * @param law            the fitted law in the rescaled units (ratio Q, variance σ²)
 * @param scale          c = q/Σλ
 * @param rows           N, the larger dimension of one matrix
 * @param cols           M, the smaller dimension of one matrix
 * @param count          q, the number of eigenvalues
 * @param lambdaMax      the largest eigenvalue λ_max
 * @param spikes         the number of eigenvalues above {@link #spikeThreshold()}
 * @param edgesPlausible false if every σ on the grid violated the edge conditions (the fit is then the
 *                       grid's first point and not a bulk)
 */
public record MarchenkoPasturFit(MarchenkoPastur law, double scale, int rows, int cols, int count, double lambdaMax,
                                 int spikes, boolean edgesPlausible) {

    /** Bandwidth of the triangular kernel, in the rescaled units. */
    public static final double BANDWIDTH = 0.1;
    /** Number of grid points of the density estimate. */
    public static final int GRID = 1000;
    /** Grid points whose estimated density is at most this are left out. */
    public static final double DENSITY_FLOOR = 0.01;
    /** The per-point residual of an implausible bulk. */
    static final double PENALTY = 1000;

    public MarchenkoPasturFit {
        Require.notNull("law", law);
        Require.positive("scale", scale);
    }

    /**
     * Fits the bulk of the eigenvalues of one {@code rows} × {@code cols} matrix, or of several of that
     * shape pooled (then {@code eigenvalues.length} is a multiple of min(rows, cols)).
     *
     * @param eigenvalues λ_k ≥ 0, any order
     * @throws IllegalArgumentException if a value is negative or not finite, fewer than 2 are given, all
     *                                  are zero, or no grid point has a density estimate above 0.01
     */
    public static MarchenkoPasturFit fit(double[] eigenvalues, int rows, int cols) {
        Require.finite("eigenvalues", eigenvalues);
        Require.atLeast("rows", rows, 1);
        Require.atLeast("cols", cols, 1);
        int q = eigenvalues.length;
        if (q < 2) {
            throw new IllegalArgumentException("eigenvalues: needs at least 2, got " + q);
        }
        double sum = 0;
        double max = 0;
        for (double v : eigenvalues) {
            if (v < 0) {
                throw new IllegalArgumentException("eigenvalues: must be non-negative, got " + v);
            }
            sum += v;
            max = Math.max(max, v);
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("eigenvalues: all are zero, so the ESD cannot be rescaled");
        }
        int n = Math.max(rows, cols);
        int m = Math.min(rows, cols);
        double ratio = (double) n / m;
        double c = q / sum;
        double[] x = new double[q];
        for (int k = 0; k < q; k++) {
            x[k] = c * eigenvalues[k];
        }
        double xMax = c * max;
        boolean square = ratio == 1;
        double[] u = x.clone();
        if (square) {
            for (int k = 0; k < q; k++) {
                u[k] = Math.sqrt(u[k]);
            }
        }
        Objective objective = Objective.of(u, ratio, square);
        double s0 = Math.sqrt(xMax) / (1 + 1 / Math.sqrt(ratio));
        double step = 0.01 * s0;
        int points = (int) Math.ceil((2.0 * s0 - 0.05 * s0) / step);
        double bestSigma = 0.05 * s0;
        double bestValue = Double.POSITIVE_INFINITY;
        int bestIndex = 0;
        boolean plausible = false;
        for (int i = 0; i < points; i++) {
            double sigma = 0.05 * s0 + i * step;
            double v = objective.value(sigma);
            plausible |= !objective.penalised(sigma);
            if (v < bestValue) {
                bestValue = v;
                bestSigma = sigma;
                bestIndex = i;
            }
        }
        if (plausible) {
            double lo = 0.05 * s0 + Math.max(0, bestIndex - 1) * step;
            double hi = 0.05 * s0 + Math.min(points - 1, bestIndex + 1) * step;
            if (hi > lo) {
                UnivariatePointValuePair p = new BrentOptimizer(1e-12, 1e-14 * s0).optimize(new MaxEval(500),
                        new UnivariateObjectiveFunction(objective::value), GoalType.MINIMIZE,
                        new SearchInterval(lo, hi, bestSigma));
                if (p.getValue() < bestValue) {
                    bestSigma = p.getPoint();
                }
            }
        }
        MarchenkoPastur law = new MarchenkoPastur(ratio, bestSigma * bestSigma);
        double plus = law.upperEdge();
        double tw = Math.pow(plus, 2.0 / 3) * Math.pow(m, -2.0 / 3) / Math.sqrt(ratio);
        double threshold = plus + Math.sqrt(tw);
        int spikes = 0;
        for (double v : x) {
            if (v > threshold) {
                spikes++;
            }
        }
        return new MarchenkoPasturFit(law, c, n, m, q, max, spikes, plausible);
    }

    /** WeightWatcher's {@code sigma_mp}: σ of the law fitted to the rescaled eigenvalues. */
    public double sigma() {
        return Math.sqrt(law.variance());
    }

    /** The lower bulk edge λ₋ in the units of λ. */
    public double bulkMin() {
        return law.lowerEdge() / scale;
    }

    /** The upper bulk edge λ₊ in the units of λ. */
    public double bulkMax() {
        return law.upperEdge() / scale;
    }

    /** λ₊ + √TW in the units of λ: eigenvalues above it are spikes. */
    public double spikeThreshold() {
        double plus = law.upperEdge();
        double tw = Math.pow(plus, 2.0 / 3) * Math.pow(cols, -2.0 / 3) / Math.sqrt(law.ratio());
        return (plus + Math.sqrt(tw)) / scale;
    }

    /** {@code mp_softrank} = λ₊/λ_max. */
    public double softRank() {
        return bulkMax() / lambdaMax;
    }

    /**
     * The variance of the entries the fit implies, σ²/(c·N) = σ²·Σλ/(q·N): for a matrix of i.i.d. entries of
     * variance v, close to v.
     */
    public double entryVariance() {
        return law.variance() / (scale * rows);
    }

    /** The fitted density in the units of λ (eigenvalue density of WᵀW): c·ρ(c·λ). */
    public double density(double lambda) {
        return scale * law.density(scale * lambda);
    }

    /** The sum of squared residuals S(σ) at the fitted σ (see the class comment), for diagnostics. */
    public static double objective(double[] eigenvalues, int rows, int cols, double sigma) {
        Require.finite("eigenvalues", eigenvalues);
        Require.positive("sigma", sigma);
        double sum = 0;
        for (double v : eigenvalues) {
            sum += v;
        }
        double ratio = (double) Math.max(rows, cols) / Math.min(rows, cols);
        double c = eigenvalues.length / sum;
        double[] u = new double[eigenvalues.length];
        for (int k = 0; k < u.length; k++) {
            u[k] = ratio == 1 ? Math.sqrt(c * eigenvalues[k]) : c * eigenvalues[k];
        }
        return Objective.of(u, ratio, ratio == 1).value(sigma);
    }

    /** S(σ) on the kept grid points of a fixed density estimate. */
    private record Objective(double[] t, double[] f, int dropped, double peak, double last, double ratio,
                             boolean square) {

        static Objective of(double[] u, double ratio, boolean square) {
            double max = 0;
            for (double v : u) {
                max = Math.max(max, v);
            }
            double top = max + 0.5;
            int q = u.length;
            double[] sorted = u.clone();
            java.util.Arrays.sort(sorted);
            double[] ts = new double[GRID];
            double[] fs = new double[GRID];
            int kept = 0;
            double peakValue = -1;
            double peak = 0;
            double last = 0;
            for (int j = 0; j < GRID; j++) {
                double t = j * top / (GRID - 1);
                double f = 0;
                // only the points within one bandwidth contribute
                int from = lowerBound(sorted, t - BANDWIDTH);
                for (int k = from; k < q && sorted[k] < t + BANDWIDTH; k++) {
                    f += 1 - Math.abs(t - sorted[k]) / BANDWIDTH;
                }
                f /= q * BANDWIDTH;
                if (f > DENSITY_FLOOR) {
                    ts[kept] = t;
                    fs[kept] = f;
                    kept++;
                    if (f > peakValue) {
                        peakValue = f;
                        peak = t;
                    }
                    last = t;
                }
            }
            if (kept == 0) {
                throw new IllegalArgumentException("eigenvalues: no grid point has a density estimate above "
                        + DENSITY_FLOOR);
            }
            return new Objective(java.util.Arrays.copyOf(ts, kept), java.util.Arrays.copyOf(fs, kept), GRID - kept,
                    peak, last, ratio, square);
        }

        private static int lowerBound(double[] sorted, double v) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        boolean penalised(double sigma) {
            if (square) {
                return false;
            }
            MarchenkoPastur law = new MarchenkoPastur(ratio, sigma * sigma);
            double b = law.upperEdge();
            double a = law.lowerEdge();
            return b < peak || b > last || a > peak;
        }

        double value(double sigma) {
            if (!(sigma > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            if (penalised(sigma)) {
                return PENALTY * PENALTY * t.length;
            }
            MarchenkoPastur law = new MarchenkoPastur(ratio, sigma * sigma);
            double a = law.lowerEdge(); // once per σ, not per grid point (the grid is finite by construction)
            double b = law.upperEdge();
            double s = 0;
            for (int j = 0; j < t.length; j++) {
                // ρ with 0 at λ = 0 (WeightWatcher's nan_to_num of the 0/0 there)
                double rho = square ? law.singularValueDensityWithin(t[j], a, b)
                        : t[j] == 0 ? 0 : law.densityWithin(t[j], a, b);
                double r = rho - f[j];
                s += r * r;
            }
            return s;
        }
    }
}
