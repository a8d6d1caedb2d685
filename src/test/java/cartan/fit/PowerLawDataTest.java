package cartan.fit;

import cartan.special.HurwitzZeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data value, its text reader and the CCDF points, against direct counts and closed forms. */
class PowerLawDataTest {

    @TempDir
    Path tmp;

    @Test
    void tallyAndExpandRoundTrip() {
        double[] x = {3, 1, 2, 3, 0, -4, 3, 1.5, 2};
        PowerLawData d = PowerLawData.of(x);
        assertArrayEquals(new double[]{1, 1.5, 2, 3}, d.values(), 0);
        assertArrayEquals(new long[]{1, 1, 2, 3}, d.counts());
        assertEquals(2, d.dropped());
        assertEquals(7, d.size());
        assertArrayEquals(new double[]{1, 1.5, 2, 2, 3, 3, 3}, d.expand(), 0);
        assertEquals(false, d.integral());
        assertTrue(PowerLawData.of(new double[]{1, 2, 7}).integral());
        assertArrayEquals(new double[]{2, 3}, d.tail(1.7).values(), 0);
    }

    @Test
    void readerHandlesTheUsualTextLayouts() throws IOException {
        double[] expect = {1.5, 2, 2, 30};
        String[] files = {
            "1.5\n2\n2\n30\n",
            "# comment\nsize\n1.5\n\n2\n2\n3e1\n",
            "id,size\r\n0,1.5\r\n1,2\r\n2,2\r\n3,30\r\n",
            "id;size\n0;1.5\n1;2\n2;2\n3;30\n",
            "\"id\",\"size\"\n\"0\",\"1.5\"\n\"1\",\"2\"\n\"2\",\"2\"\n\"3\",\"30\"\n",
            "id\tsize\n0\t1.5\n1\t2\n2\t2\n3\t30\n",
            "  0   1.5\n 1 2\n2 2\n3    30\n",
        };
        String[] columns = {"0", "size", "size", "1", "size", "size", "1"};
        for (int k = 0; k < files.length; k++) {
            Path f = Files.writeString(tmp.resolve("f" + k + ".txt"), files[k]);
            assertArrayEquals(expect, PowerLawData.readColumn(f, columns[k]).expand(), 0, files[k]);
        }
        Path h = Files.writeString(tmp.resolve("h.csv"), "v,c\n1,3\n2,0\n5,2\n-1,4\n");
        PowerLawData d = PowerLawData.readCounts(h, "v", "c");
        assertArrayEquals(new double[]{1, 5}, d.values(), 0);
        assertArrayEquals(new long[]{3, 2}, d.counts());
        assertEquals(4, d.dropped());
        rejects("countColumn", () -> PowerLawData.readCounts(Files.writeString(tmp.resolve("b.csv"), "v,c\n1,2.5\n"), "v", "c"));
        rejects("column", () -> PowerLawData.readColumn(Files.writeString(tmp.resolve("e.csv"), "1,2\n3\n"), "1"));
    }

    /** The empirical CCDF at each distinct value is the fraction of points ≥ it, by brute force. */
    @Test
    void ccdfIsTheFractionAtOrAbove() {
        double[] x = new PowerLaw(2.2, 1).sample(500, new SplittableRandom(3));
        for (int i = 0; i < 100; i++) {
            x[i] = Math.rint(x[i]);   // ties
        }
        Ccdf c = Ccdf.of(PowerLawData.of(x));
        double[] v = c.x();
        double[] p = c.p();
        for (int i = 0; i < v.length; i++) {
            double at = v[i];
            assertEquals(Arrays.stream(x).filter(y -> y >= at).count() / 500.0, p[i], 1e-15);
        }
    }

    /** The fitted tail is (n/N)(x/x_min)^(1−α) for the continuous law, (n/N) ζ(α, x)/ζ(α, x_min) for the discrete. */
    @Test
    void fittedCcdfIsTheScaledTailProbability() {
        PowerLawFit f = new PowerLawFit(new PowerLaw(2.5, 2), 300, 1000, 0.01, 0.1, 5);
        Ccdf c = Ccdf.fitted(f, 200, 50);
        assertEquals(50, c.size());
        assertEquals(2, c.x()[0], 1e-12);
        assertEquals(200, c.x()[49], 1e-9);
        for (int i = 0; i < c.size(); i++) {
            assertEquals(0.3 * Math.pow(c.x()[i] / 2, -1.5), c.p()[i], 1e-12);
        }
        PowerLawFit g = new PowerLawFit(new DiscretePowerLaw(2.1, 3), 50, 100, 0.01, 0.1, 5);
        Ccdf d = Ccdf.fitted(g, 1000, 100);
        for (int i = 0; i < d.size(); i++) {
            assertEquals(Math.rint(d.x()[i]), d.x()[i], 0);
            assertEquals(0.5 * HurwitzZeta.zeta(2.1, d.x()[i]) / HurwitzZeta.zeta(2.1, 3), d.p()[i], 1e-13);
        }
        Ccdf t = Ccdf.of(PowerLawData.of(new PowerLaw(1.5, 1).sample(20_000, new SplittableRandom(4)))).thinned(300);
        assertTrue(t.size() <= 300);
        double[] tx = t.x();
        for (int i = 1; i < tx.length; i++) {
            assertTrue(tx[i] > tx[i - 1]);
        }
    }
}
