package cartan.spectrum;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * How well the near-identity expansion μ̃_k(I + εB) = ε ℓ_k + ε² c_k + O(ε³) ({@link NearIdentity}, from a
 * symmetric eigendecomposition) describes the normalised Cartan coordinate measured by the SVD
 * ({@link Spectrum#cartanCoordinate}), for a list of ε (notebook 05, E1.7a–b): per ε the largest remainder after
 * the linear term, max_k |μ̃_k − ε ℓ_k|/ε², and the largest deviation of that ratio from the second-order
 * coefficient, max_k |(μ̃_k − ε ℓ_k)/ε² − c_k| (third order, O(ε)).
 *
 * @param epsilons              the ε
 * @param errorOverEps2         max_k |μ̃_k − ε ℓ_k| / ε²
 * @param coefficientDeviation  max_k |(μ̃_k − ε ℓ_k)/ε² − c_k|
 */
public record NearIdentityRemainder(double[] epsilons, double[] errorOverEps2, double[] coefficientDeviation) {

    public NearIdentityRemainder {
        epsilons = Require.finite("epsilons", epsilons).clone();
        errorOverEps2 = Require.finite("errorOverEps2", errorOverEps2).clone();
        coefficientDeviation = Require.finite("coefficientDeviation", coefficientDeviation).clone();
    }

    /** The remainders of I + εB against {@code expansion} (the expansion of B) for each ε ≠ 0. */
    public static NearIdentityRemainder of(DMatrixRMaj b, NearIdentity expansion, double[] epsilons) {
        Require.square("b", b);
        Require.notNull("expansion", expansion);
        Require.finite("epsilons", epsilons);
        int d = b.numRows;
        double[] lin = expansion.linear();
        double[] ck = expansion.second();
        if (lin.length != d) {
            throw new IllegalArgumentException("expansion: has " + lin.length + " coefficients for a " + d + "x" + d + " b");
        }
        double[] err = new double[epsilons.length];
        double[] dev = new double[epsilons.length];
        for (int i = 0; i < epsilons.length; i++) {
            double e = epsilons[i];
            if (e == 0) {
                throw new IllegalArgumentException("epsilons: entry " + i + " is 0");
            }
            double[] mu = Spectrum.of(CommonOps_DDRM.add(CommonOps_DDRM.identity(d), e, b, null)).cartanCoordinate();
            for (int k = 0; k < d; k++) {
                double rest = mu[k] - e * lin[k];
                err[i] = Math.max(err[i], Math.abs(rest) / (e * e));
                dev[i] = Math.max(dev[i], Math.abs(rest / (e * e) - ck[k]));
            }
        }
        return new NearIdentityRemainder(epsilons, err, dev);
    }

    @Override
    public double[] epsilons() {
        return epsilons.clone();
    }

    @Override
    public double[] errorOverEps2() {
        return errorOverEps2.clone();
    }

    @Override
    public double[] coefficientDeviation() {
        return coefficientDeviation.clone();
    }

    /** Columns epsilon, max error / eps^2, max |error/eps^2 − c_k|. */
    public Table table(String title) {
        return Table.create(Require.notNull("title", title)).addColumns(DoubleColumn.create("epsilon", epsilons),
                DoubleColumn.create("max error / eps^2", errorOverEps2),
                DoubleColumn.create("max |error/eps^2 − c_k|", coefficientDeviation));
    }
}
