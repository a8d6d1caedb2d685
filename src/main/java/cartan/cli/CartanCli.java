package cartan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The {@code cartan} command line (picocli). Subcommands: {@code profile} ({@link ProfileCommand}),
 * {@code compare} ({@link CompareCommand}), {@code fit} ({@link FitCommand}), {@code experiment}
 * ({@link ExperimentCommand}).
 * Exit codes: {@link ExitCode}.
 */
@Command(name = "cartan", mixinStandardHelpOptions = true,
        subcommands = {ProfileCommand.class, CompareCommand.class, SweepCommand.class, FitCommand.class,
                ExperimentCommand.class},
        description = "Spectral geometry of deep networks.")
public final class CartanCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: cartan profile --help)");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new CartanCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --fit ww|csn
        ProfileCommand profile = cl.getSubcommands().get("profile").getCommand();
        profile.stdout = out;
        profile.stderr = err;
        profile.commandLine = "cartan " + String.join(" ", args);
        CompareCommand compare = cl.getSubcommands().get("compare").getCommand();
        compare.stdout = out;
        compare.stderr = err;
        SweepCommand sweep = cl.getSubcommands().get("sweep").getCommand();
        sweep.stdout = out;
        sweep.stderr = err;
        FitCommand fit = cl.getSubcommands().get("fit").getCommand();
        fit.stdout = out;
        fit.stderr = err;
        ExperimentCommand experiment = cl.getSubcommands().get("experiment").getCommand();
        experiment.stdout = out;
        experiment.stderr = err;
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            err.println(c.getCommandName().equals("cartan") ? "cartan: " + ex.getMessage()
                    : "cartan " + c.getCommandName() + ": " + ex.getMessage() + " (see --help)");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, r) -> {
            err.println("cartan: failed: " + ex.getMessage());
            return ExitCode.RUNTIME;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
