package cartan.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kruskal–Wallis H against scipy.stats.kruskal (src/test/resources/cartan/experiment/kruskal_reference.py
 * prints 9.692307692307693 for these groups); the permutation null on well-separated groups; the median
 * and its bootstrap error on closed-form cases.
 */
class GroupEffectTest {

    static final double[] VALUES = {1.9, 2.1, 2.05, 1.97, 2.2, 1.1, 1.4, 1.25, 0.95, 1.6, 1.5, 1.72};
    static final String[] LABELS = {"a", "a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c"};

    @Test
    void statisticMatchesScipy() {
        GroupEffect g = GroupEffect.of(VALUES, LABELS, 2000, 1);
        assertEquals(9.692307692307693, g.h(), 1e-12);
        assertEquals(3, g.groups());
        // three perfectly separated groups: only relabellings that keep the groups apart reach H, p tiny
        assertTrue(g.pValue() < 0.01, "p = " + g.pValue());
        assertTrue(g.h() > g.nullQ99());
        // under the null, E[H] = groups − 1 = 2 (chi-square limit; exact for the permutation mean up to MC error)
        assertEquals(2, g.nullMean(), 0.2);
    }

    @Test
    void medianAndItsBootstrapError() {
        assertEquals(2, Bootstrap.median(new double[]{3, 1, 2}), 0);
        assertEquals(2.5, Bootstrap.median(new double[]{4, 1, 2, 3}), 0);
        assertEquals(0, Bootstrap.medianStandardError(new double[]{5, 5, 5, 5}, 100, 1), 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupEffect.of(VALUES, new String[3], 100, 1))
                .getMessage().startsWith("labels"));
    }
}
