package cartan.train;

import cartan.curvature.SpectralNewton;
import cartan.linalg.RandomMatrices;
import cartan.nn.Activation;
import cartan.nn.Loss;
import cartan.nn.Network;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TeacherStudent against its definition rebuilt here; KroneckerQuadratic against its closed forms. */
class TeacherStudentAndQuadraticTest {

    @Test
    void labelsAreTheTeachersArgMaxAndTrainingLowersTheLoss() {
        TeacherStudent ts = TeacherStudent.train(new int[] {5, 7, 3}, 40, 30, 0.5, 11);
        Network teacher = Network.mlp(new int[] {5, 7, 3}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 11);
        DMatrixRMaj x = RandomMatrices.gaussian(40, 5, 1, 12);
        assertArrayEquals(x.data, ts.x().data, 0);
        DMatrixRMaj z = teacher.predict(x, 40);
        for (int i = 0; i < 40; i++) {
            int l = ts.labels()[i];
            for (int j = 0; j < 3; j++) {
                assertTrue(z.get(i, l) >= z.get(i, j));
            }
        }
        Network fresh = Network.mlp(new int[] {5, 7, 3}, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, 13);
        assertEquals(fresh.pass(x, ts.labels()).loss(), ts.initialLoss(), 0);
        assertTrue(ts.student().pass(x, ts.labels()).loss() < ts.initialLoss());
        assertArrayEquals(fresh.flatParameters(), TeacherStudent.train(new int[] {5, 7, 3}, 40, 0, 0.5, 11).student()
                .flatParameters(), 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TeacherStudent.train(new int[] {5, 3}, 0, 1, 0.5, 1))
                .getMessage().startsWith("samples"));
    }

    @Test
    void quadraticClosedForms() {
        KroneckerQuadratic q = KroneckerQuadratic.of(12, 2, 1, 2);
        // α = 2: L(E_0) = ½ Σ a_k b_k e_k² = n/2
        assertEquals(6, q.loss(q.start()), 1e-10);
        // the gradient is the derivative of L: a central difference along a random direction
        DMatrixRMaj x = RandomMatrices.gaussian(12, 12, 1, 3);
        DMatrixRMaj v = RandomMatrices.gaussian(12, 12, 1, 4);
        double fd = (q.loss(KroneckerQuadratic.minus(x, -1e-5, v)) - q.loss(KroneckerQuadratic.minus(x, 1e-5, v))) / 2e-5;
        DMatrixRMaj g = q.gradient(x);
        double dot = 0;
        for (int i = 0; i < v.data.length; i++) {
            dot += g.data[i] * v.data[i];
        }
        assertEquals(dot, fd, 1e-6 * Math.abs(dot));
        // one undamped SN step with the matching α solves the problem (notebook 12, E3.7a)
        DMatrixRMaj e1 = KroneckerQuadratic.minus(q.start(), 1, SpectralNewton.step(q.gradient(q.start()), 2, 0));
        assertTrue(q.loss(e1) < 1e-20);
        KroneckerQuadratic.Best b = q.best(gr -> gr.copy(), new double[] {1e-3, 1e-2, 1e9}, 5);
        assertEquals(1e-2, b.eta(), 0);
        assertEquals(6, b.curve().length);
        assertEquals(b.loss(), b.curve()[5], 0);
        assertThrows(IllegalArgumentException.class, () -> q.gradient(new DMatrixRMaj(3, 3)));
    }
}
