package cartan.profile;

import cartan.Require;

import java.util.List;

/**
 * The Frobenius-normalised accounting of chain profiles (notebook 03; theorems.md P1.5): over every layer of
 * every chain, the largest error of the exact identity Δr_ℓ = a_ℓ − ξ_ℓ − ν_ℓ (columns
 * {@code radial_increment}, {@code interface_amplitude}, {@code slack}, {@code normalisation_change}) and the
 * largest ratio drift_ℓ / drift_bound_ℓ of the mean-value-theorem bound (columns {@code drift},
 * {@code drift_bound}). Both follow from the definitions: identities of the implementation.
 *
 * @param identityError the largest |Δr − (a − ξ − ν)|
 * @param boundRatio    the largest drift / drift_bound
 */
public record FrobeniusAccounting(double identityError, double boundRatio) {

    /** The two maxima over the chain profiles. */
    public static FrobeniusAccounting of(List<ExponentProfile> chains) {
        Require.notNull("chains", chains);
        double err = 0, ratio = 0;
        for (ExponentProfile p : chains) {
            if (!Require.notNull("chains", p).isChain()) {
                throw new IllegalArgumentException("chains: holds a layer profile, not a chain profile");
            }
            double[] dr = p.column("radial_increment"), a = p.column("interface_amplitude"), xi = p.column("slack");
            double[] nu = p.column("normalisation_change"), drift = p.column("drift"), bound = p.column("drift_bound");
            for (int l = 0; l < dr.length; l++) {
                err = Math.max(err, Math.abs(dr[l] - (a[l] - xi[l] - nu[l])));
                ratio = Math.max(ratio, drift[l] / bound[l]);
            }
        }
        return new FrobeniusAccounting(err, ratio);
    }
}
