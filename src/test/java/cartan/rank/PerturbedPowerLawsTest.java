package cartan.rank;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unperturbed spectra give numpy's exact ranks; the front-loaded perturbation; a population table. */
class PerturbedPowerLawsTest {

    @Test
    void unperturbedRanksAreNumpys() {
        // numpy's r_0.9 (src/test/resources/cartan/spectrum/reference.py): s = 1: 60, 473; s = 0.5, d = 100: 83
        assertEquals(60, PerturbedPowerLaws.rank(1, 100, new double[100], 0.9));
        assertEquals(473, PerturbedPowerLaws.rank(1, 1000, new double[1000], 0.9));
        assertEquals(83, PerturbedPowerLaws.rank(0.5, 100, new double[100], 0.9));
    }

    @Test
    void frontLoadedIsPlusThenMinus() {
        assertArrayEquals(new double[] {0.3, 0.3, -0.3, -0.3}, PerturbedPowerLaws.frontLoaded(4, 2, 0.3), 0);
    }

    @Test
    void nearZeroNoisePopulationSitsOnTheExactRank() {
        PerturbedPowerLaws p = PerturbedPowerLaws.population(new double[] {0.5, 2}, new int[] {100}, 0.9, 1e-9, 3,
                new SplittableRandom(1));
        assertEquals(6, p.draws());
        assertEquals(0, p.outside());
        assertEquals(83, p.table().intColumn("min over 3 draws").getInt(0));
        assertEquals(83, p.table().intColumn("max over 3 draws").getInt(0));
        assertEquals(6, p.table().intColumn("exact power law").getInt(1));   // numpy: s = 2, d = 100
    }

    @Test
    void badArgumentsAreNamed() {
        rejects("eta", () -> PerturbedPowerLaws.rank(1, 3, new double[2], 0.9));
        rejects("count", () -> PerturbedPowerLaws.population(new double[] {1}, new int[] {10}, 0.9, 0.1, 0, new SplittableRandom(1)));
    }
}
