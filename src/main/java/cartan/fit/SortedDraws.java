package cartan.fit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bootstrap samples drawn already sorted and tallied, so a replicate costs O(N + m) with no sort: N
 * uniform order statistics come from exponential spacings, U₍ₖ₎ = (E₁ + … + Eₖ)/(E₁ + … + E_{N+1}) with
 * Eᵢ iid Exp(1) (their joint law is that of N sorted iid uniforms), and each is pushed through a
 * monotone quantile function. The multiset of images is that of N iid draws.
 *
 * <ul>
 *   <li>{@link #resample}: N draws with replacement from the data (the non-parametric bootstrap);</li>
 *   <li>{@link #semiParametric}: CSN's synthetic sample — with probability n/N a draw from the fitted
 *   power law, otherwise a draw from the N − n data values below x_min. With q = (N − n)/N, a uniform
 *   U &lt; q selects the body and U/q is its uniform; U ≥ q selects the law and (U − q)/(1 − q) is its.</li>
 * </ul>
 */
final class SortedDraws {

    private SortedDraws() {
    }

    /** Tallies ascending draws into distinct values and counts. */
    private static final class Tally {
        double[] v = new double[64];
        long[] c = new long[64];
        int m;

        void add(double x) {
            if (m > 0 && v[m - 1] == x) {
                c[m - 1]++;
                return;
            }
            if (m == v.length) {
                v = Arrays.copyOf(v, 2 * m);
                c = Arrays.copyOf(c, 2 * m);
            }
            v[m] = x;
            c[m++] = 1;
        }

        PowerLawData data() {
            return new PowerLawData(Arrays.copyOf(v, m), Arrays.copyOf(c, m), 0);
        }
    }

    /** A stream of N ascending uniforms on [0, 1). */
    private static final class Uniforms {
        private final SplittableRandom random;
        private final double total;
        private double cumulative;

        Uniforms(int n, SplittableRandom random, double[] spacings) {
            this.random = random;
            double t = 0;
            for (int i = 0; i <= n; i++) {
                spacings[i] = -Math.log1p(-random.nextDouble());
                t += spacings[i];
            }
            this.total = t;
        }

        double next(double spacing) {
            cumulative += spacing;
            return Math.min(cumulative / total, Math.nextDown(1.0));
        }
    }

    /** N draws with replacement from {@code data}, tallied. */
    static PowerLawData resample(PowerLawData data, SplittableRandom random) {
        double[] v = data.valuesView();
        long[] c = data.countsView();
        int n = data.size();
        double[] e = new double[n + 1];
        Uniforms u = new Uniforms(n, random, e);
        Tally t = new Tally();
        int j = 0;
        long cum = c[0];
        for (int k = 0; k < n; k++) {
            double pos = u.next(e[k]) * n;         // a uniform draw is the value whose count-interval holds U·N
            while (pos >= cum && j < v.length - 1) {
                cum += c[++j];
            }
            t.add(v[j]);
        }
        return t.data();
    }

    /** CSN's semi-parametric synthetic sample of the data's size for a fit at x_min. */
    static PowerLawData semiParametric(PowerLawData data, PowerLawModel law, SplittableRandom random) {
        double[] v = data.valuesView();
        long[] c = data.countsView();
        int n = data.size();
        int bodyEnd = data.firstAtLeast(law.xMin());
        long body = 0;
        for (int i = 0; i < bodyEnd; i++) {
            body += c[i];
        }
        double q = (double) body / n;
        double[] e = new double[n + 1];
        Uniforms u = new Uniforms(n, random, e);
        Tally t = new Tally();
        int j = 0;
        long cum = bodyEnd > 0 ? c[0] : 0;
        DiscretePowerLaw.Inverter inverter = law instanceof DiscretePowerLaw d ? new DiscretePowerLaw.Inverter(d) : null;
        for (int k = 0; k < n; k++) {
            double x = u.next(e[k]);
            if (x < q) {
                double pos = x / q * body;
                while (pos >= cum && j < bodyEnd - 1) {
                    cum += c[++j];
                }
                t.add(v[j]);
            } else {
                double w = Math.min((x - q) / (1 - q), Math.nextDown(1.0));
                t.add(inverter != null ? inverter.next(w) : law.quantile(w));
            }
        }
        return t.data();
    }
}
