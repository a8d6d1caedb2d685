package cartan.orbit;

import cartan.Require;

/**
 * Finite differences of the log-partition ψ(s) = log H_d(s) of the Cartan orbit against its moment formulas
 * (notebook 01, E1.1): over widths d and exponents s, with step h,
 *
 * <pre>
 *   e₁ = max |(ψ(s+h) − ψ(s−h))/(2h) + E_s[log k]|,            tol₁ = max 4(h²|κ₃(s)|/6 + ε|ψ(s)|/h),
 *   e₂ = max |(ψ(s+h) − 2ψ(s) + ψ(s−h))/h² − Var_s(log k)|,    tol₂ = max 4·4ε|ψ(s)|/h² + h²,
 * </pre>
 *
 * κ₃ the third central moment of log k and ε the unit roundoff: the central-difference truncation and
 * rounding errors, with a factor 4 of slack. Both sides come from {@link CartanOrbit}, so e ≤ tol is an
 * identity of the implementation.
 *
 * @param firstError   e₁
 * @param secondError  e₂
 * @param firstTol     tol₁
 * @param secondTol    tol₂
 */
public record LogPartitionDifferences(double firstError, double secondError, double firstTol, double secondTol) {

    /** The maxima over every width in {@code widths} and exponent in {@code exponents}. */
    public static LogPartitionDifferences of(int[] widths, double[] exponents, double h) {
        Require.notNull("widths", widths);
        Require.finite("exponents", exponents);
        Require.positive("h", h);
        double eps = Math.ulp(1.0);
        double e1 = 0, e2 = 0, tol1 = 0, tol2 = 0;
        for (int d : widths) {
            CartanOrbit orbit = CartanOrbit.ofWidth(Require.atLeast("widths", d, 1));
            for (double s : exponents) {
                double psiMinus = orbit.logPartition(s - h), psi = orbit.logPartition(s), psiPlus = orbit.logPartition(s + h);
                e1 = Math.max(e1, Math.abs((psiPlus - psiMinus) / (2 * h) + orbit.meanLogRank(s)));
                e2 = Math.max(e2, Math.abs((psiPlus - 2 * psi + psiMinus) / (h * h) - orbit.fisherInformation(s)));
                tol1 = Math.max(tol1, 4 * (h * h * Math.abs(orbit.thirdCentralMoment(s)) / 6 + eps * Math.abs(psi) / h));
                tol2 = Math.max(tol2, 4 * (4 * eps * Math.abs(psi) / (h * h)) + h * h);
            }
        }
        return new LogPartitionDifferences(e1, e2, tol1, tol2);
    }
}
