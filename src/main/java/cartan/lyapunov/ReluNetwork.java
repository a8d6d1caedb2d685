package cartan.lyapunov;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random bias-free ReLU network of width d with He initialisation (W_ℓ i.i.d. N(0, 2/d)), run
 * forward from a random unit input. Each call to {@link #next} draws W_ℓ, sets the gates
 * D_ℓ = diag(1[W_ℓ h_{ℓ−1} &gt; 0]) from the current activation, advances h_ℓ = D_ℓ W_ℓ h_{ℓ−1} and
 * returns the layer Jacobian D_ℓ W_ℓ.
 *
 * <p>By positive homogeneity the gates do not depend on ‖h‖, so h is renormalised after each layer and
 * the increment log(‖h_ℓ‖/‖h_{ℓ−1}‖) is recorded: their mean is the forward growth rate
 * (1/L) log ‖h_L‖, which equals the Bernoulli(½) top exponent (‖ReLU(Wh)‖² = (σ_w²‖h‖²/d) χ²_K,
 * K ~ Bin(d, ½)).
 */
public final class ReluNetwork implements ProductEnsemble {

    private final int d;
    private final double scale;
    private final SplittableRandom random;
    private final double[] h;
    private final double[] pre;
    private double[] increments = new double[64];
    private int layers;

    ReluNetwork(int d, long seed) {
        Require.atLeast("d", d, 1);
        this.d = d;
        this.scale = Math.sqrt(2.0 / d);
        this.random = new SplittableRandom(seed);
        this.h = new double[d];
        this.pre = new double[d];
        Gaussians.fill(h, 0, d, 1, random);
        normalise();
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void next(DMatrixRMaj out) {
        out.reshape(d, d);
        double[] a = out.data;
        Gaussians.fill(a, 0, d * d, scale, random);
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += a[i * d + j] * h[j];
            }
            pre[i] = s;
        }
        for (int i = 0; i < d; i++) {
            if (pre[i] > 0) {
                h[i] = pre[i];
            } else {
                h[i] = 0;
                Arrays.fill(a, i * d, (i + 1) * d, 0.0);
            }
        }
        double logNorm = normalise();
        if (layers == increments.length) {
            increments = Arrays.copyOf(increments, 2 * layers);
        }
        increments[layers++] = logNorm;
    }

    private double normalise() {
        double s = 0;
        for (double v : h) {
            s += v * v;
        }
        if (!(s > 0)) {
            throw new IllegalStateException("the ReLU activation died (all gates closed) at layer " + (layers + 1));
        }
        double n = Math.sqrt(s);
        for (int i = 0; i < d; i++) {
            h[i] /= n;
        }
        return Math.log(n);
    }

    /** Number of layers run so far. */
    public int layers() {
        return layers;
    }

    /** The per-layer increments log(‖h_ℓ‖/‖h_{ℓ−1}‖), ℓ = 1..layers(). */
    public double[] forwardLogNormIncrements() {
        return Arrays.copyOf(increments, layers);
    }
}
