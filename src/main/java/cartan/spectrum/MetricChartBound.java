package cartan.spectrum;

import cartan.Require;
import cartan.orbit.CartanOrbit;
import cartan.orbit.SpectralDistances;

/**
 * The metric-chart bound of the full-Cartan exponent (notebook 05, E1.8; theorems.md P1.8 [RECON]): for two
 * spectra of width d with energy weights p and q and fitted chart exponents β̂_p, β̂_q
 * ({@link PowerLawChart#fit} on σ_k = √p_k),
 *
 * <pre>  |β̂_p − β̂_q| ≤ ½ ρ_{2β̂_p}( Hel(p, q) + h_p + h_q ),   h_p = Hel(p, p_{2β̂_p}),</pre>
 *
 * where Hel² = Σ(√p − √q)², p_s is the orbit point of width d and ρ_s(h) the orbit's Hellinger radius around s
 * ({@link CartanOrbit#hellingerRadius}). It is the triangle inequality in Hellinger distance read through the
 * orbit. {@link #of} returns the right-hand side (+∞ when the Hellinger sum exceeds the orbit's reach).
 */
public final class MetricChartBound {

    private MetricChartBound() {
    }

    /** ½ ρ_{2β̂_p}(Hel(p, q) + h_p + h_q) for the weights p and q of {@code orbit}'s width. */
    public static double of(CartanOrbit orbit, double[] p, double[] q) {
        Require.notNull("orbit", orbit);
        Require.positive("p", p);
        Require.positive("q", q);
        if (p.length != orbit.width() || q.length != orbit.width()) {
            throw new IllegalArgumentException("p: p and q need the orbit's width " + orbit.width() + ", got "
                    + p.length + " and " + q.length);
        }
        double betaP = exponent(p);
        double betaQ = exponent(q);
        double hel = Math.sqrt(SpectralDistances.hellingerSquared(p, q));
        double hp = Math.sqrt(SpectralDistances.hellingerSquared(p, orbit.weights(2 * betaP)));
        double hq = Math.sqrt(SpectralDistances.hellingerSquared(q, orbit.weights(2 * betaQ)));
        return 0.5 * orbit.hellingerRadius(2 * betaP, hel + hp + hq);
    }

    /** The full-Cartan chart exponent of the weights p: β̂ of σ_k = √p_k over all ranks. */
    public static double exponent(double[] p) {
        Require.positive("p", p);
        double[] sigma = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            sigma[k] = Math.sqrt(p[k]);
        }
        return PowerLawChart.fit(Spectrum.ofSingularValues(sigma)).beta();
    }
}
