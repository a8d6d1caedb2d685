package cartan.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-pass entry scan against references computed another way: counts and maxima by the JDK's own
 * classification, ‖W‖_F against the exact sum of squares in BigDecimal (rounded once at the end).
 */
class MatrixEntriesTest {

    /** ‖W‖_F from the exact Σ w² (every double square is exact in BigDecimal), one rounding in the sqrt. */
    private static double exactFrobenius(double[] data) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : data) {
            BigDecimal b = new BigDecimal(v);
            s = s.add(b.multiply(b));
        }
        return s.sqrt(MathContext.DECIMAL128).doubleValue();
    }

    private static DMatrixRMaj gaussian(int rows, int cols, double scale, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = scale * r.nextGaussian();
        }
        return m;
    }

    @Test
    void countsAndMaximumMatchAPlainClassification() {
        DMatrixRMaj m = gaussian(37, 23, 1, 1);
        m.data[0] = Double.NaN;
        m.data[5] = Double.POSITIVE_INFINITY;
        m.data[100] = Double.NEGATIVE_INFINITY;
        m.data[101] = Double.NaN;
        m.data[m.data.length - 1] = Double.NaN;
        m.data[300] = -1e3; // the largest finite |w|, negative
        long nan = 0;
        long inf = 0;
        double max = 0;
        double sum = 0;
        for (double v : m.data) {
            if (Double.isNaN(v)) {
                nan++;
            } else if (Double.isInfinite(v)) {
                inf++;
            } else {
                max = Math.max(max, Math.abs(v));
                sum += v * v;
            }
        }
        MatrixEntries e = MatrixEntries.of(m);
        assertEquals(3, nan);
        assertEquals(nan, e.nan());
        assertEquals(inf, e.infinite());
        assertEquals(1e3, e.maxAbs());
        assertEquals(max, e.maxAbs());
        assertEquals(sum, e.sumOfSquares(), 0, "same order of summation over the finite entries");
        assertFalse(e.finite());
        assertThrows(IllegalArgumentException.class, () -> e.frobenius(m));
    }

    @Test
    void frobeniusAgreesWithTheExactSumOnEveryScale() {
        // 1: the plain sum; 2^±600: outside 2^±480, where the plain sum would overflow or underflow
        for (double scale : new double[]{1, 0x1p-470, 0x1p470, 0x1p600, 0x1p-600, 0x1p-1000}) {
            DMatrixRMaj m = gaussian(61, 29, scale, 7);
            MatrixEntries e = MatrixEntries.of(m);
            assertTrue(e.finite());
            double exact = exactFrobenius(m.data);
            assertEquals(exact, e.frobenius(m), 1e-14 * exact, "scale " + scale);
        }
    }

    @Test
    void allZeroAndEmptyMatricesHaveNormZero() {
        DMatrixRMaj zero = new DMatrixRMaj(4, 5);
        assertEquals(0.0, MatrixEntries.of(zero).frobenius(zero));
        assertEquals(0.0, MatrixEntries.of(zero).maxAbs());
        MatrixEntries none = MatrixEntries.of(new double[3], 0);
        assertEquals(0, none.nan() + none.infinite());
        assertThrows(IllegalArgumentException.class, () -> MatrixEntries.of(new double[3], 4));
        assertThrows(IllegalArgumentException.class, () -> MatrixEntries.of(null, 0));
    }
}
