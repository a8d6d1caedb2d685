package cartan.cli;

import cartan.linalg.GramEigenvalues;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code cartan} command line (picocli). Subcommands: {@code profile} ({@link ProfileCommand}),
 * {@code compare} ({@link CompareCommand}), {@code fit} ({@link FitCommand}), {@code experiment}
 * ({@link ExperimentCommand}).
 * Exit codes: {@link ExitCode}.
 */
@Command(name = "cartan", mixinStandardHelpOptions = true, versionProvider = CartanVersion.class,
        description = "Spectral geometry of deep networks.")
public final class CartanCli implements Runnable {

    /** The subcommands by name, in the order {@code cartan --help} lists them. */
    private static final Map<String, Supplier<StreamCommand>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("profile", ProfileCommand::new);
        COMMANDS.put("compare", CompareCommand::new);
        COMMANDS.put("sweep", SweepCommand::new);
        COMMANDS.put("fit", FitCommand::new);
        COMMANDS.put("experiment", ExperimentCommand::new);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: cartan profile --help)");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line with the given streams and returns the exit code. Only the named subcommand is built
     * when the first argument names one: picocli reads every option of every command it is given by reflection,
     * about 0.1 s of each {@code cartan profile} start for the four commands it does not run.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String first = args.length > 0 ? args[0] : "";
        if (first.equals("profile")) {
            Warmup.start(); // OpenBLAS and Tablesaw, while picocli parses and the model is read and profiled
            ModelPrefetch.start(); // the model bin/cartan named, while picocli builds the command line
        } else if (first.equals("sweep")) {
            GramEigenvalues.preloadInBackground(); // OpenBLAS takes about 0.3 s to load
        }
        CommandLine cl = new CommandLine(new CartanCli());
        for (Map.Entry<String, Supplier<StreamCommand>> e : COMMANDS.entrySet()) {
            if (!COMMANDS.containsKey(first) || e.getKey().equals(first)) {
                StreamCommand c = e.getValue().get();
                c.stdout = out;
                c.stderr = err;
                if (c instanceof ProfileCommand p) {
                    p.commandLine = "cartan " + String.join(" ", args);
                }
                cl.addSubcommand(e.getKey(), c);
            }
        }
        // after the subcommands: picocli passes these settings down only to the subcommands present
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --fit ww|csn
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
