package cartan.profile;

import cartan.fit.PowerLawFit;
import cartan.spectrum.MarchenkoPasturFit;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The parts of a {@link LayerSpectrum} beyond its spectrum and tail: the Marchenko–Pastur bulk, the tail's
 * likelihood-ratio comparisons and (if requested) the randomized control. A part that cannot be computed is
 * null with a note.
 *
 * @param bulk       the MP bulk of the λ's, or null
 * @param comparison the tail's comparisons, or null
 * @param randomized the randomized control, or null
 */
record LayerDiagnostics(MarchenkoPasturFit bulk, TailComparison comparison, RandomizedSpectrum randomized) {

    static LayerDiagnostics of(List<DMatrixRMaj> parts, double[] lambda, PowerLawFit fit, int rows, int cols,
                               ProfileOptions options, long shuffleSeed, List<String> notes) {
        MarchenkoPasturFit bulk = null;
        try {
            bulk = MarchenkoPasturFit.fit(lambda, rows, cols);
            if (!bulk.edgesPlausible()) {
                notes.add("no Marchenko–Pastur bulk: every sigma breaks the edge conditions, MP columns are the grid's"
                        + " first point");
            }
        } catch (IllegalArgumentException e) {
            notes.add("MP bulk not fitted: " + e.getMessage());
        }
        TailComparison comparison = null;
        if (fit != null) {
            try {
                comparison = TailComparison.of(lambda, fit);
            } catch (IllegalArgumentException | IllegalStateException e) {
                notes.add("tail alternatives not fitted: " + e.getMessage());
            }
        }
        RandomizedSpectrum randomized = null;
        if (options.randomize()) {
            randomized = RandomizedSpectrum.of(parts, lambda, rows, cols, shuffleSeed);
            if (randomized.bulk() == null) {
                notes.add("MP bulk of the shuffled matrix not fitted");
            }
        }
        return new LayerDiagnostics(bulk, comparison, randomized);
    }
}
