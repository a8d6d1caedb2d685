package cartan.rank;

import cartan.Require;
import cartan.spectrum.Spectrum;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.SplittableRandom;

/**
 * Approximate power laws and their energy-quantile ranks (notebook 04, E1.6g): eigenvalue weights
 * w_k = k^{−s} e^{η_k}, k = 1..d, realised as the spectrum σ_k = √w_k, and r_τ measured on it by
 * {@link Spectrum#energyQuantileRank} (sorted singular values — a code path independent of
 * {@link QuantileRank#approximateBounds}, which brackets it when |η_k| ≤ η).
 *
 * @param table    per (s, d): the bracket, the exact power law's rank and the range of the drawn ranks
 * @param outside  how many drawn ranks fell outside their bracket
 * @param draws    how many spectra were drawn
 */
public record PerturbedPowerLaws(Table table, int outside, int draws) {

    public PerturbedPowerLaws {
        Require.notNull("table", table);
    }

    /** r_τ of the spectrum σ_k = √(k^{−s} e^{η_k}), η_k = {@code eta[k − 1]}. */
    public static int rank(double s, int d, double[] eta, double tau) {
        Require.finite("s", s);
        Require.finite("eta", eta);
        if (eta.length != d) {
            throw new IllegalArgumentException("eta: need one perturbation per rank (" + d + "), got " + eta.length);
        }
        double[] sv = new double[d];
        for (int k = 1; k <= d; k++) {
            sv[k - 1] = Math.sqrt(Math.pow(k, -s) * Math.exp(eta[k - 1]));
        }
        return Spectrum.ofSingularValues(sv).energyQuantileRank(tau);
    }

    /** The front-loaded extremal perturbation: η_k = +η for k ≤ upTo, −η beyond. */
    public static double[] frontLoaded(int d, int upTo, double eta) {
        Require.atLeast("d", d, 1);
        Require.nonNegative("eta", eta);
        double[] out = new double[d];
        for (int k = 1; k <= d; k++) {
            out[k - 1] = k <= upTo ? eta : -eta;
        }
        return out;
    }

    /**
     * For each s (outer) and d: {@code count} spectra with η_k uniform in [−η, η] ({@code rnd.doubles(d, −η, η)}
     * per spectrum), their smallest and largest r_τ, the bracket of {@link QuantileRank#approximateBounds} and
     * the exact power law's rank.
     */
    public static PerturbedPowerLaws population(double[] exponents, int[] widths, double tau, double eta, int count,
                                                SplittableRandom rnd) {
        Require.finite("exponents", exponents);
        Require.notNull("widths", widths);
        Require.nonNegative("eta", eta);
        Require.atLeast("count", count, 1);
        Require.notNull("rnd", rnd);
        StringColumn caseCol = StringColumn.create("s, d");
        IntColumn loA = IntColumn.create("lower (η = " + eta + ")");
        IntColumn r0 = IntColumn.create("exact power law");
        IntColumn hiA = IntColumn.create("upper (η = " + eta + ")");
        IntColumn minCol = IntColumn.create("min over " + count + " draws");
        IntColumn maxCol = IntColumn.create("max over " + count + " draws");
        int outside = 0;
        int total = 0;
        for (double s : exponents) {
            for (int d : widths) {
                RankBounds b = QuantileRank.approximateBounds(s, d, tau, eta);
                int lo = Integer.MAX_VALUE;
                int hi = 0;
                for (int t = 0; t < count; t++, total++) {
                    int r = rank(s, d, rnd.doubles(d, -eta, eta).toArray(), tau);
                    lo = Math.min(lo, r);
                    hi = Math.max(hi, r);
                    if (!b.contains(r)) {
                        outside++;
                    }
                }
                caseCol.append(s + ", " + d);
                loA.append(b.lower());
                r0.append(QuantileRank.exact(s, d, tau));
                hiA.append(b.upper());
                minCol.append(lo);
                maxCol.append(hi);
            }
        }
        Table table = Table.create("approximate power laws, τ = " + tau + ", η = " + eta)
                .addColumns(caseCol, loA, minCol, r0, maxCol, hiA);
        return new PerturbedPowerLaws(table, outside, total);
    }
}
