package cartan.lyapunov;

import java.util.SplittableRandom;

/**
 * Fast i.i.d. N(0, 1) draws for filling large factor matrices: the polar (Marsaglia) method using
 * both values of each accepted pair, so one pair of uniforms and one log/sqrt give two normals.
 * Package-private: the ensembles are the public face.
 */
final class Gaussians {

    private Gaussians() {
    }

    /** a[from..to) ← scale · N(0, 1) i.i.d. */
    static void fill(double[] a, int from, int to, double scale, SplittableRandom random) {
        int i = from;
        while (i < to) {
            double u;
            double v;
            double s;
            do {
                u = 2 * random.nextDouble() - 1;
                v = 2 * random.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double f = scale * Math.sqrt(-2 * Math.log(s) / s);
            a[i++] = u * f;
            if (i < to) {
                a[i++] = v * f;
            }
        }
    }
}
