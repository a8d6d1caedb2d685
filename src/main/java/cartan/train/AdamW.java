package cartan.train;

import cartan.Require;
import cartan.nn.Params;

/**
 * AdamW (Loshchilov &amp; Hutter): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ),
 * v̂ = v/(1−β₂ᵗ), θ ← θ − η (m̂/(√v̂ + ε) + λθ), the decoupled decay λ on weight matrices only.
 * An optional per-layer multiplier scales η layer by layer ({@link #setLayerScales}): the paper's
 * negative control, scalar learning rates η_ℓ ∝ (s_ℓ/s̄)^β.
 */
public final class AdamW implements Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private double[] scales;
    private double[][] m;
    private double[][] v;
    private int t;

    public AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = Require.inRange("beta1", beta1, 0, 1);
        this.beta2 = Require.inRange("beta2", beta2, 0, 1);
        this.epsilon = Require.positive("epsilon", epsilon);
        this.weightDecay = Require.nonNegative("weightDecay", weightDecay);
    }

    /** PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, λ = 0.01. */
    public static AdamW defaults() {
        return new AdamW(0.9, 0.999, 1e-8, 0.01);
    }

    /** Per-layer learning-rate multipliers (one per layer; entries of parameterless layers are ignored). */
    public void setLayerScales(double[] layerScales) {
        Require.positive("layerScales", layerScales);
        this.scales = layerScales.clone();
    }

    @Override
    public String name() {
        return scales == null ? "adamw" : "adamw-layer-scaled";
    }

    @Override
    public Params[] step(Params[] params, Params[] gradient, double lr) {
        if (m == null) {
            m = new double[params.length][];
            v = new double[params.length][];
        }
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        Params[] out = new Params[params.length];
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                continue;
            }
            double eta = lr * (scales == null ? 1 : scales[i]);
            int nw = params[i].w().getNumElements();
            int nb = params[i].b().length;
            if (m[i] == null) {
                m[i] = new double[nw + nb];
                v[i] = new double[nw + nb];
            }
            org.ejml.data.DMatrixRMaj w = params[i].w().copy();
            double[] b = params[i].b().clone();
            for (int k = 0; k < nw + nb; k++) {
                double g = k < nw ? gradient[i].w().data[k] : gradient[i].b()[k - nw];
                m[i][k] = beta1 * m[i][k] + (1 - beta1) * g;
                v[i][k] = beta2 * v[i][k] + (1 - beta2) * g * g;
                double d = (m[i][k] / c1) / (Math.sqrt(v[i][k] / c2) + epsilon);
                if (k < nw) {
                    w.data[k] -= eta * (d + weightDecay * w.data[k]);
                } else {
                    b[k - nw] -= eta * d;
                }
            }
            out[i] = new Params(w, b);
        }
        return out;
    }
}
