package cartan.spark;

import cartan.cli.ExitCode;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/** {@code cartan sweep} as a program: {@code java -cp 'cartan-spark.jar:lib/*' cartan.spark.SweepCli ARGS}, or spark-submit. */
public final class SweepCli {

    private SweepCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command with the given streams and returns the exit code ({@link ExitCode}). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SweepCommand command = new SweepCommand();
        command.stdout = out;
        command.stderr = err;
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --fit ww|csn
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("cartan sweep: " + ex.getMessage() + " (see --help)");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, r) -> {
            err.println("cartan sweep: failed: " + ex.getMessage());
            return ExitCode.RUNTIME;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
