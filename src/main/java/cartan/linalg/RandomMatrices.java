package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

import java.util.SplittableRandom;

/**
 * Random matrices from an explicit seed, so every notebook and test is reproducible bit for bit.
 *
 * <ul>
 *   <li>{@link #gaussian}: i.i.d. N(0, σ²) entries (the real Ginibre ensemble for σ² = 1/d).</li>
 *   <li>{@link #haarOrthogonal}: Q from the QR factorisation of a Gaussian matrix with the signs of
 *   diag(R) moved into Q (Mezzadri 2007), which makes Q Haar-distributed on O(d).</li>
 * </ul>
 */
public final class RandomMatrices {

    private RandomMatrices() {
    }

    /** A rows × cols matrix of i.i.d. N(0, sigma²) entries. */
    public static DMatrixRMaj gaussian(int rows, int cols, double sigma, SplittableRandom random) {
        Require.atLeast("rows", rows, 1);
        Require.atLeast("cols", cols, 1);
        Require.nonNegative("sigma", sigma);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = sigma * standardNormal(random);
        }
        return m;
    }

    /** A rows × cols matrix of i.i.d. N(0, sigma²) entries from the given seed. */
    public static DMatrixRMaj gaussian(int rows, int cols, double sigma, long seed) {
        return gaussian(rows, cols, sigma, new SplittableRandom(seed));
    }

    /** A Haar-distributed d × d orthogonal matrix. */
    public static DMatrixRMaj haarOrthogonal(int d, SplittableRandom random) {
        Require.atLeast("d", d, 1);
        DMatrixRMaj g = gaussian(d, d, 1, random);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
        if (!qr.decompose(g)) {
            throw new IllegalStateException("QR failed");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj r = qr.getR(null, false);
        for (int c = 0; c < d; c++) {
            if (r.get(c, c) < 0) {
                for (int row = 0; row < d; row++) {
                    q.set(row, c, -q.get(row, c));
                }
            }
        }
        return q;
    }

    /** A Haar-distributed d × d orthogonal matrix from the given seed. */
    public static DMatrixRMaj haarOrthogonal(int d, long seed) {
        return haarOrthogonal(d, new SplittableRandom(seed));
    }

    /** R diag(values) Sᵀ for orthogonal R, S: a matrix with prescribed singular values in random frames. */
    public static DMatrixRMaj withSingularValues(double[] values, SplittableRandom random) {
        Require.finite("values", values);
        int d = values.length;
        DMatrixRMaj u = haarOrthogonal(d, random);
        DMatrixRMaj v = haarOrthogonal(d, random);
        DMatrixRMaj us = u.copy();
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                us.set(r, c, us.get(r, c) * values[c]);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(us, v, out);
        return out;
    }

    /** One N(0, 1) draw (polar Box–Muller; no cached second value, so streams stay splittable). */
    public static double standardNormal(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }
}
