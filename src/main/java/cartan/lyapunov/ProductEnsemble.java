package cartan.lyapunov;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.SplittableRandom;
import java.util.Arrays;

/**
 * A seeded stream of d × d factors M_1, M_2, … whose product J_L = M_L ⋯ M_1 is studied.
 *
 * <ul>
 *   <li>{@link #ginibre}: W with i.i.d. N(0, σ_w²/d) entries;</li>
 *   <li>{@link #fixedMask}: D W with D a 0/1 diagonal with exactly m ones at uniformly random
 *   positions, independent of W;</li>
 *   <li>{@link #bernoulliMask}: D W with i.i.d. Bernoulli(p) diagonal, optionally conditioned on at
 *   least {@code minActive} active units (rejection sampling);</li>
 *   <li>{@link #reluNetwork}: the real Jacobian factors D_ℓ W_ℓ of a random bias-free ReLU network
 *   with He initialisation (σ_w² = 2), D_ℓ = diag(1[W_ℓ h_{ℓ−1} &gt; 0]) along a forward trajectory;</li>
 *   <li>{@link #cycling}: a fixed list of factors repeated (for exact test cases).</li>
 * </ul>
 * Implementations are stateful and not thread-safe.
 */
public interface ProductEnsemble {

    /** The dimension d of each factor. */
    int dimension();

    /**
     * An upper bound on the rank of every factor (m for a fixed mask, d otherwise). Exponents
     * λ_k with k above it are −∞, and {@link LyapunovSpectrum} refuses to estimate them.
     */
    default int maxRank() {
        return dimension();
    }

    /** Writes the next factor into {@code out} (d × d, reshaped if needed). */
    void next(DMatrixRMaj out);

    /** The next factor as a new matrix. */
    default DMatrixRMaj next() {
        DMatrixRMaj m = new DMatrixRMaj(dimension(), dimension());
        next(m);
        return m;
    }

    /** Real Ginibre factors: i.i.d. N(0, σ_w²/d) entries. */
    static ProductEnsemble ginibre(int d, double sigmaW2, long seed) {
        return new Masked(d, sigmaW2, d, Double.NaN, d, seed);
    }

    /** D W with exactly m active units (ones on the diagonal of D) at random positions, 1 ≤ m ≤ d. */
    static ProductEnsemble fixedMask(int d, int m, double sigmaW2, long seed) {
        Require.atLeast("d", d, 1);
        Require.atLeast("m", m, 1);
        if (m > d) {
            throw new IllegalArgumentException("m: active units must be at most d = " + d + ", got " + m);
        }
        return new Masked(d, sigmaW2, m, Double.NaN, m, seed);
    }

    /** D W with D_ii i.i.d. Bernoulli(p), 0 &lt; p ≤ 1, unconditioned (masks with no active unit are redrawn). */
    static ProductEnsemble bernoulliMask(int d, double p, double sigmaW2, long seed) {
        return bernoulliMask(d, p, sigmaW2, 1, seed);
    }

    /**
     * D W with D_ii i.i.d. Bernoulli(p) conditioned on K = tr D ≥ minActive (masks with fewer active
     * units are redrawn). Without conditioning λ_k = −∞ for every k with P(K &lt; k) &gt; 0; the
     * conditional closed form {@link MaskedGaussianExponents#bernoulli} describes this ensemble for
     * k ≤ minActive.
     */
    static ProductEnsemble bernoulliMask(int d, double p, double sigmaW2, int minActive, long seed) {
        Require.atLeast("d", d, 1);
        Require.finite("p", p);
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p: must lie in (0, 1] so that some unit is active, got " + p);
        }
        Require.atLeast("minActive", minActive, 1);
        if (minActive > d) {
            throw new IllegalArgumentException("minActive: must be at most d = " + d + ", got " + minActive);
        }
        return new Masked(d, sigmaW2, -1, p, minActive, seed);
    }

    /** Jacobian factors of a random bias-free ReLU network, He initialisation, along a forward pass. */
    static ReluNetwork reluNetwork(int d, long seed) {
        return new ReluNetwork(d, seed);
    }

    /** The given factors in order, repeated cyclically. */
    static ProductEnsemble cycling(List<DMatrixRMaj> factors) {
        if (factors == null || factors.isEmpty()) {
            throw new IllegalArgumentException("factors: must not be empty");
        }
        int d = factors.get(0).numRows;
        for (int i = 0; i < factors.size(); i++) {
            Require.square("factors[" + i + "]", factors.get(i));
            if (factors.get(i).numRows != d) {
                throw new IllegalArgumentException("factors[" + i + "]: must be " + d + "x" + d);
            }
        }
        List<DMatrixRMaj> copy = factors.stream().map(DMatrixRMaj::copy).toList();
        return new ProductEnsemble() {
            private int index;

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public void next(DMatrixRMaj out) {
                out.setTo(copy.get(index));
                index = (index + 1) % copy.size();
            }
        };
    }

    /** Ginibre, fixed-count and Bernoulli masked Gaussian factors. */
    final class Masked implements ProductEnsemble {
        private final int d;
        private final double scale;
        private final int fixedCount; // −1 for Bernoulli
        private final double p;
        private final int minActive;
        private final SplittableRandom random;
        private final boolean[] active;
        private final int[] perm;

        Masked(int d, double sigmaW2, int fixedCount, double p, int minActive, long seed) {
            Require.atLeast("d", d, 1);
            Require.positive("sigmaW2", sigmaW2);
            this.d = d;
            this.scale = Math.sqrt(sigmaW2 / d);
            this.fixedCount = fixedCount;
            this.p = p;
            this.minActive = minActive;
            this.random = new SplittableRandom(seed);
            this.active = new boolean[d];
            this.perm = new int[d];
        }

        @Override
        public int dimension() {
            return d;
        }

        @Override
        public int maxRank() {
            return fixedCount > 0 ? fixedCount : d;
        }

        @Override
        public void next(DMatrixRMaj out) {
            out.reshape(d, d);
            drawMask();
            double[] a = out.data;
            for (int i = 0; i < d; i++) {
                if (active[i]) {
                    Gaussians.fill(a, i * d, (i + 1) * d, scale, random);
                } else {
                    Arrays.fill(a, i * d, (i + 1) * d, 0.0);
                }
            }
        }

        private void drawMask() {
            if (fixedCount == d) {
                Arrays.fill(active, true);
            } else if (fixedCount > 0) {
                for (int i = 0; i < d; i++) {
                    perm[i] = i;
                }
                Arrays.fill(active, false);
                for (int i = 0; i < fixedCount; i++) { // partial Fisher–Yates
                    int j = i + random.nextInt(d - i);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    active[perm[i]] = true;
                }
            } else {
                int count;
                do {
                    count = 0;
                    for (int i = 0; i < d; i++) {
                        active[i] = random.nextDouble() < p;
                        if (active[i]) {
                            count++;
                        }
                    }
                } while (count < minActive);
            }
        }
    }
}
