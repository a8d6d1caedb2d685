package cartan.fit;

import cartan.Require;
import cartan.special.HurwitzZeta;

import java.util.Arrays;

/**
 * The Clauset–Shalizi–Newman x_min rule with a minimum tail size, for the continuous or the discrete
 * power law:
 * <ul>
 *   <li>candidates are the distinct sample values v whose tail {x ≥ v} holds at least {@code minTail}
 *   points and at least two distinct values; if {@code maxCandidates > 0} and there are more, an evenly
 *   spaced (by rank) subset of that many is scanned, always including the smallest and largest;</li>
 *   <li>on each tail, the MLE: continuous α̂ = 1 + n/Σ ln(xᵢ/v); discrete, the root of the score equation
 *   ζ′/ζ(α, v) = −mean ln x ({@link DiscretePowerLaw});</li>
 *   <li>the two-sided KS distance D = sup_x |S(x) − P(x)| of the empirical CDF S of the tail and the
 *   fitted CDF P, evaluated exactly: continuous, at each distinct tail value u, max(P(u) − S(u⁻), S(u) − P(u));
 *   discrete, over every integer x ≥ v as CSN's {@code plfit} does (the extremes sit at each data value u
 *   and at the integer just below the next one);</li>
 *   <li>the smallest D wins (first on ties).</li>
 * </ul>
 * Zeros and negative values are dropped (and counted in the fit); the discrete rule needs integer values.
 * The work is on distinct values with counts ({@link PowerLawData}): O(m²) for m distinct values with all
 * candidates (α̂ is O(1) per candidate from suffix sums of ln x; D is O(m)). {@link #fit} only needs the
 * winner, so it abandons a candidate as soon as its running D exceeds the best complete one — exact, and
 * far cheaper than the full {@link #scan}, which keeps every candidate's D.
 *
 * @param minTail       the smallest admissible tail size (≥ 2)
 * @param maxCandidates the candidate cap (0 = no cap, else ≥ 2)
 * @param discrete      fit the discrete power law (integer data) instead of the continuous one
 * @param xMin          a fixed x_min (no scan; {@code powerlaw}'s {@code Fit(xmin=…)}), or NaN to choose it by
 *                      the KS rule; an integer for the discrete law. It need not be a data value.
 */
public record CsnFitter(int minTail, int maxCandidates, boolean discrete, double xMin) implements TailFitter {

    /** Strides of the pruned scan's partial KS maxima. */
    private static final int COARSE = 64;
    private static final int FINE = 8;

    public CsnFitter {
        Require.atLeast("minTail", minTail, 2);
        if (maxCandidates != 0) {
            Require.atLeast("maxCandidates", maxCandidates, 2);
        }
        if (!Double.isNaN(xMin)) {
            Require.positive("xMin", xMin);
            if (discrete && xMin != Math.rint(xMin)) {
                throw new IllegalArgumentException("xMin: the discrete power law needs an integer x_min, got " + xMin);
            }
        }
    }

    /** The continuous rule. */
    public CsnFitter(int minTail, int maxCandidates) {
        this(minTail, maxCandidates, false, Double.NaN);
    }

    /** The rule with x_min chosen by the KS distance. */
    public CsnFitter(int minTail, int maxCandidates, boolean discrete) {
        this(minTail, maxCandidates, discrete, Double.NaN);
    }

    /** The same rule with a candidate cap. */
    public CsnFitter withMaxCandidates(int cap) {
        return new CsnFitter(minTail, cap, discrete, xMin);
    }

    /** The same rule for the discrete power law. */
    public CsnFitter asDiscrete() {
        return new CsnFitter(minTail, maxCandidates, true, xMin);
    }

    /** The same fit at a fixed x_min (positive; an integer for the discrete law). */
    public CsnFitter withXmin(double fixed) {
        return new CsnFitter(minTail, maxCandidates, discrete, Require.positive("xMin", fixed));
    }

    @Override
    public double[] prepare(double[] data) {
        return checked(PowerLawData.of(data)).expand();
    }

    @Override
    public XminScan scanPrepared(double[] sorted) {
        Args.checkPrepared(sorted);
        return scan(checked(PowerLawData.of(sorted)));
    }

    @Override
    public PowerLawFit fit(double[] data) {
        return fit(PowerLawData.of(data));
    }

    @Override
    public PowerLawFit fitPrepared(double[] sorted) {
        Args.checkPrepared(sorted);
        return fit(PowerLawData.of(sorted));
    }

