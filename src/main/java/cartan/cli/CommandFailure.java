package cartan.cli;

/** A command's failure: the process exit code ({@link ExitCode}) and a one-line message for stderr. */
final class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    CommandFailure(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }
}
