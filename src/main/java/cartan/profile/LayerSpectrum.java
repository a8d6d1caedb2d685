package cartan.profile;

import cartan.Require;
import cartan.fit.FingerClipping;
import cartan.fit.PowerLawBootstrap;
import cartan.fit.PowerLawFit;
import cartan.fit.TailFitter;
import cartan.io.LayerKind;
import cartan.linalg.Backend;
import cartan.linalg.GramEigenvalues;
import cartan.linalg.MatrixEntries;
import cartan.linalg.SingularValues;
import cartan.spectrum.ChartFit;
import cartan.spectrum.MarchenkoPasturFit;
import cartan.spectrum.PowerLawChart;
import cartan.spectrum.RankRange;
import cartan.spectrum.Spectrum;
import cartan.spectrum.TopRadialChart;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One matrix W (m × n, q = min(m, n)) measured: its singular values σ_1 ≥ … ≥ σ_q, the eigenvalues
 * λ_k = σ_k² of WᵀW (no 1/N, as WeightWatcher), the effective ranks of its {@link Spectrum}, the
 * power-law tail of the λ's ({@link TailFitter}) and its alternatives ({@link TailComparison}), the
 * Marchenko–Pastur bulk and its spikes ({@link MarchenkoPasturFit}), optionally the randomized control
 * ({@link RandomizedSpectrum}), the full Cartan chart ({@link PowerLawChart}) and the scalar top-radial chart
 * ({@link TopRadialChart}) — one row of an {@link ExponentProfile}.
 *
 * <p>A row may also pool several matrices of one shape (a conv kernel's slices, WeightWatcher's default): its
 * spectrum is then the union of theirs, the spectrum of the block-diagonal matrix diag(W_1, …, W_s), and
 * {@code rows × cols} is the shape of one slice. A fine-tune delta W − W_base is measured like any matrix, with
 * ‖W_base‖_F kept for the relative size of the update.
 *
 * <p>A matrix that cannot be measured is a row with a note, never an exception: NaN or infinite
 * entries, an empty or all-zero matrix (no spectrum), fewer than 3 non-zero singular values (no chart),
 * a tail that cannot be fitted. Values that could not be computed are NaN (null for the records) and
 * {@link #notes()} says why.
 *
 * <p>Every singular value of a profile, of a layer or of its shuffled control, comes from
 * {@link #singularValues(DMatrixRMaj)}: a faster eigenvalue path changes that one method.
 *
 * @param index          position in the profile (0-based)
 * @param name           the layer's name
 * @param kind           its layer kind
 * @param rows           m (of one slice, for a pooled row)
 * @param cols           n (of one slice, for a pooled row)
 * @param singularValues σ_1 ≥ … ≥ σ_q as computed (empty if not computed)
 * @param frobeniusNorm  ‖W‖_F from the raw entries (NaN if not computed)
 * @param spectrum       the spectrum with σ_k ≤ max(m, n)·ε·σ_1 set to 0, or null
 * @param tail           the power-law fit of the λ tail (the clipped fit with finger clipping), or null
 * @param tailPValue     its bootstrap goodness-of-fit p-value (NaN without bootstrap)
 * @param chart          the Cartan chart over the fit range, or null
 * @param betaTopRadial  β̂ of the top-radial chart (NaN if undefined)
 * @param notes          why values are missing ("" if none)
 * @param slices         how many matrices the row pools (1 unless a conv kernel's slices were pooled)
 * @param bulk           the Marchenko–Pastur bulk fitted to the λ's, or null
 * @param randomized     the randomized control, or null when not requested or not computable
 * @param tailComparison the likelihood-ratio comparisons of the tail, or null
 * @param fingers        the finger clipping (its raw fit and count), or null when not requested
 * @param baseNorm       ‖W_base‖_F when the row is a fine-tune delta W − W_base, else NaN
 */
public record LayerSpectrum(int index, String name, LayerKind kind, int rows, int cols, double[] singularValues,
                            double frobeniusNorm, Spectrum spectrum, PowerLawFit tail, double tailPValue,
                            ChartFit chart, double betaTopRadial, String notes, int slices, MarchenkoPasturFit bulk,
                            RandomizedSpectrum randomized, TailComparison tailComparison, FingerClipping fingers,
                            double baseNorm) {

    /** Mixed into a layer's bootstrap seed to give its shuffle seed (so the two streams differ). */
    public static final long SHUFFLE_SALT = 0x5851F42D4C957F2DL;

    public LayerSpectrum {
        Require.notNull("name", name);
        Require.notNull("kind", kind);
        Require.notNull("singularValues", singularValues);
        Require.notNull("notes", notes);
        Require.atLeast("slices", slices, 1);
        singularValues = singularValues.clone();
    }

    /** A row of one matrix without the MP, randomization, tail-comparison and delta parts. */
    public LayerSpectrum(int index, String name, LayerKind kind, int rows, int cols, double[] singularValues,
                         double frobeniusNorm, Spectrum spectrum, PowerLawFit tail, double tailPValue,
                         ChartFit chart, double betaTopRadial, String notes) {
        this(index, name, kind, rows, cols, singularValues, frobeniusNorm, spectrum, tail, tailPValue, chart,
                betaTopRadial, notes, 1, null, null, null, null, Double.NaN);
    }

    /**
     * Measures W: singular values (QR-first for tall or wide shapes), tail fit with {@code options}'
     * rule and bootstrap (drawn from {@code bootstrapSeed}), the chart over {@code options.window()} of the
     * numerical rank r (ranks 1..r when no window is set), the MP bulk, the tail's alternatives and, if
     * requested, the randomized control (shuffled with a seed derived from {@code bootstrapSeed}).
     */
    public static LayerSpectrum measure(int index, String name, LayerKind kind, DMatrixRMaj w, ProfileOptions options,
                                        long bootstrapSeed) {
        Require.notNull("w", w);
        return measure(index, name, kind, List.of(w), options, bootstrapSeed, Double.NaN);
    }

    /**
     * Measures the matrices {@code parts} of one shape as one row (their pooled spectrum; one part is the
     * plain case), as {@link #measure(int, String, LayerKind, DMatrixRMaj, ProfileOptions, long)}.
     *
     * @param baseNorm ‖W_base‖_F if the parts are a fine-tune delta, else NaN
     * @throws IllegalArgumentException if {@code parts} is empty, holds null or matrices of different shapes
     */
    public static LayerSpectrum measure(int index, String name, LayerKind kind, List<DMatrixRMaj> parts,
                                        ProfileOptions options, long bootstrapSeed, double baseNorm) {
        Require.notNull("parts", parts);
        Require.notNull("options", options);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("parts: must hold at least one matrix");
        }
        DMatrixRMaj first = Require.notNull("parts[0]", parts.get(0));
        int rows = first.numRows;
        int cols = first.numCols;
        for (int p = 1; p < parts.size(); p++) {
            DMatrixRMaj m = Require.notNull("parts[" + p + "]", parts.get(p));
            if (m.numRows != rows || m.numCols != cols) {
                throw new IllegalArgumentException("parts: matrix " + p + " is " + m.numRows + "x" + m.numCols
                        + ", the first is " + rows + "x" + cols);
            }
        }
        int slices = parts.size();
        List<String> notes = new ArrayList<>();
        long nan = 0;
        long inf = 0;
        int size = first.getNumElements();
        MatrixEntries[] entries = new MatrixEntries[slices];
        for (int p = 0; p < slices; p++) {
            entries[p] = MatrixEntries.of(parts.get(p));
            nan += entries[p].nan();
            inf += entries[p].infinite();
        }
        Empty empty = new Empty(index, name, kind, rows, cols, slices, baseNorm);
        if (nan > 0 || inf > 0) {
            notes.add("non-finite weights (" + nan + " NaN, " + inf + " infinite): spectrum not computed");
            return empty.row(new double[0], Double.NaN, notes);
        }
        if (size == 0) {
            notes.add("empty matrix");
            return empty.row(new double[0], Double.NaN, notes);
        }
        double frob = PooledSlices.frobenius(parts, entries);
        if (frob == 0) {
            notes.add("all-zero matrix: spectrum not normalisable");
            return empty.row(new double[slices * Math.min(rows, cols)], 0, notes);
        }
        double[] sigma = PooledSlices.singularValues(parts, options.svd());
        double tol = Math.max(rows, cols) * Math.ulp(1.0) * sigma[0];
        double[] clean = sigma.clone();
        int rank = 0;
        for (int k = 0; k < clean.length; k++) {
            if (clean[k] <= tol) {
                clean[k] = 0;
            } else {
                rank++;
            }
        }
        Spectrum spectrum = Spectrum.ofSingularValues(clean);

        double[] lambda = new double[sigma.length];
        for (int k = 0; k < sigma.length; k++) {
            lambda[k] = sigma[k] * sigma[k];
        }
        TailFitter fitter = options.fitter();
        PowerLawFit fit = null;
        FingerClipping fingers = null;
        double p = Double.NaN;
        try {
            if (options.maxFingers() > 0) {
                fingers = FingerClipping.fit(fitter, lambda, options.maxFingers(), options.fingerThreshold());
                fit = fingers.fit();
            } else {
                fit = fitter.fit(lambda);
            }
            if (options.bootstrap() > 0) {
                p = PowerLawBootstrap.goodnessOfFit(lambda, fitter, options.bootstrap(), bootstrapSeed, 1).pValue();
            }
        } catch (IllegalArgumentException e) {
            notes.add("alpha not fitted: " + e.getMessage());
        }

        ChartFit chart = null;
        if (rank >= 3) {
            if (rank < sigma.length) {
                notes.add("rank-deficient (numerical rank " + rank + " of " + sigma.length
                        + "): chart over ranks 1.." + rank);
            }
            chart = chart(spectrum, rank, options.window(), notes);
        } else {
            notes.add("chart not fitted: numerical rank " + rank + " < 3");
        }
        double betaTop = topRadial(spectrum, notes);
        LayerDiagnostics d = LayerDiagnostics.of(parts, lambda, fit, rows, cols, options,
                bootstrapSeed ^ SHUFFLE_SALT, notes);
        return new LayerSpectrum(index, name, kind, rows, cols, sigma, frob, spectrum, fit, p, chart, betaTop,
                String.join("; ", notes), slices, d.bulk(), d.randomized(), d.comparison(), fingers, baseNorm);
    }

    /**
     * The row of a spectrum known without its matrix (a partial product J_ℓ, whose singular values come
     * from the QR accumulation): no tail fit, the chart over {@code window} of its size.
     */
    public static LayerSpectrum ofSpectrum(int index, String name, Spectrum spectrum, IntFunction<RankRange> window) {
        Require.notNull("spectrum", spectrum);
        List<String> notes = new ArrayList<>();
        int q = spectrum.size();
        double[] sigma = new double[q];
        for (int k = 0; k < q; k++) {
            sigma[k] = spectrum.singularValue(k + 1);
        }
        ChartFit chart = chart(spectrum, q, window, notes);
        double betaTop = topRadial(spectrum, notes);
        return new LayerSpectrum(index, name, LayerKind.OTHER, spectrum.rows(), spectrum.cols(), sigma,
                Math.sqrt(spectrum.frobeniusSquared()), spectrum, null, Double.NaN, chart, betaTop,
                String.join("; ", notes));
    }

    private static ChartFit chart(Spectrum spectrum, int rank, IntFunction<RankRange> window, List<String> notes) {
        try {
            RankRange range = window == null ? RankRange.of(1, rank) : window.apply(rank);
            if (range == null) {
                throw new IllegalArgumentException("window: returned null for n = " + rank);
            }
            return PowerLawChart.fit(spectrum, range);
        } catch (IllegalArgumentException e) {
            notes.add("chart not fitted: " + e.getMessage());
            return null;
        }
    }

    private static double topRadial(Spectrum spectrum, List<String> notes) {
        try {
            return TopRadialChart.fit(spectrum);
        } catch (IllegalArgumentException e) {
            notes.add("top-radial exponent not defined: " + e.getMessage());
            return Double.NaN;
        }
    }

    /** The identity of a row that has no spectrum. */
    private record Empty(int index, String name, LayerKind kind, int rows, int cols, int slices, double baseNorm) {
        LayerSpectrum row(double[] sigma, double frob, List<String> notes) {
            return new LayerSpectrum(index, name, kind, rows, cols, sigma, frob, null, null, Double.NaN, null,
                    Double.NaN, String.join("; ", notes), slices, null, null, null, null, baseNorm);
        }
    }

    /**
     * σ_1 ≥ … ≥ σ_q of W, the one place a profile obtains its spectrum: with {@link ProfileOptions.SvdMethod#GRAM}
     * and LAPACK, σ_k = √λ_k from {@link GramEigenvalues} (its accuracy contract: λ_k within 1e-10 relative
     * for λ_k ≥ 1e-8·λ_1, SVD-level absolute accuracy below); otherwise, or without LAPACK, the SVD of W
     * ({@link #singularValues(DMatrixRMaj)}).
     */
    static double[] singularValues(DMatrixRMaj w, ProfileOptions.SvdMethod method) {
        if (method == ProfileOptions.SvdMethod.GRAM && GramEigenvalues.backend(w.numRows, w.numCols) == Backend.LAPACK) {
            double[] lambda = GramEigenvalues.of(w);
            double[] sigma = new double[lambda.length];
            for (int k = 0; k < sigma.length; k++) {
                sigma[k] = Math.sqrt(lambda[k]);
            }
            return sigma;
        }
        return singularValues(w);
    }

    /**
     * σ_1 ≥ … ≥ σ_q of W by an SVD. On LAPACK, dgesdd already takes a QR-first path for tall shapes. In pure Java,
     * for an aspect ratio of at least 2 (e.g. a 30522×384 embedding table) the matrix (transposed if wide)
     * is first reduced by Householder QR, W = QR, and the singular values of the q×q factor R are returned —
     * the same values, as Q has orthonormal columns, and backward stable as QR is; 3–4× faster than EJML's
     * SVD of the tall matrix.
     */
    static double[] singularValues(DMatrixRMaj w) {
        int m = Math.max(w.numRows, w.numCols);
        int n = Math.min(w.numRows, w.numCols);
        if (n < 2 || m < 2 * n || SingularValues.backend(w.numRows, w.numCols) == Backend.LAPACK) {
            return SingularValues.of(w);
        }
        DMatrixRMaj tall = w.numRows >= w.numCols ? w.copy() : CommonOps_DDRM.transpose(w, null);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(tall.numRows, tall.numCols);
        if (!qr.decompose(tall)) {
            return SingularValues.of(w);
        }
        return SingularValues.of(qr.getR(null, true));
    }

    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** λ_k = σ_k², descending (empty if the spectrum was not computed). */
    public double[] eigenvalues() {
        double[] l = new double[singularValues.length];
        for (int k = 0; k < l.length; k++) {
            l[k] = singularValues[k] * singularValues[k];
        }
        return l;
    }

    /** The tail fit, if α could be fitted. */
    public Optional<PowerLawFit> powerLaw() {
        return Optional.ofNullable(tail);
    }

    /** The Cartan chart fit, if it could be computed. */
    public Optional<ChartFit> cartanChart() {
        return Optional.ofNullable(chart);
    }

    /** The spectrum, if the matrix was finite and non-zero. */
    public Optional<Spectrum> spectrumIfComputed() {
        return Optional.ofNullable(spectrum);
    }

    /** Block number and role parsed from the name ({@link LayerName}). */
    public LayerName layerName() {
        return LayerName.parse(name);
    }

    /** σ_1 (NaN without a spectrum). */
    public double sigmaMax() {
        return spectrum == null ? Double.NaN : singularValues[0];
    }

    /** Σλ/λ_max. */
    public double stableRank() {
        return spectrum == null ? Double.NaN : spectrum.stableRank();
    }

    /** exp(−Σ p_k ln p_k). */
    public double entropyRank() {
        return spectrum == null ? Double.NaN : spectrum.entropyRank();
    }

    /** 1/Σ p_k². */
    public double participationRatio() {
        return spectrum == null ? Double.NaN : spectrum.participationRatio();
    }

    /** The energy-quantile rank r_τ (−1 without a spectrum). */
    public int quantileRank(double tau) {
        return spectrum == null ? -1 : spectrum.energyQuantileRank(tau);
    }

    /** α of the tail (NaN if not fitted). */
    public double alpha() {
        return tail == null ? Double.NaN : tail.alpha();
    }

    /** α·log10 λ_max (WeightWatcher's alpha_weighted). */
    public double alphaWeighted() {
        return alpha() * logSpectralNorm();
    }

    /** log10 ‖W‖_F² = log10 Σλ. */
    public double logNorm() {
        return spectrum == null ? Double.NaN : Math.log10(spectrum.frobeniusSquared());
    }

    /** log10 λ_max. */
    public double logSpectralNorm() {
        double s1 = sigmaMax();
        return Math.log10(s1 * s1);
    }

    /** The top-radial coordinate r = ½ ln(q·p_1). */
    public double topRadial() {
        return spectrum == null ? Double.NaN : spectrum.topRadial();
    }

    /**
     * WeightWatcher's {@code log_alpha_norm} = log10 Σ_k λ_k^α over the positive λ's (summed in logarithms, so
     * large λ^α do not overflow); NaN without α.
     */
    public double logAlphaNorm() {
        double a = alpha();
        if (!Double.isFinite(a) || spectrum == null) {
            return Double.NaN;
        }
        double top = Double.NEGATIVE_INFINITY;
        for (double s : singularValues) {
            if (s > 0) {
                top = Math.max(top, 2 * a * Math.log(s));
            }
        }
        double sum = 0;
        for (double s : singularValues) {
            if (s > 0) {
                sum += Math.exp(2 * a * Math.log(s) - top);
            }
        }
        return (top + Math.log(sum)) / Math.log(10);
    }

    /** The MP bulk, if it could be fitted. */
    public Optional<MarchenkoPasturFit> marchenkoPastur() {
        return Optional.ofNullable(bulk);
    }

    /** The randomized control, if it was computed. */
    public Optional<RandomizedSpectrum> randomizedControl() {
        return Optional.ofNullable(randomized);
    }

    /** {@code num_spikes}: eigenvalues beyond the MP bulk's spike threshold (−1 without a bulk). */
    public int numSpikes() {
        return bulk == null ? -1 : bulk.spikes();
    }

    /** {@code num_traps}: shuffled eigenvalues beyond the shuffled ESD's spike threshold (−1 without the control). */
    public int numTraps() {
        return randomized == null || randomized.bulk() == null ? -1 : randomized.traps();
    }

    /** ‖W − W_base‖_F / ‖W_base‖_F for a fine-tune delta, else NaN. */
    public double deltaRelativeNorm() {
        return frobeniusNorm / baseNorm;
    }
}
