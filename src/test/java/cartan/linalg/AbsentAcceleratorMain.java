package cartan.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Run in a child JVM by {@link SingularValuesBackendTest} with JavaCPP told to look for another
 * platform's natives, so the OpenBLAS library cannot load: prints the backend and the singular values
 * of [[3, 0], [4, 5]] padded to 40 × 40 with an identity block (σ = 3√5, √5 and 38 ones).
 */
final class AbsentAcceleratorMain {

    private AbsentAcceleratorMain() {
    }

    public static void main(String[] args) {
        DMatrixRMaj a = new DMatrixRMaj(40, 40);
        a.set(0, 0, 3);
        a.set(1, 0, 4);
        a.set(1, 1, 5);
        for (int i = 2; i < 40; i++) {
            a.set(i, i, 1);
        }
        double[] s = SingularValues.of(a);
        System.out.println(SingularValues.backend(40, 40) + " " + s[0] + " " + s[1] + " " + s[2] + " " + s[39]);
    }
}
