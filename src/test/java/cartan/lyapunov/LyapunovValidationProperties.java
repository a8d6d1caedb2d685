package cartan.lyapunov;

import cartan.ValidationSweep;
import cartan.special.Polygamma;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cartan.ValidationSweep.rejects;

/**
 * The reflective bad-input sweep over cartan.lyapunov (added after the package landed on main; the
 * hand-written cases and invariances of the package live in its own tests).
 */
class LyapunovValidationProperties {

    @Test
    void reflectiveSweep() {
        for (Class<?> c : List.of(MaskedGaussianExponents.class,
                Polygamma.class, ProductEnsemble.class, ProductSvd.class, SubspaceAlignment.class)) {
            ValidationSweep.assertAllRejected(c);
        }
    }

    @Test
    void handWrittenBadInput() {
        rejects("x", () -> Polygamma.digamma(Double.NaN));
        rejects("x", () -> Polygamma.trigamma(Double.POSITIVE_INFINITY));
        rejects("d", () -> MaskedGaussianExponents.ginibre(0, 1, 1));
        rejects("p", () -> MaskedGaussianExponents.bernoulli(4, 1.5, 1, 1));
    }
}
