package cartan.fit;

import cartan.Require;

import java.util.Arrays;

/**
 * Points of a complementary CDF P(X ≥ x), the curve of every power-law paper's figure: the data's
 * (at each distinct value) and the fitted tail's, scaled by the tail fraction n/N so that it meets the
 * data at x_min. On log-log axes a power law is a straight line of slope 1 − α.
 *
 * @param x ascending points
 * @param p P(X ≥ x) at each, in (0, 1]
 */
public record Ccdf(double[] x, double[] p) {

    public Ccdf {
        Require.positive("x", x);
        Require.positive("p", p);
        if (p.length != x.length) {
            throw new IllegalArgumentException("p: must have one entry per x (" + x.length + "), got " + p.length);
        }
        x = x.clone();
        p = p.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] p() {
        return p.clone();
    }

    public int size() {
        return x.length;
    }

    /** The empirical P(X ≥ x) at each distinct value of the data. */
    public static Ccdf of(PowerLawData data) {
        Require.notNull("data", data);
        double[] v = data.valuesView();
        long[] c = data.countsView();
        double n = data.size();
        double[] p = new double[v.length];
        long atLeast = (long) n;
        for (int i = 0; i < v.length; i++) {
            p[i] = atLeast / n;
            atLeast -= c[i];
        }
        return new Ccdf(v, p);
    }

    /**
     * The fitted tail (n/N)·P_fit(X ≥ x) from x_min to {@code xMax}: {@code points} log-spaced values
     * (rounded to distinct integers for a discrete law).
     */
    public static Ccdf fitted(PowerLawFit fit, double xMax, int points) {
        Require.notNull("fit", fit);
        Require.atLeast("points", points, 2);
        Require.positive("xMax", xMax);
        double lo = fit.xMin();
        if (!(xMax > lo)) {
            throw new IllegalArgumentException("xMax: must exceed x_min = " + lo + ", got " + xMax);
        }
        PowerLawModel law = fit.law();
        double frac = fit.tailFraction();
        double[] x = new double[points];
        int k = 0;
        for (int i = 0; i < points; i++) {
            double v = lo * Math.exp(Math.log(xMax / lo) * i / (points - 1));
            if (law.discrete()) {
                v = Math.rint(v);
            }
            if (k == 0 || v > x[k - 1]) {
                x[k++] = v;
            }
        }
        x = Arrays.copyOf(x, k);
        double[] p = new double[k];
        int kept = 0;
        for (int i = 0; i < k; i++) {
            double q = frac * law.tailProbability(x[i]);
            if (q > 0) {
                x[kept] = x[i];
                p[kept++] = q;
            }
        }
        return new Ccdf(Arrays.copyOf(x, kept), Arrays.copyOf(p, kept));
    }

    /**
     * At most {@code maxPoints} of these points, the first in each of {@code maxPoints} equal bins of
     * ln x (and always the last point), so a plot of 10⁶ distinct values stays readable and small.
     */
    public Ccdf thinned(int maxPoints) {
        Require.atLeast("maxPoints", maxPoints, 2);
        if (x.length <= maxPoints) {
            return this;
        }
        double lo = Math.log(x[0]);
        double width = (Math.log(x[x.length - 1]) - lo) / (maxPoints - 1);
        double[] tx = new double[maxPoints + 1];
        double[] tp = new double[maxPoints + 1];
        int k = 0;
        long lastBin = -1;
        for (int i = 0; i < x.length; i++) {
            long bin = (long) Math.floor((Math.log(x[i]) - lo) / width);
            if (bin != lastBin || i == x.length - 1) {
                if (k == tx.length) {
                    k--;
                }
                tx[k] = x[i];
                tp[k++] = p[i];
                lastBin = bin;
            }
        }
        return new Ccdf(Arrays.copyOf(tx, k), Arrays.copyOf(tp, k));
    }
}
