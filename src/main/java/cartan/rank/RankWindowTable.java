package cartan.rank;

import cartan.Require;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The E1.6 table of the energy-quantile rank r_τ(s, d) of the orbit p_k ∝ k^{−s} (notebook 04): one row per
 * exponent s and width d (s outer), with the regime of s, the exact rank ({@link QuantileRank#exact}), the
 * leading asymptotic value, the finite-width Euler–Maclaurin value and the integral-bound bracket
 * ({@link QuantileRank#bounds}).
 */
public final class RankWindowTable {

    private RankWindowTable() {
    }

    /** Columns s, d, regime, r_τ exact, asymptotic, Euler-Maclaurin, lower bound, upper bound. */
    public static Table of(double[] exponents, int[] widths, double tau) {
        Require.finite("exponents", exponents);
        Require.notNull("widths", widths);
        Require.inRange("tau", tau, 0, 1);
        DoubleColumn sCol = DoubleColumn.create("s");
        DoubleColumn asyCol = DoubleColumn.create("asymptotic");
        DoubleColumn emCol = DoubleColumn.create("Euler-Maclaurin");
        IntColumn dCol = IntColumn.create("d");
        IntColumn exactCol = IntColumn.create("r_" + tau + " exact");
        IntColumn loCol = IntColumn.create("lower bound");
        IntColumn hiCol = IntColumn.create("upper bound");
        StringColumn regCol = StringColumn.create("regime");
        for (double s : exponents) {
            for (int d : widths) {
                RankBounds b = QuantileRank.bounds(s, d, tau);
                sCol.append(s);
                dCol.append(d);
                regCol.append(Regime.of(s).toString());
                exactCol.append(QuantileRank.exact(s, d, tau));
                asyCol.append(QuantileRank.asymptotic(s, d, tau));
                emCol.append(QuantileRank.eulerMaclaurin(s, d, tau));
                loCol.append(b.lower());
                hiCol.append(b.upper());
            }
        }
        return Table.create("E1.6: r_" + tau + " of the orbit p_k ∝ k^-s")
                .addColumns(sCol, dCol, regCol, exactCol, asyCol, emCol, loCol, hiCol);
    }
}
