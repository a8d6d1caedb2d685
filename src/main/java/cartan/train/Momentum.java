package cartan.train;

import org.ejml.data.DMatrixRMaj;

/**
 * A heavy-ball buffer with Nesterov look-ahead, as in PyTorch's {@code SGD(nesterov=True)} and Muon:
 * m ← μ m + g, direction g + μ m. One buffer per parameter block, created on first use.
 */
final class Momentum {

    private final double mu;
    private DMatrixRMaj[] w;
    private double[][] b;

    Momentum(double mu) {
        this.mu = mu;
    }

    /** Updates layer i's buffers with its gradient and returns the Nesterov direction for W. */
    DMatrixRMaj weight(int i, int layers, DMatrixRMaj g) {
        if (w == null) {
            w = new DMatrixRMaj[layers];
            b = new double[layers][];
        }
        if (w[i] == null) {
            w[i] = new DMatrixRMaj(g.numRows, g.numCols);
        }
        DMatrixRMaj m = w[i];
        DMatrixRMaj d = new DMatrixRMaj(g.numRows, g.numCols);
        for (int k = 0; k < g.getNumElements(); k++) {
            m.data[k] = mu * m.data[k] + g.data[k];
            d.data[k] = g.data[k] + mu * m.data[k];
        }
        return d;
    }

    /** The same for layer i's bias (call after {@link #weight} for that layer). */
    double[] bias(int i, double[] g) {
        if (b[i] == null) {
            b[i] = new double[g.length];
        }
        double[] m = b[i];
        double[] d = new double[g.length];
        for (int k = 0; k < g.length; k++) {
            m[k] = mu * m[k] + g[k];
            d[k] = g[k] + mu * m[k];
        }
        return d;
    }
}
