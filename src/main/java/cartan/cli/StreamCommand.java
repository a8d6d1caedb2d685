package cartan.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * A subcommand that prints: its standard output and error, {@link System#out} and {@link System#err} unless
 * {@link CartanCli#run} (or a test) sets others.
 */
abstract class StreamCommand implements Callable<Integer> {

    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
}
