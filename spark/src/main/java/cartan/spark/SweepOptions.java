package cartan.spark;

import cartan.profile.ProfileOptions;
import cartan.profile.ProfileOptions.FitRule;

import java.io.Serializable;

/**
 * The measurement options a sweep ships to its tasks: those of {@code bin/cartan profile} that change a number
 * ({@link ProfileOptions} itself is not serializable: it may hold a chart window function).
 *
 * @param fit       the x_min rule for α
 * @param minTail   the smallest tail the CSN rule accepts
 * @param bootstrap goodness-of-fit replicates per layer (0: none)
 * @param seed      the root seed; layer i of a model bootstraps from {@code ExponentProfile.layerSeed(seed, i)}
 */
public record SweepOptions(FitRule fit, int minTail, int bootstrap, long seed) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code bin/cartan profile}'s defaults: WW fit, minimum tail 10, no bootstrap, seed 42. */
    public static final SweepOptions DEFAULT = new SweepOptions(FitRule.WW, 10, 0, 42L);

    public SweepOptions {
        // ProfileOptions checks the same ranges and names the argument
        new ProfileOptions(fit, minTail, bootstrap, seed, 1);
    }

    /** The profile options of one task: these, one thread. */
    public ProfileOptions profileOptions() {
        return new ProfileOptions(fit, minTail, bootstrap, seed, 1);
    }
}
