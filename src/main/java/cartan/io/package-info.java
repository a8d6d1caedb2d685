/**
 * Weight readers: ONNX ({@link cartan.io.OnnxReader}), safetensors ({@link cartan.io.SafetensorsReader}),
 * NumPy npy/npz ({@link cartan.io.NpyReader}), with {@link cartan.io.WeightFiles} choosing by file type
 * and {@link cartan.io.MiniLm} loading all-MiniLM-L6-v2 from its Maven jar.
 *
 * <p>Every reader yields {@link cartan.io.WeightTensor}s (name, layer kind, shape, values as double)
 * and views them as {@link cartan.io.NamedMatrix} records — the input of a per-layer spectral table:
 * {@code SingularValues.of(m.matrix())}, λ = σ², then a {@link cartan.fit.TailFitter} fit.
 *
 * <p>Hostile input: sizes in headers are checked against the bytes actually present before any
 * buffer is allocated; truncated or inconsistent files raise {@link cartan.io.MalformedWeightsException},
 * well-formed files with unimplemented features {@link cartan.io.UnsupportedWeightsException}, both
 * checked {@link java.io.IOException}s with a message naming the file and tensor.
 */
package cartan.io;
