package cartan.dln;

import cartan.Require;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Samples of the decoupled-law diagnostics of {@link GatedModeRates} along a training run, sorted by the
 * state of each mode k at each time:
 * <ul>
 *   <li><b>separated</b>: σ_k ≥ level, σ_{k−1}/σ_k &gt; ratio (k &gt; 1) and σ_k/σ_{k+1} &gt; ratio;</li>
 *   <li><b>learning</b>: separated and |r_k| ≥ drive (a converged mode, σ̇ = r = 0, would pass any test);</li>
 *   <li><b>bulk</b>: σ_k &lt; level.</li>
 * </ul>
 * Recorded: the misalignment (separated, bulk); for learning modes the relative errors of the decoupled
 * law with the measured gain, ε_G = |σ̇ − G r|/|G r|, and with the balanced gain,
 * ε_B = |σ̇ − Nσ^{2−2/N} r|/|Nσ^{2−2/N} r|, and the ε_B that the depth-(N−1) law would give,
 * |(N−1)σ^{2−2/(N−1)}/(Nσ^{2−2/N}) − 1|; for bulk modes ε_G. Mutable: {@link #add} appends.
 */
public final class ModeSamples {

    /** What is sampled. */
    public enum Stat {
        /** max tan∠ over the intermediate Jacobians, separated modes. */
        SEPARATED_MISALIGNMENT,
        /** the same for bulk modes. */
        BULK_MISALIGNMENT,
        /** ε_G of learning separated modes. */
        DECOUPLED_ERROR,
        /** ε_B of learning separated modes. */
        BALANCED_ERROR,
        /** the ε_B of the depth-(N−1) mode law, same samples. */
        DEPTH_MINUS_ONE_ERROR,
        /** ε_G of bulk modes. */
        BULK_DECOUPLED_ERROR
    }

    private final double level;
    private final double ratio;
    private final double drive;
    private final Map<Stat, List<Double>> samples = new EnumMap<>(Stat.class);
    private int decoupledWins;

    /**
     * @param level emergence level of σ_k (separated above, bulk below)
     * @param ratio the neighbour ratio a separated mode must exceed (&gt; 1)
     * @param drive the |r_k| a learning mode must reach
     */
    public ModeSamples(double level, double ratio, double drive) {
        Require.positive("level", level);
        Require.finite("ratio", ratio);
        if (!(ratio > 1)) {
            throw new IllegalArgumentException("ratio: must exceed 1, got " + ratio);
        }
        Require.positive("drive", drive);
        this.level = level;
        this.ratio = ratio;
        this.drive = drive;
        for (Stat s : Stat.values()) {
            samples.put(s, new ArrayList<>());
        }
    }

    /** Classifies every measured mode of {@code g} (the last one needs σ_{r+1}, so g must not measure all d). */
    public void add(GatedModeRates g) {
        Require.notNull("g", g);
        double[] s = g.sigma();
        if (g.modes() >= s.length) {
            throw new IllegalArgumentException("g: measures all " + s.length + " modes; the last needs σ_{k+1}");
        }
        int n = g.depth();
        for (int k = 1; k <= g.modes(); k++) {
            double sk = s[k - 1];
            boolean separated = sk >= level && (k == 1 || s[k - 2] / sk > ratio) && sk / s[k] > ratio;
            double eG = Math.abs(g.rate()[k - 1] - g.decoupledRate(k)) / Math.abs(g.decoupledRate(k));
            if (separated) {
                samples.get(Stat.SEPARATED_MISALIGNMENT).add(g.misalignment()[k - 1]);
                if (Math.abs(g.drive()[k - 1]) >= drive) {
                    double eB = Math.abs(g.rate()[k - 1] - g.balancedRate(k)) / Math.abs(g.balancedRate(k));
                    samples.get(Stat.DECOUPLED_ERROR).add(eG);
                    samples.get(Stat.BALANCED_ERROR).add(eB);
                    samples.get(Stat.DEPTH_MINUS_ONE_ERROR).add(
                            Math.abs((n - 1) * Math.pow(sk, 2 - 2.0 / (n - 1)) / g.balancedGain(k) - 1));
                    decoupledWins += eG < eB ? 1 : 0;
                }
            } else if (sk < level) {
                samples.get(Stat.BULK_MISALIGNMENT).add(g.misalignment()[k - 1]);
                samples.get(Stat.BULK_DECOUPLED_ERROR).add(eG);
            }
        }
    }

    /** Number of samples of a kind. */
    public int count(Stat stat) {
        return samples.get(stat).size();
    }

    /** The median (the upper one for an even count) of a kind of sample. */
    public double median(Stat stat) {
        double[] a = samples.get(stat).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (a.length == 0) {
            throw new IllegalStateException("no " + stat + " samples were recorded");
        }
        return a[a.length / 2];
    }

    /** The fraction of learning samples in which ε_G &lt; ε_B. */
    public double fractionDecoupledBeatsBalanced() {
        int n = count(Stat.DECOUPLED_ERROR);
        if (n == 0) {
            throw new IllegalStateException("no learning samples were recorded");
        }
        return decoupledWins / (double) n;
    }
}