    /** Every candidate with its α̂, D and tail size. */
    public XminScan scan(PowerLawData data) {
        Scan s = new Scan(checked(data));
        int m = s.starts.length;
        double[] xmins = new double[m];
        double[] alphas = new double[m];
        double[] ds = new double[m];
        int[] sizes = new int[m];
        int best = 0;
        for (int k = 0; k < m; k++) {
            int i = s.starts[k];
            xmins[k] = s.xm[k];
            sizes[k] = (int) s.tailCount[i];
            alphas[k] = s.alpha(i, s.xm[k]);
            ds[k] = s.distance(i, s.xm[k], alphas[k], 1, Double.POSITIVE_INFINITY);
            if (ds[k] < ds[best]) {
                best = k;
            }
        }
        return new XminScan(xmins, alphas, ds, sizes, best);
    }

    /**
     * The fit at the candidate with the smallest D. Only the winner's D is computed to the end: every
     * candidate first gets a lower bound, D evaluated on every 64th distinct tail value; candidates are then
     * taken in order of that bound, each evaluated on every 8th value and then on all, and dropped as soon
     * as a partial maximum exceeds the best complete D. A partial maximum never exceeds the full one, so
     * the result is that of the full {@link #scan} (ties: the first candidate).
     */
    @Override
    public PowerLawFit fit(PowerLawData data) {
        Scan s = new Scan(checked(data));
        int m = s.starts.length;
        double[] alphas = new double[m];
        double[] lower = new double[m];
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) {
            alphas[k] = s.alpha(s.starts[k], s.xm[k]);
            lower[k] = s.distance(s.starts[k], s.xm[k], alphas[k], COARSE, Double.POSITIVE_INFINITY);
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> lower[a] != lower[b] ? Double.compare(lower[a], lower[b]) : a - b);
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k : order) {
            if (lower[k] > bestD) {
                break;      // every later candidate's lower bound is larger still
            }
            int i = s.starts[k];
            double d = s.distance(i, s.xm[k], alphas[k], FINE, bestD);
            if (d <= bestD) {
                d = s.distance(i, s.xm[k], alphas[k], 1, bestD);
            }
            if (d < bestD || (d == bestD && k < best)) {
                best = k;
                bestD = d;
            }
        }
        double bestAlpha = alphas[best];
        int i = s.starts[best];
        int n = (int) s.tailCount[i];
        if (!(bestAlpha > 1) || !Double.isFinite(bestAlpha)) {
            throw new IllegalArgumentException("data: no candidate x_min gives a finite exponent above 1");
        }
        PowerLawModel law;
        double se;
        if (discrete) {
            DiscretePowerLaw d = new DiscretePowerLaw(bestAlpha, s.xm[best]);
            law = d;
            se = 1 / Math.sqrt(n * d.logVariance());
        } else {
            law = new PowerLaw(bestAlpha, s.xm[best]);
            se = (bestAlpha - 1) / Math.sqrt(n);
        }
        return new PowerLawFit(law, n, (int) s.tailCount[0], bestD, se, m, (int) Math.min(Integer.MAX_VALUE,
                data.dropped()));
    }

    private PowerLawData checked(PowerLawData data) {
        Require.notNull("data", data);
        int n = data.size();
        if (n < minTail) {
            throw new IllegalArgumentException("data: " + n + " positive value(s), fewer than minTail = " + minTail);
        }
        if (discrete) {
            for (double v : data.valuesView()) {
                if (v != Math.rint(v)) {
                    throw new IllegalArgumentException("data: the discrete power law needs integer values, got " + v);
                }
            }
        }
        return data;
    }

    /** The per-candidate quantities of one data set. */
    private final class Scan {
        final double[] v;
        final long[] c;
        final double[] log;
        /** tailCount[i] = Σ_{j ≥ i} c_j; tailLog[i] = Σ_{j ≥ i} c_j ln v_j. */
        final long[] tailCount;
        final double[] tailLog;
        /** cumulative[j] = Σ_{k &lt; j} c_k. */
        final long[] cumulative;
        final int[] starts;
        /** The x_min of each candidate: its first tail value, or the fixed x_min. */
        final double[] xm;

        Scan(PowerLawData data) {
            v = data.valuesView();
            c = data.countsView();
            int m = v.length;
            log = new double[m];
            double[] weighted = new double[m];
            for (int i = 0; i < m; i++) {
                log[i] = Math.log(v[i]);
                weighted[i] = c[i] * log[i];
            }
            tailLog = suffixSums(weighted);
            tailCount = new long[m];
            cumulative = new long[m];
            long t = 0;
            for (int i = m - 1; i >= 0; i--) {
                t += c[i];
                tailCount[i] = t;
            }
            for (int i = 1; i < m; i++) {
                cumulative[i] = cumulative[i - 1] + c[i - 1];
            }
            if (!Double.isNaN(xMin)) {
                int i = data.firstAtLeast(xMin);
                long n = i < m ? tailCount[i] : 0;
                if (n < Math.max(2, minTail) || !(v[m - 1] > xMin)) {
                    throw new IllegalArgumentException("xMin: leaves " + n
                            + " values in the tail; needs at least " + Math.max(2, minTail)
                            + ", not all equal to x_min");
                }
                starts = new int[]{i};
                xm = new double[]{xMin};
                return;
            }
            int[] all = new int[m];
            int k = 0;
            for (int i = 0; i < m - 1; i++) {
                if (tailCount[i] >= minTail) {
                    all[k++] = i;
                }
            }
            if (k == 0) {
                throw new IllegalArgumentException("data: no x_min leaves a tail of at least " + minTail
                        + " values with two distinct ones");
            }
            if (maxCandidates > 0 && k > maxCandidates) {
                int[] sub = new int[maxCandidates];
                for (int j = 0; j < maxCandidates; j++) {
                    sub[j] = all[(int) Math.round((double) j * (k - 1) / (maxCandidates - 1))];
                }
                starts = sub;
            } else {
                starts = Arrays.copyOf(all, k);
            }
            xm = new double[starts.length];
            for (int j = 0; j < starts.length; j++) {
                xm[j] = v[starts[j]];
            }
        }

        /** The MLE on the tail from index i with x_min = x (≤ v[i]). */
        double alpha(int i, double x) {
            long n = tailCount[i];
            double sumLogRatio = tailLog[i] - n * Math.log(x);
            if (!discrete) {
                return 1 + n / sumLogRatio;
            }
            double meanLog = tailLog[i] / n;
            double sumLogHalf = sumLogRatio - n * Math.log1p(-0.5 / x);
            return DiscretePowerLaw.solve(meanLog, x, (int) n, sumLogHalf);
        }

        /**
         * D of the tail from index i under exponent a, its pointwise deviations taken at every
         * {@code stride}-th distinct value only (stride 1: exact; larger: a lower bound); stops early,
         * returning a value &gt; bound, once past bound.
         */
        double distance(int i, double x, double a, int stride, double bound) {
            return discrete ? discreteDistance(i, x, a, stride, bound) : continuousDistance(i, x, a, stride, bound);
        }

        private double continuousDistance(int i, double x, double a, int stride, double bound) {
            double n = tailCount[i];
            double lx = Math.log(x);
            double d = 0;
            for (int j = i; j < v.length; j += stride) {
                double p = -Math.expm1((1 - a) * (log[j] - lx));
                long below = cumulative[j] - cumulative[i];
                long through = below + c[j];
                d = Math.max(d, Math.max(p - below / n, through / n - p));
                if (d > bound) {
                    return d;
                }
            }
            return d;
        }

        private double discreteDistance(int i, double x, double a, int stride, double bound) {
            double n = tailCount[i];
            double lx = Math.log(x);                      // ζ's scaled by x^α: ratios stay finite for large α
            double z = HurwitzZeta.scaled(a, x, lx);
            // P(X ≥ v_j), carried along when stride = 1; below the first tail value the empirical CDF is 0
            double atLeast = v[i] == x ? 1 : HurwitzZeta.scaled(a, v[i], lx) / z;
            double d = 1 - atLeast;
            for (int j = i; j < v.length; j += stride) {
                if (stride != 1 && j != i) {
                    atLeast = HurwitzZeta.scaled(a, v[j], lx) / z;
                }
                double emp = (cumulative[j] + c[j] - cumulative[i]) / n;
                double cdfHere = 1 - atLeast + Math.exp(-a * (log[j] - lx)) / z;     // P(X ≤ v_j)
                d = Math.max(d, Math.abs(emp - cdfHere));
                if (j + 1 < v.length) {
                    double next = HurwitzZeta.scaled(a, v[j + 1], lx) / z;           // P(X ≥ v_{j+1})
                    if (v[j + 1] - v[j] > 1) {
                        d = Math.max(d, Math.abs(emp - (1 - next)));            // at x = v_{j+1} − 1
                    }
                    atLeast = next;
                }
                if (d > bound) {
                    return d;
                }
            }
            return d;
        }
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
}
