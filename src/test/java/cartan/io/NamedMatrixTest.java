package cartan.io;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Conv layouts: the same kernel stored OIHW, IOHW and HWIO gives the same matrices. */
class NamedMatrixTest {

    static double w(int o, int c, int y, int x) {
        return 1000 * o + 100 * c + 10 * y + x;
    }

    @Test
    void allThreeLayoutsGiveTheSameFlattenedMatrix() {
        int out = 3, in = 2, kh = 2, kw = 3;
        double[] oihw = new double[out * in * kh * kw];
        double[] iohw = new double[oihw.length];
        double[] hwio = new double[oihw.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        oihw[((o * in + c) * kh + y) * kw + x] = w(o, c, y, x);
                        iohw[((c * out + o) * kh + y) * kw + x] = w(o, c, y, x);
                        hwio[((y * kw + x) * in + c) * out + o] = w(o, c, y, x);
                    }
                }
            }
        }
        List<NamedMatrix> a = NamedMatrix.of(new WeightTensor("k", "k", LayerKind.CONV, ConvLayout.OIHW,
                new int[]{out, in, kh, kw}, oihw), ConvMode.FLATTEN);
        List<NamedMatrix> b = NamedMatrix.of(new WeightTensor("k", "k", LayerKind.CONV, ConvLayout.IOHW,
                new int[]{in, out, kh, kw}, iohw), ConvMode.FLATTEN);
        List<NamedMatrix> c = NamedMatrix.of(new WeightTensor("k", "k", LayerKind.CONV, ConvLayout.HWIO,
                new int[]{kh, kw, in, out}, hwio), ConvMode.FLATTEN);
        assertEquals(kh * kw * in, a.get(0).rows());
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int ci = 0; ci < in; ci++) {
                    for (int o = 0; o < out; o++) {
                        int row = (y * kw + x) * in + ci;
                        assertEquals(w(o, ci, y, x), a.get(0).matrix().get(row, o), 0);
                        assertEquals(w(o, ci, y, x), b.get(0).matrix().get(row, o), 0);
                        assertEquals(w(o, ci, y, x), c.get(0).matrix().get(row, o), 0);
                    }
                }
            }
        }
        List<NamedMatrix> slices = NamedMatrix.of(new WeightTensor("k", "k", LayerKind.CONV, ConvLayout.HWIO,
                new int[]{kh, kw, in, out}, hwio), ConvMode.PER_SLICE);
        assertEquals(kh * kw, slices.size());
        NamedMatrix s12 = slices.get(1 * kw + 2);
        assertEquals("k[1,2]", s12.name());
        assertEquals(w(2, 1, 1, 2), s12.matrix().get(1, 2), 0);
    }

    @Test
    void nonConvTensorsKeepTheirRowMajorBuffer() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        NamedMatrix m = NamedMatrix.of(new WeightTensor("lstm", "lstm", LayerKind.OTHER, ConvLayout.OIHW,
                new int[]{1, 3, 4}, v), ConvMode.FLATTEN).get(0);
        assertEquals(3, m.rows());
        assertEquals(4, m.cols());
        assertEquals(7, m.matrix().get(1, 2), 0);
        NamedMatrix s = NamedMatrix.of(new WeightTensor("s", "s", LayerKind.OTHER, ConvLayout.OIHW,
                new int[]{}, new double[]{2.5}), ConvMode.FLATTEN).get(0);
        assertEquals(1, s.rows());
        assertEquals(2.5, s.matrix().get(0, 0), 0);
    }
}
