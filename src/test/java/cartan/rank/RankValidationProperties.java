package cartan.rank;

import cartan.ValidationSweep;
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
        for (Class<?> c : List.of(RankWindows.class, RiemannZeta.class, Regime.class)) {
            ValidationSweep.assertAllRejected(c);
        }
    }

    @Test
    void handWrittenBadInput() {
        rejects("s", () -> RankWindows.exact(Double.NaN, 10, 0.9));
        rejects("tau", () -> RankWindows.exact(1, 10, 1.5));
        rejects("tau", () -> RankWindows.bounds(1, 10, Double.NaN));
        rejects("d", () -> RankWindows.harmonic(0, 1));
        rejects("k", () -> RankWindows.tail(1, 10, 11));
        rejects("s", () -> RankWindows.intensiveLimit(0.5, 0.9));
        rejects("widths", () -> RankWindows.transitionChart(0.9, new int[0], new double[]{1}));
        rejects("exponents", () -> RankWindows.widthChart(0.9, new double[]{Double.NaN}, new int[]{10}));
    }

    @Property(tries = 60)
    void exactRankLiesInItsBounds(@ForAll @DoubleRange(min = 0.05, max = 4) double s,
                                  @ForAll @IntRange(min = 1, max = 3000) int d,
                                  @ForAll @DoubleRange(min = 0.01, max = 0.99) double tau) {
        int r = RankWindows.exact(s, d, tau);
        RankBounds b = RankWindows.bounds(s, d, tau);
        assertTrue(r >= 1 && r <= d);
        assertTrue(b.contains(r), "r = " + r + " outside " + b);
        assertTrue(Double.isFinite(RankWindows.asymptotic(s, d, tau)));
        for (int k = 1; k <= d; k += Math.max(1, d / 7)) {
            double t = RankWindows.tail(s, d, k);
            assertTrue(RankWindows.tailLowerBound(s, d, k) <= t * (1 + 1e-12) && t <= RankWindows.tailUpperBound(s, d, k) * (1 + 1e-12));
        }
    }
}
