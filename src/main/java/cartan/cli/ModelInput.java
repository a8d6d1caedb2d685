package cartan.cli;

import cartan.io.MatrixSource;
import cartan.io.Models;
import cartan.io.ReadOptions;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opening a model named on the command line and selecting its layers, with the CLI's exit codes. */
final class ModelInput {

    private ModelInput() {
    }

    /** The path a model argument names, or null for a short name such as {@code minilm}. */
    static Path path(String model) {
        return Files.exists(Path.of(model)) ? Path.of(model) : null;
    }

    /** The model's layer sources passing the filters (headers only for lazy formats). */
    static List<MatrixSource> open(String source, ReadOptions options, String layers, int minSize)
            throws CommandFailure {
        List<MatrixSource> all = ModelPrefetch.take(source, options);
        try {
            if (all == null) {
                all = Models.open(source, options);
            }
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCode.INPUT, "cannot read '" + e.getFile() + "': "
                    + (e.getReason() == null ? "no such file" : e.getReason()), e);
        } catch (AccessDeniedException e) {
            throw new CommandFailure(ExitCode.INPUT, "cannot read '" + e.getFile() + "': permission denied", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.INPUT, ProfileCommand.readFailure(source, e), e);
        }
        List<MatrixSource> selected = new ArrayList<>(Models.select(all, layers, minSize));
        if (selected.isEmpty()) {
            throw new CommandFailure(ExitCode.NO_LAYERS, "no weight matrix in '" + source + "' passes the filters"
                    + " (layer kinds dense/conv/embedding, min(rows, cols) >= " + minSize
                    + (layers == null ? "" : ", name matching /" + layers + "/") + ")", null);
        }
        return selected;
    }
}
