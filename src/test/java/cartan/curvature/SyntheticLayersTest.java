package cartan.curvature;

import cartan.linalg.RandomMatrices;
import cartan.nn.Params;
import cartan.nn.Pass;
import cartan.train.TeacherStudent;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SyntheticAlignment, SyntheticTransfer and LayerCurvatureTable against definitions and closed forms computed here:
 * LayerNorm rows, a covariance of known spectrum, Gram matrices preserved by orthogonal frames, exact power laws,
 * and the exact HVP against a central difference of gradients.
 */
class SyntheticLayersTest {

    @Test
    void decayingAndFrame() {
        DMatrixRMaj z = RandomMatrices.gaussian(6, 4, 1, 5);
        DMatrixRMaj d = SyntheticAlignment.decaying(z, 0.5);
        for (int j = 0; j < 4; j++) {
            assertEquals(z.get(3, j) / Math.sqrt(j + 1), d.get(3, j), 1e-15);
        }
        DMatrixRMaj q = RandomMatrices.haarOrthogonal(4, 6);
        DMatrixRMaj f = SyntheticAlignment.frame(z, q);
        for (int i = 0; i < 6; i++) {   // an orthogonal frame keeps every row's length
            double a = 0;
            double b = 0;
            for (int j = 0; j < 4; j++) {
                a += z.get(i, j) * z.get(i, j);
                b += f.get(i, j) * f.get(i, j);
            }
            assertEquals(a, b, 1e-12);
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SyntheticAlignment.frame(z, RandomMatrices.haarOrthogonal(3, 1))).getMessage().startsWith("q:"));
    }

    @Test
    void layerNormRowsAreCentredWithUnitMeanSquare() {
        DMatrixRMaj ln = SyntheticAlignment.layerNorm(RandomMatrices.gaussian(50, 8, 3, 7));
        for (int i = 0; i < 50; i++) {
            double s = 0;
            double q = 0;
            for (int j = 0; j < 8; j++) {
                s += ln.get(i, j);
                q += ln.get(i, j) * ln.get(i, j);
            }
            assertEquals(0, s, 1e-12);
            assertEquals(8, q, 1e-12);
        }
    }

    @Test
    void conditionNumberOfAKnownCovariance() {
        // A = diag(4, 2√2, 2, 0) with B = 4 rows: AᵀA/B = diag(4, 2, 1, 0), κ on the non-null part = 4/1
        DMatrixRMaj a = new DMatrixRMaj(4, 4);
        a.set(0, 0, 4);
        a.set(1, 1, 2 * Math.sqrt(2));
        a.set(2, 2, 2);
        double[] ev = SyntheticAlignment.covarianceEigenvalues(a);
        assertEquals(4, ev[0], 1e-12);
        assertEquals(2, ev[1], 1e-12);
        assertEquals(0, ev[3], 1e-12);
        assertEquals(4, SyntheticAlignment.conditionNumber(a), 1e-12);
    }

    @Test
    void constructionsHaveTheirShapeAndCauchySchwarz() {
        for (GradientAlignment g : new GradientAlignment[] {SyntheticAlignment.sharedLatents(256, 30, 40, 10),
            SyntheticAlignment.tilted(256, 3, 0.5, 20), SyntheticAlignment.strongBlock(256, 5, 21, 20)}) {
            double[] s = g.sigma();
            double[] h = g.hKron();
            for (int i = 0; i < s.length; i++) {
                assertTrue(h[i] >= s[i] * s[i] * (1 - 1e-12));
            }
        }
        assertEquals(10, SyntheticAlignment.sharedLatents(256, 30, 40, 10).k());
        assertThrows(IllegalArgumentException.class, () -> SyntheticAlignment.strongBlock(64, 25, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> SyntheticAlignment.tilted(64, 1, -1, 5));
    }

    @Test
    void transferErrorIsZeroWithoutNoiseAndGrowsWithIt() {
        double[] exact = SyntheticTransfer.relativeErrors(0, 0.6, 2, 20, 20, 1);
        assertTrue(exact[exact.length - 1] < 1e-12);
        double[] noisy = SyntheticTransfer.relativeErrors(0.2, 0.6, 2, 20, 50, 2);
        assertTrue(noisy[25] > 1e-4);
        for (int i = 1; i < noisy.length; i++) {
            assertTrue(noisy[i] >= noisy[i - 1]);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SyntheticTransfer.relativeErrors(-1, 0.6, 2, 20, 5, 1))
                .getMessage().startsWith("eps"));
    }

    @Test
    void curvatureTableAgainstCentralDifferences() {
        TeacherStudent ts = TeacherStudent.train(new int[] {6, 8, 4}, 64, 20, 0.5, 3);
        var net = ts.student();
        Pass pass = net.pass(ts.x(), ts.labels());
        LayerCurvatureTable t = LayerCurvatureTable.measure("t", net, pass, 20);
        Table tab = t.table();
        assertEquals(net.weightLayers().length, tab.rowCount());
        int out = net.weightLayers()[net.weightLayers().length - 1];
        // softmax errors sum to zero: the 4-class head has rank ≤ 3
        assertTrue(tab.intColumn("k").get(tab.rowCount() - 1) <= 3);
        Params[] dir = new Params[net.layers().size()];
        dir[out] = Params.weightOnly(t.alignments().get(out).direction(0));
        double[] d = net.flatten(dir);
        double[] th = net.flatParameters();
        double eps = 1e-5;
        double[] tp = th.clone();
        double[] tm = th.clone();
        for (int i = 0; i < th.length; i++) {
            tp[i] += eps * d[i];
            tm[i] -= eps * d[i];
        }
        double[] gp = net.withFlatParameters(tp).pass(ts.x(), ts.labels()).flatGradient();
        double[] gm = net.withFlatParameters(tm).pass(ts.x(), ts.labels()).flatGradient();
        double fd = 0;
        for (int i = 0; i < th.length; i++) {
            fd += d[i] * (gp[i] - gm[i]) / (2 * eps);
        }
        assertEquals(fd, t.curvatures().get(out)[0], 1e-6 * Math.abs(fd));
        double[] chi = t.alignments().get(out).chi(t.curvatures().get(out));
        double min = java.util.Arrays.stream(chi).min().getAsDouble();
        assertEquals(min, tab.doubleColumn("min χ").get(tab.rowCount() - 1), 0);
        assertThrows(IllegalArgumentException.class, () -> LayerCurvatureTable.measure("t", net, pass, 2));
    }
}
