package cartan.orbit;

import org.junit.jupiter.api.Test;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Width 2: ψ(s) = log(1 + 2^{−s}), a Bernoulli variable on {0, log 2} with q = 2^{−s}/(1 + 2^{−s}), so
 * ψ' = −q log 2, ψ'' = q(1 − q) log² 2 and κ₃ = q(1 − q)(1 − 2q) log³ 2, all in closed form here.
 */
class LogPartitionDifferencesTest {

    @Test
    void widthTwoAgainstTheBernoulliClosedForms() {
        double h = 1e-4, s = 0.7, eps = Math.ulp(1.0), l2 = Math.log(2);
        LogPartitionDifferences fd = LogPartitionDifferences.of(new int[] {2}, new double[] {s}, h);
        double psi = Math.log(1 + Math.pow(2, -s));
        double q = Math.pow(2, -s) / (1 + Math.pow(2, -s));
        double fd1 = (Math.log(1 + Math.pow(2, -s - h)) - Math.log(1 + Math.pow(2, -s + h))) / (2 * h);
        assertEquals(Math.abs(fd1 + q * l2), fd.firstError(), 1e-10);
        double k3 = q * (1 - q) * (1 - 2 * q) * l2 * l2 * l2;
        assertEquals(4 * (h * h * Math.abs(k3) / 6 + eps * psi / h), fd.firstTol(), 1e-15);
        assertEquals(16 * eps * psi / (h * h) + h * h, fd.secondTol(), 1e-15);
        assertTrue(fd.firstError() <= fd.firstTol() && fd.secondError() <= fd.secondTol());
        double fd2 = (Math.log(1 + Math.pow(2, -s - h)) - 2 * psi + Math.log(1 + Math.pow(2, -s + h))) / (h * h);
        assertEquals(Math.abs(fd2 - q * (1 - q) * l2 * l2), fd.secondError(), 1e-6);
    }

    @Test
    void badStepIsNamed() {
        rejects("h", () -> LogPartitionDifferences.of(new int[] {2}, new double[] {0}, 0));
    }
}
