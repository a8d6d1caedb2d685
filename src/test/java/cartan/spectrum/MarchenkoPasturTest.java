package cartan.spectrum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Marchenko–Pastur law against closed forms and numerical integration, and its fit against
 * mp_reference.json (numpy/scipy, src/test/resources/cartan/spectrum/mp_reference.py).
 */
class MarchenkoPasturTest {

    static final JsonNode REFERENCE = load();

    private static JsonNode load() {
        try (InputStream in = MarchenkoPasturTest.class.getResourceAsStream("/cartan/spectrum/mp_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    /**
     * ∫_a^b f by Gauss–Legendre after x = a + (b − a)(1 − cos φ)/2, which removes the square-root behaviour of
     * the density at both ends.
     */
    private static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b) {
        double h = 0.5 * (b - a);
        return new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-15).integrate(1_000_000,
                phi -> f.applyAsDouble(a + h * (1 - Math.cos(phi))) * h * Math.sin(phi), 0, Math.PI);
    }

    @Test
    void densityIntegratesToOneWithMeanSigmaSquaredAndVarianceSigmaFourOverQ() {
        for (double q : new double[] {1.2, 4, 10}) {
            MarchenkoPastur law = new MarchenkoPastur(q, 0.7);
            double a = law.lowerEdge();
            double b = law.upperEdge();
            // closed forms: λ± = σ²(1 ± 1/√Q)²
            assertEquals(0.7 * Math.pow(1 - 1 / Math.sqrt(q), 2), a, 1e-15);
            assertEquals(0.7 * Math.pow(1 + 1 / Math.sqrt(q), 2), b, 1e-15);
            assertEquals(1, integrate(law::density, a, b), 1e-7, "mass, Q = " + q);
            assertEquals(0.7, integrate(x -> x * law.density(x), a, b), 1e-7, "mean, Q = " + q);
            double second = integrate(x -> x * x * law.density(x), a, b);
            assertEquals(0.49 / q, second - 0.49, 1e-7, "variance, Q = " + q);
            // the distribution function against the integral of the density
            for (double x : new double[] {a + 0.1 * (b - a), 0.5 * (a + b), a + 0.93 * (b - a)}) {
                assertEquals(integrate(law::density, a, x), law.cdf(x), 1e-9, "cdf at " + x + ", Q = " + q);
            }
            assertEquals(0, law.cdf(a), 0);
            assertEquals(1, law.cdf(b), 0);
            assertEquals(0, law.density(b * 1.0001), 0);
            assertEquals(0, law.density(a * 0.999), 0);
        }
    }

    @Test
    void squareCaseIsTheQuarterCircleInTheSingularValues() {
        MarchenkoPastur law = new MarchenkoPastur(1, 2.5);
        double sigma = Math.sqrt(2.5);
        for (double s : new double[] {0, 0.3, 1.1, 2.9, 2 * sigma - 1e-9}) {
            double qc = Math.sqrt(4 * 2.5 - s * s) / (Math.PI * 2.5);
            assertEquals(qc, law.singularValueDensity(s), 1e-12 * Math.max(1, qc), "s = " + s);
        }
        assertEquals(0, law.singularValueDensity(2 * sigma + 1e-9), 0);
        assertEquals(1, integrate(law::singularValueDensity, 0, 2 * sigma), 1e-7);
        assertEquals(0, law.lowerEdge(), 0);
        assertEquals(4 * 2.5, law.upperEdge(), 1e-14);
        // the CDF of λ at x equals the probability that s ≤ √x
        assertEquals(integrate(law::singularValueDensity, 0, Math.sqrt(3.0)), law.cdf(3.0), 1e-9);
    }

    @Test
    void wishartSampleFromNumpyFollowsTheLaw() {
        JsonNode w = REFERENCE.get("wishart");
        int n = w.get("rows").asInt();
        int m = w.get("cols").asInt();
        MarchenkoPastur law = MarchenkoPastur.of(n, m, w.get("variance").asDouble());
        double[] edges = doubles(w.get("edges"));
        double[] counts = doubles(w.get("counts"));
        double total = 0;
        double worst = 0;
        double tv = 0;
        for (int i = 0; i < counts.length; i++) {
            double expected = m * law.probability(edges[i], edges[i + 1]);
            total += counts[i];
            // Poisson's standard deviation overstates the spread of (rigid) eigenvalue counts
            worst = Math.max(worst, Math.abs(counts[i] - expected) / Math.sqrt(expected + 1));
            tv += Math.abs(counts[i] / m - expected / m);
        }
        assertEquals(m, total, 0);
        assertTrue(worst < 4, "largest standardised bin deviation " + worst);
        assertTrue(tv / 2 < 0.05, "total variation distance " + tv / 2);
        // the sample's extreme eigenvalues lie near the edges (finite-N shift ~ N^{-2/3})
        assertEquals(law.lowerEdge(), edges[0], 0.05);
        assertEquals(law.upperEdge(), edges[edges.length - 1], 0.05);
        // a wrong aspect-ratio convention (Q ↔ 1/Q, i.e. edges (1 ± √Q)²) would put the upper edge at 9
        assertFalse(Math.abs(9 - edges[edges.length - 1]) < 1);
    }

    @Test
    void fitMatchesTheNumpyReimplementation() {
        for (JsonNode c : REFERENCE.get("fits")) {
            String name = c.get("name").asText();
            double[] lambda = doubles(c.get("eigenvalues"));
            MarchenkoPasturFit f = MarchenkoPasturFit.fit(lambda, c.get("rows").asInt(), c.get("cols").asInt());
            assertEquals(c.get("sigma").asDouble(), f.sigma(), 1e-6 * c.get("sigma").asDouble(), name + ": sigma");
            assertEquals(c.get("bulk_max").asDouble(), f.bulkMax(), 2e-6 * c.get("bulk_max").asDouble(),
                    name + ": bulk_max");
            assertEquals(c.get("bulk_min").asDouble(), f.bulkMin(), 1e-5 * c.get("bulk_max").asDouble(),
                    name + ": bulk_min");
            assertEquals(c.get("spikes").asInt(), f.spikes(), name + ": spikes");
            assertEquals(c.get("softrank").asDouble(), f.softRank(), 2e-6, name + ": softrank");
            assertEquals(c.get("entry_variance").asDouble(), f.entryVariance(),
                    2e-6 * c.get("entry_variance").asDouble(), name + ": entry variance");
            assertTrue(f.edgesPlausible(), name);
            if (c.has("planted")) {
                assertEquals(c.get("planted").asInt(), f.spikes(), name + ": planted spikes");
            }
        }
    }

    @Test
    void fitOfGaussianMatricesRecoversTheEntryVariance() {
        // the closed form: i.i.d. entries of variance v give σ_mp ≈ 1 and entry variance ≈ v, in either orientation
        for (JsonNode c : REFERENCE.get("fits")) {
            String name = c.get("name").asText();
            if (!name.startsWith("gaussian")) {
                continue;
            }
            double v = name.contains("var 0.5") ? 0.5 : name.contains("var 2") ? 2 : 1;
            MarchenkoPasturFit f = MarchenkoPasturFit.fit(doubles(c.get("eigenvalues")), c.get("rows").asInt(),
                    c.get("cols").asInt());
            assertEquals(1, f.sigma(), 0.03, name);
            assertEquals(v, f.entryVariance(), 0.06 * v, name);
            assertEquals(0, f.spikes(), name);
            double[] edges = MarchenkoPastur.edgesOfEntries(c.get("rows").asInt(), c.get("cols").asInt(), v);
            assertEquals(edges[1], f.bulkMax(), 0.06 * edges[1], name);
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new MarchenkoPastur(0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new MarchenkoPastur(2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarchenkoPasturFit.fit(new double[] {0, 0, 0}, 4, 3));
        assertTrue(e.getMessage().startsWith("eigenvalues:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MarchenkoPasturFit.fit(new double[] {1, -1}, 4, 2));
        assertTrue(e.getMessage().startsWith("eigenvalues:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MarchenkoPasturFit.fit(new double[] {1, Double.NaN}, 4, 2));
        assertTrue(e.getMessage().startsWith("eigenvalues:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MarchenkoPasturFit.fit(new double[] {1}, 4, 1));
        assertTrue(e.getMessage().startsWith("eigenvalues:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MarchenkoPasturFit.fit(new double[] {1, 2}, 0, 2));
        assertTrue(e.getMessage().startsWith("rows:"), e.getMessage());
    }
}
