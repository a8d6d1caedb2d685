package cartan.curvature;

import cartan.fit.Ols;

import cartan.special.RiemannZeta;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ZetaAndRatiosTest {

    @Test
    void zetaMatchesClosedFormsAndScipy() {
        assertEquals(Math.PI * Math.PI / 6, RiemannZeta.zeta(2), 2e-15);
        assertEquals(Math.pow(Math.PI, 4) / 90, RiemannZeta.zeta(4), 2e-15);
        // scipy.special.zeta 1.10 (python3 -c "from scipy.special import zeta; print(repr(float(zeta(s))))")
        assertEquals(1.2020569031595942, RiemannZeta.zeta(3), 2e-15);
        assertEquals(2.612375348685488, RiemannZeta.zeta(1.5), 4e-15);
        assertEquals(100.57794333849677, RiemannZeta.zeta(1.01), 1e-12);
        assertEquals(1.005826727536523, RiemannZeta.zeta(7.5), 2e-15);
        for (double s : new double[]{1.01, 1.5, 2, 3, 10}) {
            assertTrue(RiemannZeta.errorBound(s) < 1e-16, "bound at " + s);
        }
    }

    @Test
    void zetaRejectsTheDivergentRange() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RiemannZeta.zeta(1)).getMessage().startsWith("s"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RiemannZeta.zeta(Double.NaN)).getMessage().startsWith("s"));
    }

    @Test
    void participationRatioOfPowerLawsApproachesTheZetaBound() {
        // ζ(2)²/ζ(4) = (π⁴/36)/(π⁴/90) = 5/2 exactly
        assertEquals(2.5, ParticipationRatio.zetaBound(2), 1e-14);
        // direct sums in double precision: PR_K for h_k = k^-2 increases toward 5/2
        double prev = 0;
        for (int k : new int[]{1, 5, 20, 100, 1000, 100000}) {
            double pr = ParticipationRatio.ofPowerLaw(2, k);
            assertTrue(pr > prev && pr < 2.5, "K=" + k + " PR=" + pr);
            prev = pr;
        }
        assertEquals(2.5, ParticipationRatio.ofPowerLaw(2, 100000), 1e-4);
        // PR of equal values is their count; PR of one value is 1
        assertEquals(7, ParticipationRatio.of(new double[]{3, 3, 3, 3, 3, 3, 3}), 1e-14);
        assertEquals(1, ParticipationRatio.of(new double[]{4}), 1e-15);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ParticipationRatio.zetaBound(0.5)).getMessage().startsWith("p"));
    }

    @Test
    void olsByHand() {
        // x = 1..4, y = (1, 3, 2, 5): slope 5.5/5 = 1.1, intercept 0, RSS 2.7, SE sqrt(2.7/2/5), R² = 1 − 2.7/8.75
        Ols f = Ols.fit(new double[]{1, 2, 3, 4}, new double[]{1, 3, 2, 5});
        assertEquals(1.1, f.slope(), 1e-14);
        assertEquals(0, f.intercept(), 1e-14);
        assertEquals(Math.sqrt(0.27), f.slopeStdError(), 1e-14);
        assertEquals(1 - 2.7 / 8.75, f.rSquared(), 1e-14);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ols.fit(new double[]{1, 2, 3}, new double[]{1, 2}))
                .getMessage().startsWith("y"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ols.fit(new double[]{1, 1, 1}, new double[]{1, 2, 3}))
                .getMessage().startsWith("x"));
    }

    @Test
    void exponentsOfExactPowerLaws() {
        // σ_k = 3 k^-0.7, h_k = 2 σ_k^2.2 → γ = 0.7, α = 2.2, s = 1.54, all exact
        double[] sigma = new double[25];
        double[] h = new double[25];
        for (int k = 0; k < 25; k++) {
            sigma[k] = 3 * Math.pow(k + 1, -0.7);
            h[k] = 2 * Math.pow(sigma[k], 2.2);
        }
        CurvatureExponents e = CurvatureExponents.fit(sigma, h, 20);
        assertEquals(2.2, e.alpha(), 1e-12);
        assertEquals(0.7, e.gamma(), 1e-12);
        assertEquals(1.54, e.s(), 1e-12);
        assertEquals(0, e.relativeError(), 1e-11);
        assertEquals(20, e.alphaFit().n());
        assertEquals(1, e.alphaFit().rSquared(), 1e-12);
    }

    @Test
    void negativeCurvaturesAreDroppedAndSortingIsApplied() {
        double[] sigma = {10, 8, 6, 5, 4, 3};
        double[] h = {100, -1, 36, 64, 16, 9};
        // α fit uses k = 0,2,3,4,5: (log σ, log h) = (log10, log100), (log6, log36), (log5, log64), (log4, log16), (log3, log9)
        Ols a = CurvatureExponents.alphaFit(sigma, h);
        assertEquals(5, a.n());
        Ols direct = Ols.fit(new double[]{Math.log(10), Math.log(6), Math.log(5), Math.log(4), Math.log(3)},
                new double[]{Math.log(100), Math.log(36), Math.log(64), Math.log(16), Math.log(9)});
        assertEquals(direct.slope(), a.slope(), 1e-14);
        // s: sorted positive h = 100, 64, 36, 16, 9 at ranks 1..5
        Ols s = CurvatureExponents.sFit(h);
        Ols sd = Ols.fit(new double[]{0, Math.log(2), Math.log(3), Math.log(4), Math.log(5)},
                new double[]{Math.log(100), Math.log(64), Math.log(36), Math.log(16), Math.log(9)});
        assertEquals(sd.slope(), s.slope(), 1e-14);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CurvatureExponents.fit(new double[]{1, 2, 3}, new double[]{1, 2, 3}, 20)).getMessage().startsWith("sigma"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CurvatureExponents.fit(new double[]{3, 2, 1}, new double[]{-1, -2, 3}, 20)).getMessage().startsWith("h"));
    }
}
