package cartan.experiment;

import cartan.Require;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Whether a quantity depends on a grouping (α on the layer type): the Kruskal–Wallis statistic
 * H = 12/(N(N+1)) Σ_g R_g²/n_g − 3(N+1) of the ranks (ties get their mean rank), and its permutation
 * null — the rival "one value for every group" — from {@code permutations} random relabellings.
 *
 * @param h          the observed statistic
 * @param nullMean   mean of H over the permutations
 * @param nullSd     standard deviation of H over the permutations
 * @param nullQ99    99th percentile of H over the permutations
 * @param pValue     fraction of permutations with H ≥ the observed (plus one, over permutations plus one)
 * @param groups     number of groups
 */
public record GroupEffect(double h, double nullMean, double nullSd, double nullQ99, double pValue, int groups) {

    /** Kruskal–Wallis with a seeded permutation null. */
    public static GroupEffect of(double[] values, String[] labels, int permutations, long seed) {
        Require.finite("values", values);
        if (labels == null || labels.length != values.length) {
            throw new IllegalArgumentException("labels: must have one label per value (" + values.length + ")");
        }
        Require.atLeast("permutations", permutations, 10);
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] g = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            g[i] = ids.computeIfAbsent(Require.notNull("labels", labels[i]), k -> ids.size());
        }
        if (ids.size() < 2) {
            throw new IllegalArgumentException("labels: need at least two groups, got " + ids.size());
        }
        double[] ranks = ranks(values);
        double h = statistic(ranks, g, ids.size());
        SplittableRandom r = new SplittableRandom(seed);
        double[] hs = new double[permutations];
        int[] perm = g.clone();
        int above = 0;
        for (int p = 0; p < permutations; p++) {
            for (int i = perm.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            hs[p] = statistic(ranks, perm, ids.size());
            above += hs[p] >= h ? 1 : 0;
        }
        double mean = Arrays.stream(hs).average().orElseThrow();
        double var = Arrays.stream(hs).map(x -> (x - mean) * (x - mean)).sum() / (permutations - 1);
        Arrays.sort(hs);
        return new GroupEffect(h, mean, Math.sqrt(var), hs[(int) Math.ceil(0.99 * permutations) - 1],
                (above + 1.0) / (permutations + 1.0), ids.size());
    }

    static double statistic(double[] ranks, int[] group, int groups) {
        double[] sum = new double[groups];
        int[] n = new int[groups];
        for (int i = 0; i < ranks.length; i++) {
            sum[group[i]] += ranks[i];
            n[group[i]]++;
        }
        double total = ranks.length;
        double s = 0;
        for (int k = 0; k < groups; k++) {
            s += n[k] == 0 ? 0 : sum[k] * sum[k] / n[k];
        }
        return 12 / (total * (total + 1)) * s - 3 * (total + 1);
    }

    /** Ranks 1…N, ties sharing their mean rank. */
    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }
}
