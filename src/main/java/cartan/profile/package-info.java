/**
 * Exponent profiles across layers or depth: {@link cartan.profile.LayerSpectrum} measures one matrix (singular
 * values, effective ranks, power-law tail, Cartan and top-radial charts; a note instead of an exception for a
 * layer that cannot be measured), {@link cartan.profile.ExponentProfile} collects one row per layer (in memory
 * or streamed from {@link cartan.io.MatrixSource}s, bit-identical for any thread count) or per depth of a chain
 * (with the rigidity columns), {@link cartan.profile.ProfileWriter} writes the CSV and JSON files.
 *
 * <pre>{@code
 * ExponentProfile p = ExponentProfile.ofNamedMatrices(Models.select(Models.read("minilm"), "encoder", 10));
 * Show.table(p.table());
 * Charts.image(ProfilePlots.byDepth(p, "alpha"));
 * }</pre>
 *
 * <p>Such profiles are diagnostics of the trained weights; they do not certify a training-dynamics
 * statement (see notebook 17).
 */
package cartan.profile;
