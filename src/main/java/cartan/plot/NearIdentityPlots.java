package cartan.plot;

import cartan.Require;
import cartan.spectrum.Spectrum;
import cartan.spectrum.TopRadialChart;
import org.knowm.xchart.XYChart;

/**
 * Plots of notebook 05 (near-identity chains, scalar vs full-Cartan control): a chain's exponent along depth on
 * its reference path ({@link #path}) and two spectra with the same top-radial coordinate ({@link #sameTop}).
 */
public final class NearIdentityPlots {

    private NearIdentityPlots() {
    }

    /**
     * The reference exponent β̂(U(t)) as a line on its grid, and the chain's β̂(J_ℓ) as markers at t = ℓ/L
     * (L = chain.length).
     */
    public static XYChart path(double[] tGrid, double[] reference, double[] chain) {
        Require.finite("tGrid", tGrid);
        Require.finite("reference", reference);
        Require.finite("chain", chain);
        int len = chain.length;
        double[] t = new double[len];
        for (int l = 1; l <= len; l++) {
            t[l - 1] = l / (double) len;
        }
        XYChart c = Charts.xy("Normalised residual chain, L = " + len + ": exponent along depth", "t = ℓ / L", "β̂");
        Charts.line(c, "reference β̂(U(t))", tGrid, reference);
        Charts.scatter(c, "chain β̂(J_ℓ)", t, chain);
        return c;
    }

    /**
     * The normalised Cartan coordinates μ̃_k of the orbit point A (exponent β) and of B against log k, with the
     * orbit line r(β) − β log k.
     */
    public static XYChart sameTop(Spectrum a, Spectrum b, double beta) {
        Require.notNull("a", a);
        Require.notNull("b", b);
        Require.finite("beta", beta);
        int n = a.size();
        if (b.size() != n) {
            throw new IllegalArgumentException("b: needs the width " + n + " of a, got " + b.size());
        }
        double[] logk = new double[n];
        double[] line = new double[n];
        for (int k = 1; k <= n; k++) {
            logk[k - 1] = Math.log(k);
            line[k - 1] = TopRadialChart.radial(n, beta) - beta * Math.log(k);
        }
        XYChart c = Charts.xy("Same top-radial coordinate, different spectra", "log k", "normalised Cartan coordinate μ̃_k");
        Charts.scatter(c, "A: orbit point β = " + beta, logk, a.cartanCoordinate());
        Charts.scatter(c, "B: spike + flat bulk", logk, b.cartanCoordinate());
        Charts.line(c, "orbit line r(" + beta + ") − " + beta + " log k", logk, line);
        return c;
    }
}
