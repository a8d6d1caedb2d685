package cartan.profile;

import cartan.io.LayerKind;
import cartan.io.NamedMatrix;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/** The closed-form test matrices of {@code src/test/resources/cartan/profile/reference.py}. */
public final class TestMatrices {

    private TestMatrices() {
    }

    /** 40 × 25: sin(1.3(i+1) + 0.7(j+1)^1.5) + 0.1 cos(0.3 i j). */
    public static DMatrixRMaj a() {
        DMatrixRMaj m = new DMatrixRMaj(40, 25);
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 25; j++) {
                m.set(i, j, Math.sin(1.3 * (i + 1) + 0.7 * Math.pow(j + 1, 1.5)) + 0.1 * Math.cos(0.3 * i * j));
            }
        }
        return m;
    }

    /** 60 × 30: cos(0.9 (i+1) √(j+1)) / (1 + 0.1 i). */
    public static DMatrixRMaj b() {
        DMatrixRMaj m = new DMatrixRMaj(60, 30);
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < 30; j++) {
                m.set(i, j, Math.cos(0.9 * (i + 1) * Math.sqrt(j + 1)) / (1 + 0.1 * i));
            }
        }
        return m;
    }

    /** 30 × 45, numerical rank 16: (((7i + 13j) mod 17) − 8)/8 · e^{−0.02(i+j)}. */
    public static DMatrixRMaj c() {
        DMatrixRMaj m = new DMatrixRMaj(30, 45);
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 45; j++) {
                m.set(i, j, (((7 * i + 13 * j) % 17) - 8) / 8.0 * Math.exp(-0.02 * (i + j)));
            }
        }
        return m;
    }

    public static NamedMatrix named(String name, DMatrixRMaj m) {
        return new NamedMatrix(name, name, LayerKind.DENSE, m, new int[] {m.numRows, m.numCols});
    }

    /** A, B, C named as a two-block model. */
    public static List<NamedMatrix> model() {
        return List.of(named("layers.0.attn.weight", a()), named("layers.0.mlp.weight", b()),
                named("layers.1.attn.weight", c()));
    }
}
