import cartan.linalg.Backend;
import cartan.linalg.QrIteration;
import cartan.lyapunov.ProductEnsemble;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Timing harness (no JMH): the Benettin/QR method for the full Lyapunov spectrum of a product of L real
 * Ginibre factors (variance σ_w²/d = 2/d), the same work as bench/lyapunov_numpy.py.
 *
 * Usage: java -cp target/classes:$(deps) bench/LyapunovBench.java D L [REPEATS] [impl]
 * impl = cartan (QrIteration, pure-Java backend; default) or ejml (plain EJML loop: mult, QR, getQ every step).
 * Prints: impl D L best_seconds lambda_1 lambda_D
 */
public class LyapunovBench {

    static double[] cartan(int d, int depth, long seed) {
        ProductEnsemble g = ProductEnsemble.ginibre(d, 2.0, seed);
        QrIteration qr = QrIteration.identityFrame(d, d, Backend.EJML);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        double[] acc = new double[d];
        for (int l = 0; l < depth; l++) {
            g.next(m);
            qr.push(m);
            for (int j = 0; j < d; j++) {
                acc[j] += qr.logDiagonal(j);
            }
        }
        for (int j = 0; j < d; j++) {
            acc[j] /= depth;
        }
        return acc;
    }

    static double[] ejml(int d, int depth, long seed) {
        ProductEnsemble g = ProductEnsemble.ginibre(d, 2.0, seed);
        QRDecomposition<DMatrixRMaj> dec = DecompositionFactory_DDRM.qr(d, d);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        DMatrixRMaj q = CommonOps_DDRM.identity(d);
        DMatrixRMaj z = new DMatrixRMaj(d, d);
        DMatrixRMaj r = new DMatrixRMaj(d, d);
        double[] acc = new double[d];
        for (int l = 0; l < depth; l++) {
            g.next(m);
            CommonOps_DDRM.mult(m, q, z);
            dec.decompose(z);
            dec.getQ(q, false);
            dec.getR(r, false);
            for (int j = 0; j < d; j++) {
                acc[j] += Math.log(Math.abs(r.get(j, j)));
            }
        }
        for (int j = 0; j < d; j++) {
            acc[j] /= depth;
        }
        return acc;
    }

    public static void main(String[] args) {
        int d = Integer.parseInt(args[0]);
        int depth = Integer.parseInt(args[1]);
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String impl = args.length > 3 ? args[3] : "cartan";
        // warm-up so the timed runs measure JIT-compiled code
        for (int w = 0; w < 2; w++) {
            run(impl, d, Math.max(20, depth / 10), 999 + w);
        }
        double best = Double.POSITIVE_INFINITY;
        double[] lam = null;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            lam = run(impl, d, depth, 20260 + rep);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("%s %d %d %.4f %.5f %.5f%n", impl, d, depth, best, lam[0], lam[d - 1]);
    }

    static double[] run(String impl, int d, int depth, long seed) {
        return switch (impl) {
            case "cartan" -> cartan(d, depth, seed);
            case "ejml" -> ejml(d, depth, seed);
            default -> throw new IllegalArgumentException("impl: cartan or ejml, got " + impl);
        };
    }
}
