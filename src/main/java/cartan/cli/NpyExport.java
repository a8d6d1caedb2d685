package cartan.cli;

import cartan.io.MatrixSource;
import cartan.io.NamedMatrix;
import cartan.io.NpyMatrixWriter;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code cartan profile --export-npy DIR}: each selected matrix as float64 {@code NNN.npy} plus
 * {@code layers.csv} (index, file, layer, rows, cols; written by Tablesaw), staged and renamed into place
 * by {@link AtomicOutput}. A source that cannot be read is an input failure (exit 3), a file that cannot be
 * written an output failure (exit 5).
 */
final class NpyExport {

    private NpyExport() {
    }

    static void write(List<MatrixSource> selected, String source, Path exportNpy) throws CommandFailure {
        try {
            AtomicOutput.writeAll(exportNpy, (stage) -> {
                Table index = Table.create("layers").addColumns(IntColumn.create("index"), StringColumn.create("file"),
                        StringColumn.create("layer"), IntColumn.create("rows"), IntColumn.create("cols"));
                for (int i = 0; i < selected.size(); i++) {
                    NamedMatrix m;
                    try {
                        m = selected.get(i).load();
                    } catch (IOException e) {
                        throw new SourceFailure(e);
                    }
                    String f = String.format(Locale.ROOT, "%03d.npy", i);
                    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(stage.resolve(f)))) {
                        NpyMatrixWriter.write(m.matrix(), o);
                    }
                    index.intColumn("index").append(i);
                    index.stringColumn("file").append(f);
                    index.stringColumn("layer").append(m.name());
                    index.intColumn("rows").append(m.rows());
                    index.intColumn("cols").append(m.cols());
                }
                index.write().csv(CsvWriteOptions.builder(stage.resolve("layers.csv").toFile()).lineEnd("\n").build());
            });
        } catch (SourceFailure e) {
            throw new CommandFailure(ExitCode.INPUT, ProfileCommand.readFailure(source, e.getCause()), e.getCause());
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.OUTPUT, "cannot write to '" + exportNpy + "': " + ProfileCommand.oneLine(e), e);
        }
    }

    /** A failure to read the input while writing --export-npy (exit code 3, not 5). */
    private static final class SourceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SourceFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
