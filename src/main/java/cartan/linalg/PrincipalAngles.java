package cartan.linalg;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Principal angles 0 ≤ θ_1 ≤ … ≤ θ_p ≤ π/2 between the column spans of two n-row matrices
 * (Björck–Golub). With orthonormal bases Q_A (n×p) and Q_B (n×q), p ≤ q:
 * <ul>
 *   <li>cos θ_i are the singular values of Q_Aᵀ Q_B (descending);</li>
 *   <li>sin θ_i are the singular values of (I − Q_B Q_Bᵀ) Q_A (ascending), computed from the
 *   residual itself, so small angles keep full relative accuracy (a cosine near 1 would lose them).</li>
 * </ul>
 * {@link #maxSine()} is ‖sin Θ‖₂ = ‖P_A − P_B‖₂ for equal dimensions, the quantity in Davis–Kahan /
 * Wedin bounds. Each angle is taken from its sine when the sine is below 1/√2 and from its cosine
 * otherwise (the better-conditioned of the two).
 *
 * <p>Bases may be arbitrary (full column rank; they are orthonormalised by Householder QR) or already
 * orthonormal ({@link #betweenOrthonormal}, which checks orthonormality to 1e-8).
 */
public final class PrincipalAngles {

    private static final double ORTHONORMAL_TOLERANCE = 1e-8;
    private static final double RANK_TOLERANCE = 1e-12;

    private final double[] sines;
    private final double[] cosines;
    private final double[] angles;

    private PrincipalAngles(double[] sines, double[] cosines) {
        this.sines = sines;
        this.cosines = cosines;
        this.angles = new double[sines.length];
        for (int i = 0; i < sines.length; i++) {
            angles[i] = sines[i] < Math.sqrt(0.5) ? Math.asin(Math.min(1, sines[i])) : Math.acos(Math.min(1, cosines[i]));
        }
    }

    /**
     * Principal angles between span(a) and span(b) for arbitrary full-column-rank bases with the same
     * number of rows. The number of angles is min(cols(a), cols(b)).
     *
     * @throws IllegalArgumentException if a basis is empty, not finite, has more columns than rows,
     *                                  has linearly dependent columns, or the row counts differ
     */
    public static PrincipalAngles between(DMatrixRMaj a, DMatrixRMaj b) {
        checkPair(a, b);
        return fromOrthonormal(orthonormalise("a", a), orthonormalise("b", b));
    }

    /**
     * Principal angles between the spans of two bases that are already orthonormal (QᵀQ = I to 1e-8).
     *
     * @throws IllegalArgumentException if a basis is not orthonormal or the shapes do not fit
     */
    public static PrincipalAngles betweenOrthonormal(DMatrixRMaj qa, DMatrixRMaj qb) {
        checkPair(qa, qb);
        checkOrthonormal("qa", qa);
        checkOrthonormal("qb", qb);
        return fromOrthonormal(qa, qb);
    }

    /** ‖sin Θ(span a, span b)‖₂: the largest principal sine, for arbitrary bases. */
    public static double maxSine(DMatrixRMaj a, DMatrixRMaj b) {
        return between(a, b).maxSine();
    }

    private static PrincipalAngles fromOrthonormal(DMatrixRMaj qa, DMatrixRMaj qb) {
        // let s be the smaller subspace, g the larger (or equal) one
        DMatrixRMaj s = qa.numCols <= qb.numCols ? qa : qb;
        DMatrixRMaj g = qa.numCols <= qb.numCols ? qb : qa;
        int p = s.numCols;
        DMatrixRMaj gts = new DMatrixRMaj(g.numCols, p);
        CommonOps_DDRM.multTransA(g, s, gts);
        double[] cos = SingularValues.of(gts); // descending, length p
        DMatrixRMaj residual = s.copy();
        DMatrixRMaj proj = new DMatrixRMaj(s.numRows, p);
        CommonOps_DDRM.mult(g, gts, proj);
        CommonOps_DDRM.subtractEquals(residual, proj);
        // second projection pass (re-orthogonalisation) so the residual is accurate to rounding
        CommonOps_DDRM.multTransA(g, residual, gts);
        CommonOps_DDRM.mult(g, gts, proj);
        CommonOps_DDRM.subtractEquals(residual, proj);
        double[] sinDesc = SingularValues.of(residual);
        double[] sin = new double[p];
        double[] cosOut = new double[p];
        for (int i = 0; i < p; i++) {
            sin[i] = Math.min(1, sinDesc[p - 1 - i]);
            cosOut[i] = Math.min(1, cos[i]);
        }
        return new PrincipalAngles(sin, cosOut);
    }

    private static void checkPair(DMatrixRMaj a, DMatrixRMaj b) {
        String[] names = {"a", "b"};
        DMatrixRMaj[] ms = {a, b};
        for (int i = 0; i < 2; i++) {
            Require.finite(names[i], ms[i]);
            if (ms[i].numCols > ms[i].numRows) {
                throw new IllegalArgumentException(names[i] + ": a basis needs at most as many columns as rows, got "
                        + ms[i].numRows + "x" + ms[i].numCols);
            }
        }
        if (a.numRows != b.numRows) {
            throw new IllegalArgumentException("b: must have the " + a.numRows + " rows of a, got " + b.numRows);
        }
    }

    private static void checkOrthonormal(String name, DMatrixRMaj q) {
        DMatrixRMaj gram = new DMatrixRMaj(q.numCols, q.numCols);
        CommonOps_DDRM.multTransA(q, q, gram);
        for (int i = 0; i < q.numCols; i++) {
            for (int j = 0; j < q.numCols; j++) {
                double e = gram.get(i, j) - (i == j ? 1 : 0);
                if (Math.abs(e) > ORTHONORMAL_TOLERANCE) {
                    throw new IllegalArgumentException(name + ": columns must be orthonormal, but (QᵀQ − I)(" + i + ", "
                            + j + ") = " + e);
                }
            }
        }
    }

    private static DMatrixRMaj orthonormalise(String name, DMatrixRMaj a) {
        int n = a.numRows;
        int p = a.numCols;
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, p);
        if (!qr.decompose(a.copy())) {
            throw new IllegalArgumentException(name + ": columns must be linearly independent (QR broke down)");
        }
        DMatrixRMaj r = qr.getR(null, true);
        double scale = 0;
        for (int j = 0; j < p; j++) {
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += a.get(i, j) * a.get(i, j);
            }
            scale = Math.max(scale, Math.sqrt(norm));
        }
        for (int j = 0; j < p; j++) {
            if (!(Math.abs(r.get(j, j)) > RANK_TOLERANCE * scale)) {
                throw new IllegalArgumentException(name + ": columns must be linearly independent (column " + j
                        + " lies in the span of the previous ones)");
            }
        }
        return qr.getQ(null, true);
    }

    /** Number of principal angles, min of the two dimensions. */
    public int size() {
        return sines.length;
    }

    /** sin θ_i, ascending (θ_1 smallest). */
    public double[] sines() {
        return sines.clone();
    }

    /** cos θ_i, descending. */
    public double[] cosines() {
        return cosines.clone();
    }

    /** θ_i in radians, ascending. */
    public double[] angles() {
        return angles.clone();
    }

    /** ‖sin Θ‖₂ = sin θ_max. */
    public double maxSine() {
        return sines[sines.length - 1];
    }
}
