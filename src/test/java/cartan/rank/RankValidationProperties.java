package cartan.rank;

import cartan.ValidationSweep;
import cartan.special.RiemannZeta;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to cartan.rank is rejected by name; on valid input ranks lie in their bounds and nothing is NaN. */
class RankValidationProperties {

    @Test
    void reflectiveSweep() {
        for (Class<?> c : List.of(QuantileRank.class, RiemannZeta.class, Regime.class)) {
            ValidationSweep.assertAllRejected(c);
        }
    }

    @Test
    void handWrittenBadInput() {
        rejects("s", () -> QuantileRank.exact(Double.NaN, 10, 0.9));
        rejects("tau", () -> QuantileRank.exact(1, 10, 1.5));
        rejects("tau", () -> QuantileRank.bounds(1, 10, Double.NaN));
        rejects("d", () -> QuantileRank.harmonic(0, 1));
        rejects("k", () -> QuantileRank.tail(1, 10, 11));
        rejects("s", () -> QuantileRank.intensiveLimit(0.5, 0.9));
    }

    @Property(tries = 60)
    void exactRankLiesInItsBounds(@ForAll @DoubleRange(min = 0.05, max = 4) double s,
                                  @ForAll @IntRange(min = 1, max = 3000) int d,
                                  @ForAll @DoubleRange(min = 0.01, max = 0.99) double tau) {
        int r = QuantileRank.exact(s, d, tau);
        RankBounds b = QuantileRank.bounds(s, d, tau);
        assertTrue(r >= 1 && r <= d);
        assertTrue(b.contains(r), "r = " + r + " outside " + b);
        assertTrue(Double.isFinite(QuantileRank.asymptotic(s, d, tau)));
        for (int k = 1; k <= d; k += Math.max(1, d / 7)) {
            double t = QuantileRank.tail(s, d, k);
            assertTrue(QuantileRank.tailLowerBound(s, d, k) <= t * (1 + 1e-12) && t <= QuantileRank.tailUpperBound(s, d, k) * (1 + 1e-12));
        }
    }
}
