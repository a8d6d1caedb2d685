package cartan.cli;

/** Exit codes of the {@code cartan} command line. */
public final class ExitCode {

    /** Success. */
    public static final int OK = 0;
    /** A failure while computing (a bug or an exhausted resource). */
    public static final int RUNTIME = 1;
    /** Bad options or arguments, or an output that would overwrite the input. */
    public static final int USAGE = 2;
    /** The input is missing, unreadable, truncated, malformed, of an unsupported dtype, or holds no weights. */
    public static final int INPUT = 3;
    /** No layer passes the filters ({@code --layers}, {@code --min-size}, layer kinds). */
    public static final int NO_LAYERS = 4;
    /** An output file could not be written; nothing partial is left behind. */
    public static final int OUTPUT = 5;

    private ExitCode() {
    }
}
