package cartan.spectrum;

import cartan.ValidationSweep;
import cartan.linalg.RandomMatrices;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to cartan.spectrum is rejected by name. Spectrum quantities and chart fits of A equal
 * those of U A V (orthogonal invariance), the normalised ones (p_k, top radial μ̃, effective ranks,
 * β̂) also those of cA (scale invariance), and none is NaN.
 */
class SpectrumValidationProperties {

    @Test
    void reflectiveSweep() {
        for (Class<?> c : List.of(Spectrum.class, RankRange.class, TopRadialChart.class, NearIdentity.class)) {
            ValidationSweep.assertAllRejected(c);
        }
        ValidationSweep.assertAllRejectedOn(Spectrum.ofSingularValues(3, 2, 1, 0.5));
    }

    @Test
    void handWrittenBadInput() {
        rejects("matrix", () -> Spectrum.of(new DMatrixRMaj(new double[][]{{1, Double.NaN}})));
        rejects("matrix", () -> Spectrum.of(new DMatrixRMaj(2, 2)));          // zero matrix: no normalisation
        rejects("matrix", () -> Spectrum.of(null));
        rejects("window", () -> RankRange.of(0, 5));
        rejects("window", () -> RankRange.of(4, 3));
        rejects("window", () -> PowerLawChart.fit(Spectrum.ofSingularValues(3, 2, 1), RankRange.of(1, 5)));
        rejects("tau", () -> Spectrum.ofSingularValues(3, 2, 1).energyQuantileRank(Double.NaN));
        rejects("beta", () -> Spectrum.ofSingularValues(3, 2, 1).hellingerSquaredToOrbit(Double.NaN));
        rejects("beta", () -> Spectrum.powerLaw(10, Double.POSITIVE_INFINITY));
        rejects("n", () -> Spectrum.powerLaw(0, 1));
    }

    static DMatrixRMaj uav(DMatrixRMaj a, long seed) {
        DMatrixRMaj u = RandomMatrices.haarOrthogonal(a.numRows, seed);
        DMatrixRMaj v = RandomMatrices.haarOrthogonal(a.numCols, seed + 1);
        DMatrixRMaj t = new DMatrixRMaj(a.numRows, a.numCols);
        DMatrixRMaj r = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.mult(u, a, t);
        CommonOps_DDRM.mult(t, v, r);
        return r;
    }

    static double[] quantities(Spectrum s) {
        ChartFit f = PowerLawChart.fit(s);
        return new double[]{s.topRadial(), s.stableRank(), s.participationRatio(), s.entropyRank(),
                s.energyQuantileRank(0.9), f.beta(), f.standardError(), f.rSquared(), TopRadialChart.fit(s),
                s.hellingerSquaredToOrbit(0.7)};
    }

    @Property(tries = 40)
    void orthogonalAndScaleInvariance(@ForAll @IntRange(min = 4, max = 12) int m, @ForAll @IntRange(min = 4, max = 12) int n,
                                      @ForAll @DoubleRange(min = 0.05, max = 2) double beta, @ForAll long seed,
                                      @ForAll @DoubleRange(min = -6, max = 6) double log10c) {
        int k = Math.min(m, n);
        double[] sv = new double[k];
        for (int i = 0; i < k; i++) {
            sv[i] = Math.pow(i + 1, -beta);
        }
        DMatrixRMaj a = new DMatrixRMaj(m, n);
        for (int i = 0; i < k; i++) {
            a.set(i, i, sv[i]);
        }
        double c = Math.pow(10, log10c);
        DMatrixRMaj ca = a.copy();
        CommonOps_DDRM.scale(-c, ca);
        Spectrum s = Spectrum.of(a);
        Spectrum r = Spectrum.of(uav(a, seed));
        Spectrum sc = Spectrum.of(ca);
        double[] q = quantities(s);
        double[] qr = quantities(r);
        double[] qc = quantities(sc);
        for (int i = 0; i < q.length; i++) {
            assertTrue(Double.isFinite(q[i]) && Double.isFinite(qr[i]) && Double.isFinite(qc[i]), "quantity " + i);
            assertEquals(q[i], qr[i], 1e-8 * (1 + Math.abs(q[i])), "U A V, quantity " + i);
            assertEquals(q[i], qc[i], 1e-8 * (1 + Math.abs(q[i])), "cA, quantity " + i);
        }
        assertArrayEquals(s.weights(), sc.weights(), 1e-12);
        assertArrayEquals(s.weights(), r.weights(), 1e-10);
        // on an exact power law the chart slope is β itself
        assertEquals(beta, q[5], 1e-9);
    }
}
