package cartan.fit;

import cartan.Require;

import java.util.Arrays;

/**
 * Chooses x_min and fits the power-law tail of a sample: for every candidate x_min, the MLE α on the
 * values ≥ x_min and the KS distance D between their empirical CDF and the fitted power law; the
 * candidate with the smallest D wins (Clauset, Shalizi, Newman 2009, §3.3).
 *
 * <p>Two rules, which differ in the candidates and in how D is measured:
 * <ul>
 *   <li>{@link #weightWatcher()}: WeightWatcher's {@code WWFit} exactly (see {@link WeightWatcherFitter}).</li>
 *   <li>{@link #csn(int)}: CSN with a minimum tail size and the two-sided KS distance (see {@link CsnFitter});
 *   {@link #csnDiscrete(int)} the same for the discrete power law of integer data.</li>
 * </ul>
 * A per-layer exponent is then {@code TailFitter.weightWatcher().fit(eigenvalues)}; a data column,
 * {@code TailFitter.csn(50).fit(PowerLawData.readColumn(path, "degree"))}.
 */
public sealed interface TailFitter permits WeightWatcherFitter, CsnFitter {

    /** WeightWatcher's {@code WWFit}, eigenvalues ≤ 1e-5 dropped first. */
    static WeightWatcherFitter weightWatcher() {
        return new WeightWatcherFitter(WeightWatcherFitter.EVALS_THRESH);
    }

    /** CSN with at least {@code minTail} values in the tail and every distinct value a candidate. */
    static CsnFitter csn(int minTail) {
        return new CsnFitter(minTail, 0);
    }

    /** CSN for the discrete power law (integer data), at least {@code minTail} values in the tail. */
    static CsnFitter csnDiscrete(int minTail) {
        return new CsnFitter(minTail, 0, true);
    }

    /** The fit of a sample given as distinct values with counts. */
    PowerLawFit fit(PowerLawData data);

    /**
     * The values this rule fits, sorted ascending (a threshold may drop some).
     *
     * @throws IllegalArgumentException if {@code data} has NaN/infinite entries or too few usable values
     */
    double[] prepare(double[] data);

    /**
     * Scans the candidates of data already passed through {@link #prepare}.
     *
     * @throws IllegalArgumentException if {@code sorted} is null, has fewer than 2 entries, or is not
     *                                  finite, positive and ascending (i.e. did not come from prepare)
     */
    XminScan scanPrepared(double[] sorted);

    /** Scans all candidate x_min values of {@code data}. */
    default XminScan scan(double[] data) {
        return scanPrepared(prepare(data));
    }

    /** The fit at the best candidate. */
    default PowerLawFit fit(double[] data) {
        return fitPrepared(prepare(data));
    }

    /** The fit of data already passed through {@link #prepare}. */
    default PowerLawFit fitPrepared(double[] sorted) {
        XminScan s = scanPrepared(sorted);
        int b = s.best();
        double alpha = s.alphas()[b];
        int n = s.tailSizes()[b];
        if (!(alpha > 1) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("data: no candidate x_min gives a finite exponent above 1");
        }
        return new PowerLawFit(new PowerLaw(alpha, s.xMins()[b]), n, sorted.length, s.distances()[b],
                (alpha - 1) / Math.sqrt(n), s.size(), 0);
    }

    /** Sorted copy of the finite values. */
    static double[] sortedFinite(String name, double[] data) {
        Require.finite(name, data);
        double[] s = data.clone();
        Arrays.sort(s);
        return s;
    }
}
