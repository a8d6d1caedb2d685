package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Three seeded n×m noise layers with i.i.d. N(0, 1/m) entries, where the random-matrix diagnostics have a known
 * answer (notebook 17, WP.10–WP.11):
 *
 * <ul>
 *   <li>{@code pure}: the noise alone (seed s);</li>
 *   <li>{@code spiked}: noise (seed s + 1) plus the rank-one signal θ u vᵀ/(‖u‖‖v‖), u and v standard Gaussian
 *       vectors of lengths n and m (seeds s + 3 and s + 4), so the signal's only singular value is θ;</li>
 *   <li>{@code trap}: noise (seed s + 2) with the entry (row, col) raised by {@code raise}.</li>
 * </ul>
 *
 * @param pure   the pure noise layer
 * @param spiked noise plus the rank-one spike
 * @param trap   noise with one raised entry
 */
public record PlantedLayers(DMatrixRMaj pure, DMatrixRMaj spiked, DMatrixRMaj trap) {

    public PlantedLayers {
        Require.finite("pure", pure);
        Require.finite("spiked", spiked);
        Require.finite("trap", trap);
    }

    /** The three layers described above. */
    public static PlantedLayers of(int n, int m, double theta, int row, int col, double raise, long seed) {
        Require.atLeast("n", n, 1);
        Require.atLeast("m", m, 1);
        Require.finite("theta", theta);
        Require.finite("raise", raise);
        if (row < 0 || row >= n || col < 0 || col >= m) {
            throw new IllegalArgumentException("row: (" + row + ", " + col + ") is outside the " + n + "x" + m + " layer");
        }
        double sd = 1 / Math.sqrt(m);
        DMatrixRMaj pure = RandomMatrices.gaussian(n, m, sd, seed);
        DMatrixRMaj spiked = RandomMatrices.gaussian(n, m, sd, seed + 1);
        DMatrixRMaj trap = RandomMatrices.gaussian(n, m, sd, seed + 2);
        double[] u = RandomMatrices.gaussian(n, 1, 1, seed + 3).data;
        double[] v = RandomMatrices.gaussian(m, 1, 1, seed + 4).data;
        double nu = Math.sqrt(java.util.Arrays.stream(u).map(x -> x * x).sum());
        double nv = Math.sqrt(java.util.Arrays.stream(v).map(x -> x * x).sum());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                spiked.add(i, j, theta * u[i] / nu * v[j] / nv);
            }
        }
        trap.add(row, col, raise);
        return new PlantedLayers(pure, spiked, trap);
    }

    /** The layers by name, in the order pure, spiked, trap (the matrices themselves, not copies). */
    public Map<String, DMatrixRMaj> asMap() {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        out.put("pure", pure);
        out.put("spiked", spiked);
        out.put("trap", trap);
        return out;
    }
}
