package cartan.train;

import cartan.Require;
import cartan.curvature.SpectralNewton;
import cartan.nn.Params;
import org.ejml.data.DMatrixRMaj;

/**
 * Spectral Newton (arXiv 2606.02596): Nesterov momentum μ on each weight matrix, then the transfer
 * T(σ) = σ/(σ^α_ℓ + d) applied to its singular values through the polar/matrix-function route
 * ({@link SpectralNewton#viaPolar}): W ← W − η T(g + μ m). α_ℓ is layer ℓ's measured curvature
 * exponent, refreshed by {@link #setExponents} (the trainer measures it at the start of every epoch);
 * until then α = 2. Biases take the Nesterov-SGD step.
 */
public final class SpectralNewtonOptimizer implements Optimizer {

    private final Momentum momentum;
    private final double damping;
    private double[] alphas;

    public SpectralNewtonOptimizer(double momentum, double damping) {
        Require.inRange("momentum", momentum, 0, 1);
        this.momentum = new Momentum(momentum);
        this.damping = Require.positive("damping", damping);
    }

    /** Per-layer exponents α_ℓ (one entry per layer; entries of parameterless layers are ignored). */
    public void setExponents(double[] alphaPerLayer) {
        Require.finite("alphaPerLayer", alphaPerLayer);
        this.alphas = alphaPerLayer.clone();
    }

    public double damping() {
        return damping;
    }

    @Override
    public String name() {
        return "spectral-newton";
    }

    @Override
    public Params[] step(Params[] params, Params[] gradient, double lr) {
        Params[] out = new Params[params.length];
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                continue;
            }
            double alpha = alphas == null ? 2 : alphas[i];
            DMatrixRMaj d = SpectralNewton.viaPolar(momentum.weight(i, params.length, gradient[i].w()), alpha, damping);
            out[i] = Optimizer.minus(params[i], lr, d, momentum.bias(i, gradient[i].b()));
        }
        return out;
    }
}
