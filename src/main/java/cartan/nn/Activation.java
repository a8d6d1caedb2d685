package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * An elementwise nonlinearity y = f(x) with f' and f'' (used by the R-backward pass:
 * R{g_x} = R{g_y} ⊙ f'(x) + g_y ⊙ f''(x) ⊙ R{x}).
 *
 * <p>ReLU: f = max(0, x), f' = 1[x &gt; 0], f'' = 0 (almost everywhere; the Hessian is that of the
 * piecewise-linear network on the current activation pattern). Tanh: f' = 1 − tanh², f'' = −2 tanh (1 − tanh²).
 * GELU (exact, with the normal CDF Φ and density φ): f = x Φ(x), f' = Φ(x) + x φ(x), f'' = (2 − x²) φ(x);
 * Φ(x) = ½ erfc(−x/√2) through Hipparchus' {@code Erf}.
 */
public record Activation(Kind kind, int size) implements Layer {

    public enum Kind { RELU, TANH, GELU, IDENTITY }

    public Activation {
        if (kind == null) {
            throw new IllegalArgumentException("kind: must not be null");
        }
        Require.atLeast("size", size, 1);
    }

    public static Activation relu(int size) {
        return new Activation(Kind.RELU, size);
    }

    public static Activation tanh(int size) {
        return new Activation(Kind.TANH, size);
    }

    public static Activation gelu(int size) {
        return new Activation(Kind.GELU, size);
    }

    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private static double normalCdf(double x) {
        return 0.5 * org.hipparchus.special.Erf.erfc(-x * INV_SQRT_2);
    }

    private static double normalPdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    @Override
    public String name() {
        return kind.name().toLowerCase();
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public int[] weightShape() {
        return null;
    }

    double f(double x) {
        return switch (kind) {
            case RELU -> x > 0 ? x : 0;
            case TANH -> Math.tanh(x);
            case GELU -> x * normalCdf(x);
            case IDENTITY -> x;
        };
    }

    double d1(double x) {
        return switch (kind) {
            case RELU -> x > 0 ? 1 : 0;
            case TANH -> {
                double t = Math.tanh(x);
                yield 1 - t * t;
            }
            case GELU -> normalCdf(x) + x * normalPdf(x);
            case IDENTITY -> 1;
        };
    }

    double d2(double x) {
        return switch (kind) {
            case RELU, IDENTITY -> 0;
            case TANH -> {
                double t = Math.tanh(x);
                yield -2 * t * (1 - t * t);
            }
            case GELU -> (2 - x * x) * normalPdf(x);
        };
    }

    /** Whether f'' is not identically zero. */
    private boolean curved() {
        return kind == Kind.TANH || kind == Kind.GELU;
    }

    @Override
    public Cache forward(DMatrixRMaj in, Params p) {
        DMatrixRMaj out = new DMatrixRMaj(in.numRows, in.numCols);
        int n = in.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = f(in.data[i]);
        }
        return new Cache(out, null);
    }

    @Override
    public Grad backward(DMatrixRMaj in, Cache cache, Params p, DMatrixRMaj gOut, boolean needInputGrad) {
        if (!needInputGrad) {
            return new Grad(null, null);
        }
        DMatrixRMaj g = new DMatrixRMaj(in.numRows, in.numCols);
        int n = in.getNumElements();
        for (int i = 0; i < n; i++) {
            g.data[i] = gOut.data[i] * d1(in.data[i]);
        }
        return new Grad(g, null);
    }

    @Override
    public DMatrixRMaj rForward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v) {
        if (rIn == null) {
            return null;
        }
        DMatrixRMaj r = new DMatrixRMaj(in.numRows, in.numCols);
        int n = in.getNumElements();
        for (int i = 0; i < n; i++) {
            r.data[i] = rIn.data[i] * d1(in.data[i]);
        }
        return r;
    }

    @Override
    public Grad rBackward(DMatrixRMaj in, DMatrixRMaj rIn, Cache cache, Params p, Params v,
                          DMatrixRMaj gOut, DMatrixRMaj rGOut, boolean needInputGrad, boolean needParams) {
        if (!needInputGrad || (rGOut == null && (rIn == null || !curved()))) {
            return new Grad(null, null);
        }
        DMatrixRMaj r = new DMatrixRMaj(in.numRows, in.numCols);
        int n = in.getNumElements();
        for (int i = 0; i < n; i++) {
            double x = in.data[i];
            double s = rGOut == null ? 0 : rGOut.data[i] * d1(x);
            if (rIn != null && curved()) {
                s += gOut.data[i] * d2(x) * rIn.data[i];
            }
            r.data[i] = s;
        }
        return new Grad(r, null);
    }
}
