package cartan.train;

import cartan.Require;
import cartan.curvature.SpectralNewton;
import cartan.nn.Params;
import org.ejml.data.DMatrixRMaj;

/**
 * Muon (Jordan 2024): Nesterov momentum μ on each weight matrix, then its approximate polar factor by
 * five quintic Newton–Schulz steps ({@link SpectralNewton#newtonSchulz}), scaled by √max(1, m/n):
 * W ← W − η √max(1, m/n) NS₅(g + μ m). Biases take the same Nesterov-SGD step without the polar map.
 */
public final class Muon implements Optimizer {

    private final Momentum momentum;

    public Muon(double momentum) {
        Require.inRange("momentum", momentum, 0, 1);
        this.momentum = new Momentum(momentum);
    }

    @Override
    public String name() {
        return "muon";
    }

    @Override
    public Params[] step(Params[] params, Params[] gradient, double lr) {
        Params[] out = new Params[params.length];
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                continue;
            }
            DMatrixRMaj d = SpectralNewton.newtonSchulz(momentum.weight(i, params.length, gradient[i].w()), 5);
            double scale = Math.sqrt(Math.max(1.0, (double) d.numRows / d.numCols));
            out[i] = Optimizer.minus(params[i], lr * scale, d, scaled(momentum.bias(i, gradient[i].b()), 1 / scale));
        }
        return out;
    }

    static double[] scaled(double[] x, double c) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= c;
        }
        return y;
    }
}
