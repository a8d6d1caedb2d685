package cartan.dln;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small helpers shared by the cartan.dln tests. */
final class DlnTesting {

    private DlnTesting() {
    }

    static double diffNorm(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, d);
        return NormOps_DDRM.normF(d);
    }

    static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int k = 0; k < a.getNumElements(); k++) {
            s += a.data[k] * b.data[k];
        }
        return s;
    }

    static DMatrixRMaj mul(DMatrixRMaj... ms) {
        DMatrixRMaj acc = ms[0].copy();
        for (int k = 1; k < ms.length; k++) {
            DMatrixRMaj next = new DMatrixRMaj(acc.numRows, ms[k].numCols);
            CommonOps_DDRM.mult(acc, ms[k], next);
            acc = next;
        }
        return acc;
    }

    static DMatrixRMaj t(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    /** Asserts an IllegalArgumentException whose message starts with the argument name. */
    static void assertBadArgument(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(name), () -> "message should start with '" + name + "': " + e.getMessage());
    }
}
