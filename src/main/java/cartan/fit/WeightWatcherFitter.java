package cartan.fit;

import cartan.Require;

import java.util.Arrays;

/**
 * WeightWatcher's power-law fit ({@code WW_powerlaw.WWFit}, the default {@code pl_package='ww'} of
 * WeightWatcher 0.7.x), reproduced step by step so per-layer α can be compared with WeightWatcher's
 * tables:
 * <ol>
 *   <li>keep the values above {@code threshold} (WeightWatcher's {@code EVALS_THRESH} = 1e-5) and sort them,
 *   x₀ ≤ … ≤ x_{N−1};</li>
 *   <li>every position i = 0 … N − 2 is a candidate: x_min = xᵢ, tail xᵢ … x_{N−1} of n = N − i values
 *   (by position, so tied values count once each), α̂ᵢ = 1 + n / (Σ_{j≥i} ln x_j − n ln xᵢ);</li>
 *   <li>Dᵢ = max_{j=0…n−1} | 1 − (x_{i+j}/xᵢ)^(1−α̂ᵢ) − j/n | — the fitted CDF against the empirical CDF
 *   just <em>below</em> each point (a one-sided version of the KS distance), and Dᵢ = 1 when α̂ᵢ ≤ 1;</li>
 *   <li>the first i with the smallest Dᵢ wins; σ = (α̂ − 1)/√n.</li>
 * </ol>
 * No minimum tail size is enforced (a 2-value tail can win) and x_max does not enter the likelihood
 * — both as in WeightWatcher. A degenerate candidate whose tail values are all equal (α̂ = ∞) gets
 * D = 1 here; numpy would compute a different, equally meaningless number.
 *
 * @param threshold values ≤ threshold are dropped before fitting (≥ 0)
 */
public record WeightWatcherFitter(double threshold) implements TailFitter {

    /** WeightWatcher's eigenvalue threshold ({@code constants.EVALS_THRESH}). */
    public static final double EVALS_THRESH = 1e-5;

    public WeightWatcherFitter {
        Require.nonNegative("threshold", threshold);
    }

    @Override
    public double[] prepare(double[] data) {
        double[] s = TailFitter.sortedFinite("data", data);
        int from = 0;
        while (from < s.length && s[from] <= threshold) {
            from++;
        }
        if (s.length - from < 2) {
            throw new IllegalArgumentException("data: needs at least 2 values above the threshold " + threshold
                    + ", got " + (s.length - from));
        }
        return Arrays.copyOfRange(s, from, s.length);
    }

    /** The fit of the expanded sample (this rule works by position, ties counted once each). */
    @Override
    public PowerLawFit fit(PowerLawData data) {
        Require.notNull("data", data);
        PowerLawFit f = fit(data.expand());
        return new PowerLawFit(f.law(), f.tailSize(), f.sampleSize(), f.ksDistance(), f.standardError(),
                f.candidates(), (int) Math.min(Integer.MAX_VALUE, data.dropped()));
    }

    @Override
    public PowerLawFit fit(double[] data) {
        double[] s = prepare(data);
        PowerLawFit f = fitPrepared(s);
        return new PowerLawFit(f.law(), f.tailSize(), f.sampleSize(), f.ksDistance(), f.standardError(),
                f.candidates(), data.length - s.length);
    }

    @Override
    public XminScan scanPrepared(double[] x) {
        Args.checkPrepared(x);
        int big = x.length;
        double[] log = new double[big];
        for (int i = 0; i < big; i++) {
            log[i] = Math.log(x[i]);
        }
        double[] suffix = CsnFitter.suffixSums(log);
        int m = big - 1;
        double[] xmins = Arrays.copyOf(x, m);
        double[] alphas = new double[m];
        double[] ds = new double[m];
        int[] sizes = new int[m];
        int best = 0;
        for (int i = 0; i < m; i++) {
            int n = big - i;
            sizes[i] = n;
            double alpha = 1 + n / (suffix[i] - n * log[i]);
            alphas[i] = alpha;
            double d = 1;
            if (alpha > 1 && Double.isFinite(alpha)) {
                d = 0;
                for (int j = 0; j < n; j++) {
                    double theory = -Math.expm1((1 - alpha) * (log[i + j] - log[i]));
                    d = Math.max(d, Math.abs(theory - (double) j / n));
                }
            }
            ds[i] = d;
            if (d < ds[best]) {
                best = i;
            }
        }
        return new XminScan(xmins, alphas, ds, sizes, best);
    }
}
