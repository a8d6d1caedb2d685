package cartan.curvature;

import cartan.Require;

import java.util.SplittableRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic Lanczos quadrature (Golub–Meurant; Ubaru, Chen &amp; Saad 2017; Ghorbani, Krishnan &amp;
 * Xiao 2019) for the spectral density μ = (1/N) Σ_i δ(λ − λ_i) of a symmetric M without forming it:
 * for each of {@code probes} Rademacher vectors z, {@code steps} Lanczos steps from z/‖z‖ give
 * nodes θ and weights τ²; μ ≈ (1/probes) Σ_probes Σ_i τ_i² δ(λ − θ_i). Each probe's rule integrates
 * polynomials of degree ≤ 2·steps − 1 exactly against zᵀ f(M) z / N, whose expectation is tr f(M)/N.
 * {@link #density} smooths the atoms with a Gaussian kernel of the given width.
 */
public record SpectralDensity(double[] nodes, double[] weights, int probes, int steps) {

    public static SpectralDensity estimate(LinearOperator op, int probes, int steps, long seed) {
        Require.notNull("op", op);
        Require.atLeast("probes", probes, 1);
        Require.atLeast("steps", steps, 1);
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> ns = new ArrayList<>();
        List<double[]> ws = new ArrayList<>();
        int total = 0;
        for (int p = 0; p < probes; p++) {
            Lanczos.Result res = Lanczos.run(op, HutchinsonTrace.rademacher(op.dim(), r), steps);
            ns.add(res.ritzValues());
            ws.add(res.weights());
            total += res.steps();
        }
        double[] nodes = new double[total];
        double[] weights = new double[total];
        int k = 0;
        for (int p = 0; p < probes; p++) {
            for (int i = 0; i < ns.get(p).length; i++) {
                nodes[k] = ns.get(p)[i];
                weights[k] = ws.get(p)[i] / probes;
                k++;
            }
        }
        return new SpectralDensity(nodes, weights, probes, steps);
    }

    /** ∫ λ^j dμ estimated by the quadrature: Σ w_i θ_i^j (approximates tr(M^j)/N). */
    public double moment(int j) {
        Require.atLeast("j", j, 0);
        double s = 0;
        for (int i = 0; i < nodes.length; i++) {
            s += weights[i] * Math.pow(nodes[i], j);
        }
        return s;
    }

    /** Gaussian-smoothed density at the points x: Σ w_i φ((x − θ_i)/width)/width. */
    public double[] density(double[] x, double width) {
        Require.finite("x", x);
        Require.positive("width", width);
        double[] out = new double[x.length];
        double c = 1 / (Math.sqrt(2 * Math.PI) * width);
        for (int t = 0; t < x.length; t++) {
            double s = 0;
            for (int i = 0; i < nodes.length; i++) {
                double z = (x[t] - nodes[i]) / width;
                s += weights[i] * Math.exp(-0.5 * z * z);
            }
            out[t] = s * c;
        }
        return out;
    }
}
