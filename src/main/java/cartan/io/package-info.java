/**
 * The one way in for models: {@link cartan.io.Models#open} turns a short name ({@link cartan.io.KnownModel},
 * pinned in {@code cartan/io/known-models.tsv}) or a path into {@link cartan.io.MatrixSource}s — name, kind
 * and shape known before the entries are read; {@link cartan.io.Models#read} loads them all. Each file
 * format is a {@link cartan.io.WeightFormat} registered in {@link cartan.io.WeightFormats}: ONNX
 * ({@link cartan.io.OnnxReader}, also inside a jar: {@link cartan.io.OnnxArchive}), safetensors
 * ({@link cartan.io.SafetensorsReader}, lazy), NumPy npy (lazy) and npz ({@link cartan.io.NpyReader}), TF.js
 * ({@link cartan.io.TfjsModel}), PyTorch zip checkpoints ({@link cartan.io.PytorchCheckpoint}, lazy, the pickle
 * read by a restricted unpickler), Keras HDF5 ({@link cartan.io.KerasH5}, lazy, structure by jHDF), GGUF
 * ({@link cartan.io.GgufReader}, lazy) and sharded Hugging Face checkpoints ({@link cartan.io.ShardIndex});
 * MNIST IDX data through {@link cartan.io.IdxReader}.
 *
 * <p>Readers yield {@link cartan.io.WeightTensor}s (name, layer kind, shape, values as double) viewed as
 * {@link cartan.io.NamedMatrix} records (a matrix in memory is its own source).
 *
 * <p>Hostile input: sizes in headers are checked against the bytes actually present before any
 * buffer is allocated; truncated or inconsistent files raise {@link cartan.io.MalformedWeightsException},
 * well-formed files with unimplemented features {@link cartan.io.UnsupportedWeightsException}, both
 * checked {@link java.io.IOException}s with a message naming the file and tensor.
 */
package cartan.io;
