package cartan.train;

import cartan.Require;
import cartan.nn.Params;

/** SGD with Nesterov momentum μ: W ← W − η (g + μ m), m ← μ m + g (weights and biases alike). */
public final class SgdMomentum implements Optimizer {

    private final Momentum momentum;

    public SgdMomentum(double momentum) {
        Require.inRange("momentum", momentum, 0, 1);
        this.momentum = new Momentum(momentum);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public Params[] step(Params[] params, Params[] gradient, double lr) {
        Params[] out = new Params[params.length];
        for (int i = 0; i < params.length; i++) {
            if (params[i] != null) {
                out[i] = Optimizer.minus(params[i], lr, momentum.weight(i, params.length, gradient[i].w()),
                        momentum.bias(i, gradient[i].b()));
            }
        }
        return out;
    }
}
