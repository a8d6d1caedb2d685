package cartan.train;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import cartan.nn.Activation;
import cartan.nn.Loss;
import cartan.nn.Network;
import org.ejml.data.DMatrixRMaj;

/**
 * A teacher–student classification task and a student trained on it by full-batch gradient descent: a random
 * tanh MLP (the teacher, seed s) labels N standard Gaussian inputs (seed s + 1) by its arg-max output; a
 * second tanh MLP of the same widths (seed s + 2), softmax cross-entropy, takes {@code steps} steps
 * θ ← θ − η ∇L(θ) on all N examples.
 *
 * @param x           the inputs, N × widths[0]
 * @param labels      the teacher's labels
 * @param initialLoss the student's loss before training
 * @param student     the trained student
 */
public record TeacherStudent(DMatrixRMaj x, int[] labels, double initialLoss, Network student) {

    public TeacherStudent {
        x = x.copy();
        labels = labels.clone();
    }

    @Override
    public DMatrixRMaj x() {
        return x.copy();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Builds the task and trains the student.
     *
     * @throws IllegalArgumentException if samples &lt; 1, steps &lt; 0 or the rate is not positive
     */
    public static TeacherStudent train(int[] widths, int samples, int steps, double rate, long seed) {
        Require.notNull("widths", widths);
        Require.atLeast("samples", samples, 1);
        Require.atLeast("steps", steps, 0);
        Require.positive("rate", rate);
        Network teacher = Network.mlp(widths, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, seed);
        DMatrixRMaj x = RandomMatrices.gaussian(samples, widths[0], 1, seed + 1);
        DMatrixRMaj z = teacher.predict(x, samples);
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            int best = 0;
            for (int j = 1; j < z.numCols; j++) {
                if (z.get(i, j) > z.get(i, best)) {
                    best = j;
                }
            }
            labels[i] = best;
        }
        Network student = Network.mlp(widths, Activation.Kind.TANH, Loss.SOFTMAX_CROSS_ENTROPY, seed + 2);
        double loss0 = student.pass(x, labels).loss();
        for (int step = 0; step < steps; step++) {
            double[] th = student.flatParameters();
            double[] g = student.pass(x, labels).flatGradient();
            for (int i = 0; i < th.length; i++) {
                th[i] -= rate * g[i];
            }
            student = student.withFlatParameters(th);
        }
        return new TeacherStudent(x, labels, loss0, student);
    }
}
