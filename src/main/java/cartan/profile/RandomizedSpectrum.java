package cartan.profile;

import cartan.Require;
import cartan.spectrum.MarchenkoPasturFit;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The randomized control of a layer (WeightWatcher's {@code randomize=True}, {@code apply_random_esd}): the
 * entries of W are shuffled, which keeps their distribution and destroys every correlation between them, and
 * the ESD of the shuffled matrix W_rand is compared with that of W. For a pooled conv layer each slice is
 * shuffled on its own.
 *
 * <ul>
 *   <li>{@code max_rand_eval}: the largest eigenvalue of W_randᵀW_rand;</li>
 *   <li>{@code ww_softrank} = max λ_rand / λ_max;</li>
 *   <li>{@code rand_distance}: WeightWatcher's Jensen–Shannon distance between the two eigenvalue vectors,
 *   each sorted ascending and normalised to sum 1 (masses over the index, not densities):
 *   √(½ KL(p‖m) + ½ KL(r‖m)), m = (p + r)/2, natural logarithms;</li>
 *   <li>{@code rand_bulk_max}: the upper edge of the Marchenko–Pastur bulk fitted to the shuffled ESD
 *   ({@link MarchenkoPasturFit}), and {@code num_traps} the number of shuffled eigenvalues beyond its spike
 *   threshold: <b>correlation traps</b>, which survive the shuffle because a few entries are so large that
 *   they dominate any arrangement of the matrix (WeightWatcher's {@code rand_num_spikes}).</li>
 * </ul>
 * The shuffle is a Fisher–Yates permutation of the row-major entries drawn from {@code SplittableRandom(seed)},
 * so the result depends on the seed only (never on threads). WeightWatcher draws 5 shuffles for matrices with
 * fewer than 100 eigenvalues and an unseeded one otherwise; this is always one seeded shuffle. The eigenvalues
 * come from {@link LayerSpectrum#singularValues(DMatrixRMaj)}, the path every eigenvalue of a profile takes.
 *
 * @param eigenvalues the eigenvalues of the shuffled matrix (matrices), descending
 * @param bulk        the MP bulk fitted to them, or null if it could not be fitted
 * @param distance    {@code rand_distance} (NaN if the lengths differ)
 * @param softRank    {@code ww_softrank}
 * @param traps       {@code num_traps} (0 without a bulk)
 */
public record RandomizedSpectrum(double[] eigenvalues, MarchenkoPasturFit bulk, double distance, double softRank,
                                 int traps) {

    public RandomizedSpectrum {
        Require.notNull("eigenvalues", eigenvalues);
        eigenvalues = eigenvalues.clone();
    }

    /**
     * The control of a layer whose matrices are {@code parts} (one, or a conv layer's slices) and whose own
     * eigenvalues are {@code lambda}.
     *
     * @param rows, cols the shape of one part (for the MP fit)
     */
    public static RandomizedSpectrum of(List<DMatrixRMaj> parts, double[] lambda, int rows, int cols, long seed) {
        Require.notNull("parts", parts);
        Require.finite("lambda", lambda);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] sigmas = new double[parts.size()][];
        int total = 0;
        for (int p = 0; p < parts.size(); p++) {
            DMatrixRMaj w = shuffled(parts.get(p), random);
            sigmas[p] = LayerSpectrum.singularValues(w);
            total += sigmas[p].length;
        }
        double[] rand = new double[total];
        int at = 0;
        for (double[] s : sigmas) {
            for (double v : s) {
                rand[at++] = v * v;
            }
        }
        Arrays.sort(rand);
        double max = rand[total - 1];
        double lambdaMax = Arrays.stream(lambda).max().orElse(Double.NaN);
        MarchenkoPasturFit bulk;
        try {
            bulk = MarchenkoPasturFit.fit(rand, rows, cols);
        } catch (IllegalArgumentException e) {
            bulk = null;
        }
        int traps = bulk == null ? 0 : bulk.spikes();
        double[] descending = new double[total];
        for (int k = 0; k < total; k++) {
            descending[k] = rand[total - 1 - k];
        }
        return new RandomizedSpectrum(descending, bulk, jensenShannonDistance(lambda, rand), max / lambdaMax, traps);
    }

    /** A copy of w with its entries permuted by Fisher–Yates from {@code random}. */
    public static DMatrixRMaj shuffled(DMatrixRMaj w, SplittableRandom random) {
        Require.notNull("w", w);
        Require.notNull("random", random);
        DMatrixRMaj s = w.copy();
        double[] d = s.data;
        for (int i = s.getNumElements() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return s;
    }

    /**
     * WeightWatcher's {@code jensen_shannon_distance}: a and b sorted ascending, each divided by its sum, then
     * √((KL(p‖m) + KL(q‖m))/2) with m = (p + q)/2 and 0·ln 0 = 0. NaN if the lengths differ or a sum is 0.
     */
    public static double jensenShannonDistance(double[] a, double[] b) {
        Require.finite("a", a);
        Require.finite("b", b);
        if (a.length != b.length) {
            return Double.NaN;
        }
        double[] p = a.clone();
        double[] q = b.clone();
        Arrays.sort(p);
        Arrays.sort(q);
        double sp = 0;
        double sq = 0;
        for (int i = 0; i < p.length; i++) {
            sp += p[i];
            sq += q[i];
        }
        if (!(sp > 0) || !(sq > 0)) {
            return Double.NaN;
        }
        double kp = 0;
        double kq = 0;
        for (int i = 0; i < p.length; i++) {
            double x = p[i] / sp;
            double y = q[i] / sq;
            double m = 0.5 * (x + y);
            if (x > 0) {
                kp += x * Math.log(x / m);
            }
            if (y > 0) {
                kq += y * Math.log(y / m);
            }
        }
        return Math.sqrt(Math.max(0, 0.5 * (kp + kq)));
    }

    /** The largest shuffled eigenvalue ({@code max_rand_eval}). */
    public double maxEigenvalue() {
        return eigenvalues[0];
    }

    /** The upper MP edge of the shuffled ESD ({@code rand_bulk_max}), NaN without a bulk. */
    public double bulkMax() {
        return bulk == null ? Double.NaN : bulk.bulkMax();
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }
}
