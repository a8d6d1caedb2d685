package cartan.spectrum;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Without noise each coordinate is the closed form ½ log(d/H_d(2b)) of its drawn exponent. */
class NoisyPowerLawsTest {

    @Test
    void noiselessSpectraAreOrbitPoints() {
        int d = 20;
        double[] r = NoisyPowerLaws.topRadials(d, 3, 1.5, 0, new SplittableRandom(11));
        SplittableRandom replay = new SplittableRandom(11);
        for (int i = 0; i < 3; i++) {
            double b = 1.5 * replay.nextDouble();
            for (int k = 0; k < d; k++) {   // the normals of the (zero) noise
                cartan.linalg.RandomMatrices.standardNormal(replay);
            }
            double h = 0;
            for (int k = 1; k <= d; k++) {
                h += Math.pow(k, -2 * b);
            }
            assertEquals(0.5 * Math.log(d / h), r[i], 1e-13, "spectrum " + i);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        rejects("count", () -> NoisyPowerLaws.topRadials(4, 0, 1, 0.3, new SplittableRandom(1)));
        rejects("eta", () -> NoisyPowerLaws.topRadials(4, 2, 1, -0.3, new SplittableRandom(1)));
    }
}
