package cartan.fit;

import java.util.function.ToDoubleFunction;

/**
 * Minimises a function of a few variables with the Nelder–Mead simplex (reflection 1, expansion 2,
 * contraction ½, shrink ½). Deterministic; non-finite function values count as +∞.
 */
final class NelderMead {

    private NelderMead() {
    }

    /** The minimiser found from {@code start} with initial steps {@code step}. */
    static double[] minimize(ToDoubleFunction<double[]> f, double[] start, double[] step, int maxEval, double tol) {
        int d = start.length;
        double[][] p = new double[d + 1][];
        double[] v = new double[d + 1];
        for (int i = 0; i <= d; i++) {
            p[i] = start.clone();
            if (i > 0) {
                p[i][i - 1] += step[i - 1];
            }
            v[i] = eval(f, p[i]);
        }
        int evals = d + 1;
        while (evals < maxEval) {
            // order: best first
            for (int i = 1; i <= d; i++) {
                for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
                    double tv = v[j];
                    v[j] = v[j - 1];
                    v[j - 1] = tv;
                    double[] tp = p[j];
                    p[j] = p[j - 1];
                    p[j - 1] = tp;
                }
            }
            if (Math.abs(v[d] - v[0]) <= tol * (Math.abs(v[0]) + tol) && spread(p) <= 1e-10) {
                break;
            }
            double[] c = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[j] += p[i][j] / d;
                }
            }
            double[] r = affine(c, p[d], -1);
            double fr = eval(f, r);
            evals++;
            if (fr < v[0]) {
                double[] e = affine(c, p[d], -2);
                double fe = eval(f, e);
                evals++;
                if (fe < fr) {
                    p[d] = e;
                    v[d] = fe;
                } else {
                    p[d] = r;
                    v[d] = fr;
                }
            } else if (fr < v[d - 1]) {
                p[d] = r;
                v[d] = fr;
            } else {
                boolean outside = fr < v[d];
                double[] k = outside ? affine(c, r, 0.5) : affine(c, p[d], 0.5);
                double fk = eval(f, k);
                evals++;
                if (fk < (outside ? fr : v[d])) {
                    p[d] = k;
                    v[d] = fk;
                } else {
                    for (int i = 1; i <= d; i++) {
                        p[i] = affine(p[0], p[i], 0.5);
                        v[i] = eval(f, p[i]);
                        evals++;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= d; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return p[best];
    }

    /** c + t·(x − c). */
    private static double[] affine(double[] c, double[] x, double t) {
        double[] y = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            y[i] = c[i] + t * (x[i] - c[i]);
        }
        return y;
    }

    private static double spread(double[][] p) {
        double s = 0;
        for (int i = 1; i < p.length; i++) {
            for (int j = 0; j < p[0].length; j++) {
                s = Math.max(s, Math.abs(p[i][j] - p[0][j]) / (1 + Math.abs(p[0][j])));
            }
        }
        return s;
    }

    private static double eval(ToDoubleFunction<double[]> f, double[] x) {
        double y = f.applyAsDouble(x);
        return Double.isNaN(y) ? Double.POSITIVE_INFINITY : y;
    }
}
