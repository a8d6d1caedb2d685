package cartan.experiment;

import cartan.curvature.LayerCurvature;
import cartan.curvature.ParticipationRatio;
import cartan.curvature.RankProfileModels;
import cartan.fit.Ols;
import cartan.fit.TailFitter;
import cartan.linalg.SingularValues;
import cartan.nn.Architecture;
import cartan.nn.Pass;
import org.ejml.data.DMatrixRMaj;

/**
 * One row of the paper-3 layer table: a trained weight matrix, its curvature measurement on a fixed
 * batch ({@link LayerCurvature}), the WeightWatcher exponent of its weights and the rank-profile BICs
 * of its gradient spectrum.
 *
 * @param model        model id
 * @param layer        layer name
 * @param layerType    the paper's layer type ({@code conv}, {@code dense}, {@code attention_qkv}, …)
 * @param rows         m (W ∈ R^{m×n})
 * @param cols         n
 * @param rowsPerSample rows of A per example: 1 (dense), output positions H'·W' (conv), tokens T
 * @param curvature    σ_k, h_k, h^Kron_k, Φ_k, Λ_k and the exponents
 * @param alphaWeight  WeightWatcher α of the eigenvalues σ²(W) (NaN if the fit is undefined; written empty)
 * @param rankProfiles BIC of power law, exponential and log-normal fits of σ_1 … σ_k
 */
public record LayerMeasurement(String model, String layer, String layerType, int rows, int cols, int rowsPerSample,
                               LayerCurvature curvature, double alphaWeight, RankProfileModels rankProfiles) {

    /** Measures weight layer {@code index} of a trained architecture on a pass over the fixed batch. */
    public static LayerMeasurement of(Architecture arch, Pass pass, int index, int window) {
        LayerCurvature c = LayerCurvature.measure(pass, index, window);
        DMatrixRMaj w = arch.network().params(index).w();
        int perSample = ((cartan.nn.WeightLayer) arch.network().layers().get(index)).rowsPerSample();
        return new LayerMeasurement(arch.id(), arch.network().name(index), arch.role(index).label(), w.numRows, w.numCols,
                perSample, c, alphaWeight(w), RankProfileModels.fit(c.sigma()));
    }

    /** WeightWatcher's α of λ = σ²(W), or NaN when no candidate x_min gives an exponent above 1. */
    static double alphaWeight(DMatrixRMaj w) {
        double[] sv = SingularValues.of(w);
        double[] lambda = new double[sv.length];
        for (int i = 0; i < sv.length; i++) {
            lambda[i] = sv[i] * sv[i];
        }
        try {
            return TailFitter.weightWatcher().fit(lambda).alpha();
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    public double alpha() {
        return curvature.exponents().alpha();
    }

    public double gamma() {
        return curvature.exponents().gamma();
    }

    public double s() {
        return curvature.exponents().s();
    }

    /** |αγ − s|/s. */
    public double transferError() {
        return curvature.exponents().relativeError();
    }

    /** ζ(αγ)²/ζ(2αγ), the PR_h bound of Proposition 7, or NaN when αγ ≤ 1 (no bound). */
    public double zetaBound() {
        double p = alpha() * gamma();
        return p > 1 ? ParticipationRatio.zetaBound(p) : Double.NaN;
    }

    /** β̂: OLS slope of log Λ_k on log σ_k. */
    public double betaSlope() {
        return slopeOnLogSigma(curvature.lambda());
    }

    /** φ̂: OLS slope of log Φ_k on log σ_k. */
    public double phiSlope() {
        return slopeOnLogSigma(curvature.phi());
    }

    private double slopeOnLogSigma(double[] y) {
        return Ols.fit(Ols.log("sigma", curvature.sigma()), Ols.log("y", y)).slope();
    }
}
