package cartan.kernel;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One JShell, evaluated in this JVM, and the rules for running a notebook cell in it.
 *
 * <p>A cell is split into snippets with JShell's own {@code analyzeCompletion} (so a cell may hold
 * several statements, declarations and imports) and the snippets run in order; the first one that does
 * not compile, throws, or is interrupted ends the cell with a {@link CellException}. The value of the
 * cell is the value of its last snippet when that snippet is an expression (not a declaration, an
 * assignment or a statement), as in IJava; {@link #NO_VALUE} otherwise.
 */
public final class Session implements AutoCloseable {

    /** The cell has no value to show. */
    public static final Object NO_VALUE = ValueCapturingControl.NONE;

    private final JShell shell;
    private final ValueCapturingControl control;
    private final SourceCodeAnalysis analysis;
    private volatile boolean running;
    private volatile boolean stopRequested;

    private Session(JShell shell, ValueCapturingControl control) {
        this.shell = shell;
        this.control = control;
        this.analysis = shell.sourceCodeAnalysis();
    }

    /**
     * Builds a JShell with the given class path entries and compiler options, then evaluates the
     * start-up snippets (imports, helper methods); a start-up snippet that fails is an error.
     */
    public static Session start(List<String> classPath, List<String> compilerOptions, List<String> startup) {
        ValueCapturingControl.Provider provider = new ValueCapturingControl.Provider();
        JShell shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions(compilerOptions.toArray(new String[0]))
                .build();
        Session session = new Session(shell, provider.control());
        for (String entry : classPath) {
            shell.addToClasspath(entry);
        }
        for (String snippet : startup) {
            try {
                session.eval(snippet);
            } catch (CellException e) {
                session.close();
                throw new IllegalStateException("start-up snippet failed: " + snippet.strip() + "\n" + e.getMessage(), e);
            }
        }
        return session;
    }

    /** The JShell, for completion and documentation. */
    public JShell shell() {
        return shell;
    }

    /**
     * Runs a cell; returns the value of its last snippet if that is an expression, else
     * {@link #NO_VALUE}.
     *
     * @throws CellException a snippet did not compile, threw, used an unresolved definition, was
     *                       interrupted, or the cell ends in incomplete input
     */
    public Object eval(String cell) throws CellException {
        return eval(cell, () -> false);
    }

    /**
     * Runs a cell as {@link #eval(String)} does, also stopping before any snippet when
     * {@code interrupted} says so (an interrupt that came before this call began).
     */
    public Object eval(String cell, BooleanSupplier interrupted) throws CellException {
        stopRequested = false;
        control.takeValue();
        Object result = NO_VALUE;
        List<CellSnippet> done = new ArrayList<>();
        for (CellSnippet piece : split(cell)) {
            if (piece.incomplete()) {
                throw CellException.incomplete(piece);
            }
            if (stopRequested || interrupted.getAsBoolean()) {
                throw CellException.interrupted(piece, done);
            }
            running = true;
            List<SnippetEvent> events;
            try {
                if (stopRequested || interrupted.getAsBoolean()) { // an interrupt that came while running was being set
                    throw CellException.interrupted(piece, done);
                }
                events = shell.eval(piece.source());
            } finally {
                running = false;
            }
            Object value = control.takeValue();
            if (stopRequested) {
                throw CellException.interrupted(piece, done);
            }
            result = NO_VALUE;
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) {
                    continue; // a dependent snippet updated as a consequence, not this one
                }
                Snippet snippet = event.snippet();
                piece = piece.withId(snippet.id());
                if (event.exception() != null) {
                    throw CellException.runtime(piece, event.exception(), with(done, piece));
                }
                if (!event.status().isDefined()) {
                    throw CellException.compilation(piece, shell.diagnostics(snippet).toList(),
                            snippet instanceof jdk.jshell.DeclarationSnippet d ? shell.unresolvedDependencies(d).toList() : List.of());
                }
                result = showsValue(snippet.subKind()) && value != ValueCapturingControl.NONE ? value : NO_VALUE;
            }
            done.add(piece);
        }
        return result;
    }

    private static List<CellSnippet> with(List<CellSnippet> done, CellSnippet piece) {
        List<CellSnippet> all = new ArrayList<>(done);
        all.add(piece);
        return all;
    }

    /** IJava's rule: expressions show their value; declarations, assignments and statements do not. */
    static boolean showsValue(Snippet.SubKind kind) {
        return kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || kind == Snippet.SubKind.VAR_VALUE_SUBKIND
                || kind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND;
    }

    /**
     * Splits a cell into JShell snippets, each with its offset in the cell; a trailing piece that is
     * not a complete snippet is returned marked incomplete.
     */
    public List<CellSnippet> split(String cell) {
        List<CellSnippet> pieces = new ArrayList<>();
        String rest = cell;
        int consumed = 0;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (!c.isComplete()) {
                if (c != Completeness.EMPTY && !info.remaining().isBlank()) {
                    pieces.add(new CellSnippet(rest, consumed, cell, true, null));
                }
                return pieces;
            }
            // source() is the start of rest (leading blank lines included), possibly with an added ';'
            pieces.add(new CellSnippet(info.source(), consumed, cell, false, null));
            consumed += rest.length() - info.remaining().length();
            rest = info.remaining();
        }
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Is the code complete? {@code "complete"}, {@code "invalid"}, {@code "unknown"}, or the
     * indentation for the next line when more input is needed (Jupyter's is_complete contract).
     */
    public String isComplete(String code) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        switch (info.completeness()) {
            case COMPLETE:
            case COMPLETE_WITH_SEMI:
            case EMPTY:
                return "complete";
            case CONSIDERED_INCOMPLETE:
            case DEFINITELY_INCOMPLETE:
                return indentation(info.remaining());
            case UNKNOWN:
                return "invalid";
            default:
                return "unknown";
        }
    }

    /** The indentation of the last non-blank line, plus four spaces if it opens more brackets than it closes. */
    static String indentation(String partial) {
        String trimmed = partial.stripTrailing();
        String last = trimmed.substring(trimmed.lastIndexOf('\n') + 1);
        String indent = last.substring(0, leadingBlank(last));
        int open = 0;
        for (char ch : last.toCharArray()) {
            if (ch == '{' || ch == '(' || ch == '[') {
                open++;
            } else if (ch == '}' || ch == ')' || ch == ']') {
                open--;
            }
        }
        return open > 0 ? indent + "    " : indent;
    }

    /**
     * Stops the running snippet (JShell's own stop on its execution engine) and marks the cell as
     * interrupted, so that its remaining snippets do not run. Safe to call from any thread, also when
     * nothing runs.
     */
    public void stop() {
        stopRequested = true;
        if (!running) {
            return;
        }
        // JShell's stop only acts once user code has entered the engine; knock until the snippet ends
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + STOP_PATIENCE_NANOS;
            while (running && stopRequested && System.nanoTime() < deadline) {
                try {
                    shell.stop();
                } catch (RuntimeException | InternalError e) {
                    // e.g. Java 17's LocalExecutionControl between "user code entered" and its thread
                    // group being made ("thread group is null"): knock again
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cartan-kernel-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private static final long STOP_PATIENCE_NANOS = 30_000_000_000L;

    /** Is a snippet running now? */
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        shell.close();
    }
}
