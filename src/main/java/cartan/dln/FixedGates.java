package cartan.dln;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import cartan.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Set-ups for fixed-gates experiments: random gates with a fixed number of active units, frozen, and
 * targets Y = U diag(y) Vᵀ that the gated network can reach (U inside the active units of the last gate,
 * since J = D_N W_N ⋯ has its column space there).
 */
public final class FixedGates {

    private FixedGates() {
    }

    /** {@code depth} gates of width d, each with exactly m active units at uniformly random positions. */
    public static List<boolean[]> random(int d, int m, int depth, SplittableRandom random) {
        Require.atLeast("d", d, 1);
        Require.atLeast("m", m, 1);
        if (m > d) {
            throw new IllegalArgumentException("m: active units must be at most d = " + d + ", got " + m);
        }
        Require.atLeast("depth", depth, 1);
        Require.notNull("random", random);
        List<boolean[]> gates = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            int[] perm = new int[d];
            for (int i = 0; i < d; i++) {
                perm[i] = i;
            }
            boolean[] g = new boolean[d];
            for (int i = 0; i < m; i++) { // partial Fisher–Yates
                int j = i + random.nextInt(d - i);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
                g[perm[i]] = true;
            }
            gates.add(g);
        }
        return gates;
    }

    /**
     * A target U diag(y) Vᵀ (as an {@link Svd}: compose it with y) whose r = y.length left singular vectors
     * are Haar-random inside the active units of {@code outputGate} and whose right singular vectors are
     * Haar-random in R^d.
     *
     * @throws IllegalArgumentException if y has more entries than the gate has active units
     */
    public static Svd reachableTarget(boolean[] outputGate, double[] y, SplittableRandom random) {
        Require.notNull("outputGate", outputGate);
        Require.finite("y", y);
        Require.notNull("random", random);
        int d = outputGate.length;
        int m = 0;
        for (boolean b : outputGate) {
            m += b ? 1 : 0;
        }
        int r = y.length;
        if (r < 1 || r > m) {
            throw new IllegalArgumentException("y: needs between 1 and the " + m + " active units of the gate, got " + r);
        }
        DMatrixRMaj hu = RandomMatrices.haarOrthogonal(m, random);
        DMatrixRMaj u = new DMatrixRMaj(d, r);
        for (int i = 0, row = 0; i < d; i++) {
            if (outputGate[i]) {
                for (int c = 0; c < r; c++) {
                    u.set(i, c, hu.get(row, c));
                }
                row++;
            }
        }
        DMatrixRMaj hv = RandomMatrices.haarOrthogonal(d, random);
        DMatrixRMaj v = new DMatrixRMaj(d, r);
        CommonOps_DDRM.extract(hv, 0, d, 0, r, v, 0, 0);
        return new Svd(u, y.clone(), v);
    }
}
