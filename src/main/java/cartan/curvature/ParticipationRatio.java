package cartan.curvature;

import cartan.special.RiemannZeta;

import cartan.Require;

/**
 * Participation ratio PR(h) = (Σ h_k)² / Σ h_k² (an effective number of directions, between 1 and
 * the count) and the zeta bound of Proposition 7 of arXiv 2606.02596: if h_k = k^{−p} with p &gt; 1,
 * PR of the first K terms increases with K to ζ(p)²/ζ(2p). For p = 2 the bound is exactly 5/2
 * (ζ(2)² / ζ(4) = (π⁴/36)/(π⁴/90)).
 */
public final class ParticipationRatio {

    private ParticipationRatio() {
    }

    public static double of(double[] h) {
        Require.finite("h", h);
        double s = 0;
        double s2 = 0;
        for (double v : h) {
            s += v;
            s2 += v * v;
        }
        if (!(s2 > 0)) {
            throw new IllegalArgumentException("h: must not be all zero");
        }
        return s * s / s2;
    }

    /** PR of the power law h_k = k^{−p}, k = 1…K. */
    public static double ofPowerLaw(double p, int k) {
        Require.positive("p", p);
        Require.atLeast("k", k, 1);
        double[] h = new double[k];
        for (int i = 0; i < k; i++) {
            h[i] = Math.pow(i + 1, -p);
        }
        return of(h);
    }

    /** ζ(p)²/ζ(2p), the K → ∞ limit and upper bound of {@link #ofPowerLaw}. Needs p &gt; 1. */
    public static double zetaBound(double p) {
        Require.finite("p", p);
        if (!(p > 1)) {
            throw new IllegalArgumentException("p: the zeta bound needs p > 1, got " + p);
        }
        double z = RiemannZeta.zeta(p);
        return z * z / RiemannZeta.zeta(2 * p);
    }
}
