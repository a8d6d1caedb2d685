package cartan.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A weight-file format: how to recognise its files and how to list their matrices lazily. A new format
 * (as PyTorch zip, Keras HDF5 and GGUF do) implements this interface — header parsing in {@link #open}, tensor
 * data read only in each source's {@link MatrixSource#load()} — and is added to {@link WeightFormats#ALL};
 * {@link WeightFiles}, {@link Models} and {@code cartan profile} then read it, alone or in a directory.
 *
 * <p>Contract for hostile files: every size a header claims is checked against the bytes present before
 * anything is allocated; malformed input raises {@link MalformedWeightsException}, well-formed but
 * unsupported input {@link UnsupportedWeightsException}; nothing is executed. Add the format's cases to
 * {@code ReaderFuzzProperties}.
 */
public interface WeightFormat {

    /** A short name for messages ("safetensors"). */
    String name();

    /** File-name endings that identify the format, lower case with the dot (".safetensors"). */
    List<String> extensions();

    /** Whether a file whose name says nothing starts like this format (up to the first 16 bytes). */
    boolean detects(byte[] head);

    /**
     * Whether a file whose name ends with one of {@link #extensions()} is of this format. True unless the
     * extension is shared with other kinds of file ({@code .bin}), where the first bytes decide.
     *
     * @param lowerCaseName the file name, lower case
     * @param head          up to the first 16 bytes of the file
     */
    default boolean claims(String lowerCaseName, byte[] head) {
        return true;
    }

    /** Whether files of this format are read from a directory of weight files (shards). */
    default boolean inDirectories() {
        return true;
    }

    /**
     * The file's weight matrices in file order, each known by name, kind and shape; a format that cannot
     * read lazily reads the file here and returns matrices in memory.
     *
     * @throws IOException if the file cannot be read or its header is malformed or unsupported
     */
    List<MatrixSource> open(Path file, ReadOptions options) throws IOException;
}
