package cartan.special;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ζ(s, q) and its s-derivatives against scipy.special.zeta and mpmath (zeta_reference.py, 110 points,
 * s from 1.001 to 10, q from 0.25 to 10⁶). Tolerances: the Euler–Maclaurin remainder is below 1e-17
 * relative, so what is left is rounding in the ~20-term sum, a few ulp: 1e-13 relative for ζ and ζ′; ζ″
 * near the pole (s = 1.001, where it is 2·10⁹ from the 2/(s−1)³ term) loses digits to cancellation in
 * 1/(s−1)³ − (terms of order 1), and we allow 1e-11 there.
 */
class HurwitzZetaTest {

    static JsonNode rows() throws IOException {
        try (InputStream in = HurwitzZetaTest.class.getResourceAsStream("/cartan/special/zeta_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void matchesScipyAndMpmath() throws IOException {
        for (JsonNode r : rows()) {
            double s = r.get("s").asDouble();
            double q = r.get("q").asDouble();
            String at = "s=" + s + " q=" + q;
            double z = HurwitzZeta.zeta(s, q);
            assertEquals(r.get("zeta_mp").asDouble(), z, 1e-13 * Math.abs(z), at);
            assertEquals(r.get("zeta").asDouble(), z, 1e-13 * Math.abs(z), at + " (scipy)");
            double[] d = HurwitzZeta.withDerivatives(s, q);
            assertEquals(z, d[0], 1e-14 * z, at);
            double d1 = r.get("d1").asDouble();
            double d2 = r.get("d2").asDouble();
            assertEquals(d1, d[1], 1e-13 * Math.abs(d1), at + " d1");
            assertEquals(d2, d[2], (s < 1.01 ? 1e-11 : 1e-13) * Math.abs(d2), at + " d2");
        }
    }

    /** ζ(s, q) − ζ(s, q + 1) = q^(−s), the recurrence the discrete power law's CDF is built on. */
    @Test
    void recurrence() {
        for (double s : new double[]{1.3, 2, 2.7, 6}) {
            for (double q = 1; q < 60; q += 1) {
                double lhs = HurwitzZeta.zeta(s, q) - HurwitzZeta.zeta(s, q + 1);
                assertEquals(Math.pow(q, -s), lhs, 1e-14 * HurwitzZeta.zeta(s, q), "s=" + s + " q=" + q);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        rejects("s", () -> HurwitzZeta.zeta(1, 2));
        rejects("s", () -> HurwitzZeta.zeta(Double.NaN, 2));
        rejects("q", () -> HurwitzZeta.zeta(2, 0));
        rejects("q", () -> HurwitzZeta.withDerivatives(2, Double.POSITIVE_INFINITY));
    }
}
