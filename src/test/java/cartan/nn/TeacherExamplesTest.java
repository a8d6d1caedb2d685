package cartan.nn;

import cartan.linalg.RandomMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Labels are the teacher's argmax row by row; batches copy the rows and one-hot the labels. */
class TeacherExamplesTest {

    @Test
    void labelsAreTheTeachersArgmaxRowByRow() {
        DMatrixRMaj x = RandomMatrices.gaussian(40, 5, 1, 7);
        Network teacher = Network.mlp(new int[] {5, 8, 3}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 8);
        TeacherExamples data = TeacherExamples.of(x, teacher, 3);
        int[] labels = data.labels();
        for (int i = 0; i < 40; i++) {
            DMatrixRMaj row = CommonOps_DDRM.extract(x, i, i + 1, 0, 5);
            DMatrixRMaj z = teacher.predict(row, 1);
            int best = z.get(0, 1) > z.get(0, 0) ? 1 : 0;
            best = z.get(0, 2) > z.get(0, best) ? 2 : best;
            assertEquals(best, labels[i], "row " + i);
        }
        Batch b = data.batch(new int[] {3, 0});
        assertArrayEquals(CommonOps_DDRM.extract(x, 3, 4, 0, 5).data, CommonOps_DDRM.extract(b.x(), 0, 1, 0, 5).data, 0);
        assertArrayEquals(new int[] {labels[3], labels[0]}, b.labels());
        assertEquals(1, b.y().get(0, labels[3]), 0);
        assertEquals(40, data.size());
    }

    @Test
    void badArgumentsAreNamed() {
        DMatrixRMaj x = RandomMatrices.gaussian(4, 5, 1, 7);
        Network teacher = Network.mlp(new int[] {5, 8, 3}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 8);
        rejects("classes", () -> TeacherExamples.of(x, teacher, 4));
        rejects("classes", () -> TeacherExamples.of(x, teacher, 1));
        rejects("indices", () -> TeacherExamples.of(x, teacher, 3).batch(new int[] {4}));
    }
}
