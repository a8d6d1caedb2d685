package cartan.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a cell stopped, already in Jupyter's error form: an error name ({@code ename}), a value
 * ({@code evalue}) and traceback lines (ANSI-coloured, as IJava's).
 *
 * <ul>
 * <li>compile errors: each diagnostic with its cell line and column, the source line and a caret
 * marker under the offending span, then the compiler's message;</li>
 * <li>runtime exceptions: the exception's real class and message, and its stack trace as JShell
 * trims it (down to the last frame of snippet code), with snippet frames of this cell shown as
 * {@code cell line N};</li>
 * <li>interrupts, unresolved references and incomplete input: one short explanation.</li>
 * </ul>
 */
public final class CellException extends Exception {

    private static final String RED = "\u001b[1;31m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    private CellException(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** Jupyter's {@code ename}: the exception's simple class name, or the kind of failure. */
    public String ename() {
        return ename;
    }

    /** Jupyter's {@code evalue}: the message. */
    public String evalue() {
        return evalue;
    }

    /** Jupyter's {@code traceback}: lines, ANSI-coloured. */
    public List<String> traceback() {
        return traceback;
    }

    static CellException compilation(CellSnippet piece, List<Diag> diagnostics, List<String> unresolved) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : diagnostics) {
            if (!d.isError()) {
                continue;
            }
            String message = d.getMessage(Locale.ROOT);
            List<String> messageLines = new ArrayList<>();
            for (String l : message.split("\\R")) {
                if (!l.strip().startsWith("location:")) {
                    messageLines.add(l);
                }
            }
            if (first == null) {
                first = messageLines.isEmpty() ? message : messageLines.get(0);
            }
            long from = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            long to = d.getEndPosition() >= 0 ? d.getEndPosition() : from + 1;
            int line = piece.lineOf(from);
            lines.add(RED + "Compile error" + RESET + " at cell line " + line + ", column " + piece.columnOf(from) + ":");
            lines.add(BOLD + "|  " + RESET + piece.cellLine(line));
            int width = piece.lineOf(to) == line ? Math.max(1, piece.columnOf(to) - piece.columnOf(from)) : 1;
            lines.add(BOLD + "|  " + RESET + " ".repeat(piece.columnOf(from) - 1) + RED + "^".repeat(width) + RESET);
            for (String l : messageLines) {
                lines.add(RED + l + RESET);
            }
            lines.add("");
        }
        if (!unresolved.isEmpty()) {
            lines.add(RED + "Unresolved: " + String.join(", ", unresolved) + RESET);
            if (first == null) {
                first = "unresolved " + String.join(", ", unresolved);
            }
        }
        if (first == null) {
            first = "the snippet at cell line " + piece.line() + " was rejected";
            lines.add(RED + first + RESET);
            lines.add(BOLD + "|  " + RESET + piece.source());
        }
        return new CellException("CompilationException", first, lines);
    }

    static CellException runtime(CellSnippet piece, JShellException exception, List<CellSnippet> cellSnippets) {
        if (exception instanceof UnresolvedReferenceException u) {
            String name = u.getSnippet().toString();
            String text = "a definition used here has unresolved references: " + u.getSnippet().source().strip();
            List<String> lines = List.of(RED + "UnresolvedReferenceException" + RESET + " at cell line " + piece.line() + ":",
                    BOLD + "|  " + RESET + piece.cellLine(piece.line()),
                    RED + text + RESET);
            return new CellException("UnresolvedReferenceException", text.isEmpty() ? name : text, lines);
        }
        List<String> lines = new ArrayList<>();
        Throwable t = exception;
        boolean firstInChain = true;
        String ename = exception.getClass().getSimpleName();
        String evalue = String.valueOf(exception.getMessage());
        while (t != null) {
            String className = t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
            String message = t.getMessage();
            if (firstInChain) {
                ename = className.substring(className.lastIndexOf('.') + 1);
                evalue = message == null ? "" : message;
            }
            lines.add((firstInChain ? "" : "Caused by: ") + RED + className + RESET + (message == null ? "" : ": " + message));
            for (StackTraceElement frame : t.getStackTrace()) {
                lines.add("\tat " + frame(frame, cellSnippets));
            }
            t = t.getCause();
            firstInChain = false;
        }
        return new CellException(ename, evalue, lines);
    }

    /** A stack frame; JShell shows snippet frames as {@code method(#id:line)}, mapped here to cell lines. */
    static String frame(StackTraceElement frame, List<CellSnippet> cellSnippets) {
        String file = frame.getFileName();
        if (file != null && file.startsWith("#")) {
            String id = file.substring(1);
            String method = frame.getMethodName() == null || frame.getMethodName().isEmpty() ? "" : frame.getMethodName() + " ";
            for (CellSnippet s : cellSnippets) {
                if (id.equals(s.id())) {
                    return method + "(cell line " + (s.line() + Math.max(0, frame.getLineNumber() - 1)) + ")";
                }
            }
            return method + "(snippet #" + id + ", line " + frame.getLineNumber() + ")";
        }
        return frame.toString();
    }

    static CellException interrupted(CellSnippet piece, List<CellSnippet> done) {
        String text = "the cell was stopped at cell line " + piece.line() + " by an interrupt; the kernel and its variables are kept";
        return new CellException("Interrupted", text, List.of(RED + "Interrupted" + RESET + ": " + text));
    }

    static CellException incomplete(CellSnippet piece) {
        String text = "incomplete input at cell line " + piece.line() + " (a missing ';', ')' or '}'?)";
        List<String> lines = new ArrayList<>();
        lines.add(RED + "Incomplete input" + RESET + " at cell line " + piece.line() + ":");
        for (String l : piece.source().split("\\R")) {
            lines.add(BOLD + "|  " + RESET + l);
        }
        return new CellException("IncompleteInput", text, lines);
    }
}
