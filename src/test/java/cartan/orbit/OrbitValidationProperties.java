package cartan.orbit;

import cartan.ValidationSweep;
import cartan.linalg.RandomMatrices;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to cartan.orbit is rejected by name; orbit quantities are finite and invariant as they must be. */
class OrbitValidationProperties {

    @Test
    void reflectiveSweep() {
        ValidationSweep.assertAllRejected(SpectralDistances.class);
        ValidationSweep.assertAllRejectedOn(CartanOrbit.ofWidth(5));
    }

    @Test
    void handWrittenBadInput() {
        rejects("d", () -> CartanOrbit.ofWidth(0));
        CartanOrbit o = CartanOrbit.ofWidth(5);
        rejects("s", () -> o.logPartition(Double.NaN));
        rejects("s", () -> o.weights(Double.POSITIVE_INFINITY));
        rejects("a", () -> o.klDivergence(Double.NaN, 1));
        rejects("b", () -> o.hellingerSquared(1, Double.NEGATIVE_INFINITY));
        rejects("intervals", () -> o.arcLength(0, 1, 1));
        rejects("q", () -> SpectralDistances.hellingerSquared(new double[]{0.5, 0.5}, new double[]{1}));
        rejects("p", () -> SpectralDistances.klDivergence(new double[]{0.5, Double.NaN}, new double[]{0.5, 0.5}));
        rejects("Q", () -> SpectralDistances.buresWassersteinSquared(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(3)));
    }

    @Property(tries = 40)
    void orbitQuantitiesAreFinite(@ForAll @IntRange(min = 1, max = 200) int d,
                                  @ForAll @DoubleRange(min = -20, max = 20) double s) {
        CartanOrbit o = CartanOrbit.ofWidth(d);
        double[] w = o.weights(s);
        double sum = 0;
        for (double x : w) {
            assertTrue(Double.isFinite(x) && x >= 0);
            sum += x;
        }
        assertEquals(1, sum, 1e-12);
        assertTrue(Double.isFinite(o.logPartition(s)) && Double.isFinite(o.meanLogRank(s))
                && Double.isFinite(o.fisherInformation(s)));
    }

    /** Bures–Wasserstein distance is unitarily invariant: BW(U P Uᵀ, U Q Uᵀ) = BW(P, Q). */
    @Property(tries = 30)
    void buresWassersteinIsOrthogonallyInvariant(@ForAll @IntRange(min = 1, max = 6) int d, @ForAll long seed) {
        DMatrixRMaj p = spd(d, seed);
        DMatrixRMaj q = spd(d, seed + 7);
        DMatrixRMaj u = RandomMatrices.haarOrthogonal(d, seed + 13);
        double a = SpectralDistances.buresWassersteinSquared(p, q);
        double b = SpectralDistances.buresWassersteinSquared(conj(u, p), conj(u, q));
        assertTrue(Double.isFinite(a) && a >= -1e-12);
        assertEquals(a, b, 1e-9 * (1 + CommonOps_DDRM.trace(p) + CommonOps_DDRM.trace(q)));
    }

    static DMatrixRMaj spd(int d, long seed) {
        DMatrixRMaj g = RandomMatrices.gaussian(d, d, 1, seed);
        DMatrixRMaj p = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(g, g, p);
        for (int i = 0; i < d; i++) {
            p.add(i, i, 0.1);
        }
        return p;
    }

    static DMatrixRMaj conj(DMatrixRMaj u, DMatrixRMaj p) {
        DMatrixRMaj t = new DMatrixRMaj(p.numRows, p.numCols);
        DMatrixRMaj r = new DMatrixRMaj(p.numRows, p.numCols);
        CommonOps_DDRM.mult(u, p, t);
        CommonOps_DDRM.multTransB(t, u, r);
        // symmetrise the rounding so the input passes a symmetry check
        for (int i = 0; i < r.numRows; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (r.get(i, j) + r.get(j, i));
                r.set(i, j, m);
                r.set(j, i, m);
            }
        }
        return r;
    }
}
