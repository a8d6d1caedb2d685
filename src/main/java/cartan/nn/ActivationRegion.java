package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * The activation region of a ReLU multilayer perceptron at an input x: with the gates
 * D_ℓ = diag(1[z_ℓ(x) &gt; 0]) of its hidden units frozen, the network is affine near x and its
 * input–output Jacobian is the gated product
 * <pre>
 *   J(x) = W_{L+1} D_L W_L ⋯ D_1 W_1,   prefixes P_ℓ(x) = D_ℓ W_ℓ ⋯ D_1 W_1.
 * </pre>
 * Biases move the gates but do not enter J. Only chains Dense, ReLU, Dense, ReLU, …, Dense are accepted
 * (what {@link Network#mlp} builds with ReLU).
 *
 * @param gates    the active hidden units of D_1, …, D_L
 * @param prefixes P_1(x), …, P_L(x)
 * @param jacobian J(x) (outputs × inputs)
 */
public record ActivationRegion(List<boolean[]> gates, List<DMatrixRMaj> prefixes, DMatrixRMaj jacobian) {

    public ActivationRegion {
        gates = gates.stream().map(boolean[]::clone).toList();
        prefixes = prefixes.stream().map(DMatrixRMaj::copy).toList();
        jacobian = jacobian.copy();
    }

    /**
     * The region of {@code net} at input {@code x}.
     *
     * @throws IllegalArgumentException if the network is not a Dense/ReLU chain ending in Dense, or x has
     *                                  the wrong length or is not finite
     */
    public static ActivationRegion of(Network net, double[] x) {
        Require.notNull("net", net);
        Require.finite("x", x);
        if (x.length != net.inputSize()) {
            throw new IllegalArgumentException("x: must have " + net.inputSize() + " entries, got " + x.length);
        }
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            boolean ok = i % 2 == 0 ? l instanceof Dense
                    : l instanceof Activation a && a.kind() == Activation.Kind.RELU;
            if (!ok || (i == layers.size() - 1 && !(l instanceof Dense))) {
                throw new IllegalArgumentException("net: needs Dense, ReLU, Dense, …, Dense; layer " + i + " is " + l.name());
            }
        }
        double[] h = x.clone();
        DMatrixRMaj prefix = CommonOps_DDRM.identity(x.length);
        List<boolean[]> gates = new ArrayList<>();
        List<DMatrixRMaj> prefixes = new ArrayList<>();
        for (int i = 0; i + 1 < layers.size(); i += 2) {
            Params p = net.params(i);
            DMatrixRMaj gated = p.w().copy();
            double[] z = new double[gated.numRows];
            boolean[] gate = new boolean[gated.numRows];
            for (int r = 0; r < gated.numRows; r++) {
                double s = p.b()[r];
                for (int c = 0; c < h.length; c++) {
                    s += gated.get(r, c) * h[c];
                }
                gate[r] = s > 0;
                z[r] = gate[r] ? s : 0;
                if (!gate[r]) {
                    for (int c = 0; c < gated.numCols; c++) {
                        gated.set(r, c, 0);
                    }
                }
            }
            DMatrixRMaj next = new DMatrixRMaj(gated.numRows, prefix.numCols);
            CommonOps_DDRM.mult(gated, prefix, next);
            prefix = next;
            prefixes.add(prefix);
            gates.add(gate);
            h = z;
        }
        DMatrixRMaj last = net.params(layers.size() - 1).w();
        DMatrixRMaj j = new DMatrixRMaj(last.numRows, prefix.numCols);
        CommonOps_DDRM.mult(last, prefix, j);
        return new ActivationRegion(gates, prefixes, j);
    }

    /** Number of active units of each gate. */
    public int[] activeCounts() {
        return gates.stream().mapToInt(g -> {
            int c = 0;
            for (boolean b : g) {
                c += b ? 1 : 0;
            }
            return c;
        }).toArray();
    }
}
