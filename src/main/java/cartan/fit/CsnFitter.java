package cartan.fit;

import cartan.Require;

import java.util.ArrayList;
import java.util.List;

/**
 * The Clauset–Shalizi–Newman x_min rule with a minimum tail size:
 * <ul>
 *   <li>candidates are the distinct sample values v whose tail {x ≥ v} holds at least {@code minTail}
 *   values and at least two distinct ones; if {@code maxCandidates > 0} and there are more, an evenly
 *   spaced (by rank) subset of that many is scanned, always including the smallest and largest;</li>
 *   <li>on each tail, α̂ = 1 + n/Σ ln(xᵢ/v) and the two-sided KS distance
 *   D = sup_x |S(x) − P(x)|, evaluated exactly for the step function S: at each distinct tail value u,
 *   max(P(u) − S(u⁻), S(u) − P(u)) with P(x) = 1 − (x/v)^(1−α̂);</li>
 *   <li>the smallest D wins (first on ties).</li>
 * </ul>
 * Values must be positive. Cost O(N²) with all candidates (α̂ is O(1) per candidate from suffix sums
 * of ln x; D is O(n)); cap the candidates for very large N.
 *
 * @param minTail       the smallest admissible tail size (≥ 2)
 * @param maxCandidates the candidate cap (0 = no cap, else ≥ 2)
 */
public record CsnFitter(int minTail, int maxCandidates) implements TailFitter {

    public CsnFitter {
        Require.atLeast("minTail", minTail, 2);
        if (maxCandidates != 0) {
            Require.atLeast("maxCandidates", maxCandidates, 2);
        }
    }

    /** The same rule with a candidate cap. */
    public CsnFitter withMaxCandidates(int cap) {
        return new CsnFitter(minTail, cap);
    }

    @Override
    public double[] prepare(double[] data) {
        double[] s = TailFitter.sortedFinite("data", data);
        Require.positive("data", s);
        if (s.length < minTail) {
            throw new IllegalArgumentException("data: " + s.length + " values, fewer than minTail = " + minTail);
        }
        return s;
    }

    @Override
    public XminScan scanPrepared(double[] x) {
        Args.checkPrepared(x);
        int big = x.length;
        double[] log = new double[big];
        for (int i = 0; i < big; i++) {
            log[i] = Math.log(x[i]);
        }
        double[] suffix = suffixSums(log);
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < big; i++) {
            if ((i == 0 || x[i] != x[i - 1]) && big - i >= minTail && x[big - 1] > x[i]) {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("data: no x_min leaves a tail of at least " + minTail
                    + " values with two distinct ones");
        }
        if (maxCandidates > 0 && starts.size() > maxCandidates) {
            List<Integer> sub = new ArrayList<>(maxCandidates);
            int c = starts.size();
            for (int k = 0; k < maxCandidates; k++) {
                sub.add(starts.get((int) Math.round((double) k * (c - 1) / (maxCandidates - 1))));
            }
            starts = sub;
        }
        int m = starts.size();
        double[] xmins = new double[m];
        double[] alphas = new double[m];
        double[] ds = new double[m];
        int[] sizes = new int[m];
        int best = 0;
        for (int k = 0; k < m; k++) {
            int i = starts.get(k);
            int n = big - i;
            double alpha = 1 + n / (suffix[i] - n * log[i]);
            xmins[k] = x[i];
            alphas[k] = alpha;
            sizes[k] = n;
            ds[k] = ksDistance(x, log, i, alpha);
            if (ds[k] < ds[best]) {
                best = k;
            }
        }
        return new XminScan(xmins, alphas, ds, sizes, best);
    }

    /** Two-sided KS distance of the sorted tail x[i..] against the power law (α, x[i]), ties handled. */
    static double ksDistance(double[] x, double[] log, int i, double alpha) {
        int n = x.length - i;
        double d = 0;
        for (int j = 0; j < n; j++) {
            double p = -Math.expm1((1 - alpha) * (log[i + j] - log[i]));
            if (j == 0 || x[i + j] != x[i + j - 1]) {
                d = Math.max(d, p - (double) j / n);
            }
            if (j == n - 1 || x[i + j + 1] != x[i + j]) {
                d = Math.max(d, (double) (j + 1) / n - p);
            }
        }
        return d;
    }

    /** suffix[i] = Σ_{j ≥ i} v[j], with Neumaier compensation. */
    static double[] suffixSums(double[] v) {
        double[] s = new double[v.length];
        double sum = 0;
        double comp = 0;
        for (int i = v.length - 1; i >= 0; i--) {
            double t = sum + v[i];
            comp += Math.abs(sum) >= Math.abs(v[i]) ? (sum - t) + v[i] : (v[i] - t) + sum;
            sum = t;
            s[i] = sum + comp;
        }
        return s;
    }
}
