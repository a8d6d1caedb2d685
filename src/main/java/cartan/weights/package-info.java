/**
 * Static-weight profiles of trained models: {@link cartan.weights.WeightProfile} turns a list of
 * {@link cartan.io.NamedMatrix} into one table row per layer — WeightWatcher's scale metrics, effective
 * ranks, the power-law tail exponent α of the eigenvalues λ = σ² of WᵀW with its fit quality, and the
 * Cartan-chart coordinates of {@link cartan.spectrum} — plus the charts of that table.
 * {@link cartan.weights.Models} reads a model from a path or a short name ({@link cartan.weights.KnownModel}).
 *
 * <pre>{@code
 * WeightProfile p = WeightProfile.of(Models.read("minilm"));
 * Show.table(p.table());
 * Charts.image(p.exponentByDepth("alpha"));
 * }</pre>
 *
 * <p>Such profiles are diagnostics of the trained weights; they do not certify a training-dynamics
 * statement (see notebook 17).
 */
package cartan.weights;
