package cartan.nn;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * An elementwise nonlinearity y = f(x) with f' and f'' (used by the R-backward pass:
 * R{g_x} = R{g_y} ⊙ f'(x) + g_y ⊙ f''(x) ⊙ R{x}).
 *
 * <p>ReLU: f = max(0, x), f' = 1[x &gt; 0], f'' = 0 (almost everywhere; the Hessian is that of the
 * piecewise-linear network on the current activation pattern). Tanh: f' = 1 − tanh², f'' = −2 tanh (1 − tanh²).
 * GELU in its tanh form (GPT-2, Hendrycks &amp; Gimpel): f = ½x(1 + t), t = tanh(u), u = c(x + 0.044715x³),
 * c = √(2/π); f' = ½(1 + t) + ½x(1 − t²)u', f'' = (1 − t²)(u' + ½x(u'' − 2t u'²)) with u' = c(1 + 3·0.044715x²),
 * u'' = 6c·0.044715x. (It differs from x Φ(x) by less than 1e-3 everywhere and costs one tanh instead of
 * an erfc, which in Hipparchus took ~0.7 µs per call.)
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

    private static final double GELU_C = Math.sqrt(2 / Math.PI);
    private static final double GELU_K = 0.044715;

    private static double geluF(double x) {
        return 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x)));
    }

    private static double geluD1(double x) {
        double t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
        double du = GELU_C * (1 + 3 * GELU_K * x * x);
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du;
    }

    private static double geluD2(double x) {
        double t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
        double du = GELU_C * (1 + 3 * GELU_K * x * x);
        double ddu = 6 * GELU_C * GELU_K * x;
        return (1 - t * t) * (du + 0.5 * x * (ddu - 2 * t * du * du));
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
            case GELU -> geluF(x);
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
            case GELU -> geluD1(x);
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
            case GELU -> geluD2(x);
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
