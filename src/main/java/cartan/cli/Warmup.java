package cartan.cli;

import cartan.linalg.GramEigenvalues;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;

import java.util.List;

/**
 * The start-up work of {@code cartan profile} that does not depend on the model, done on one daemon thread while
 * the command parses its options, opens the model and profiles it: loading OpenBLAS (about 0.3 s; the first
 * layer's eigenvalues wait for it) and initialising Tablesaw's column classes (about 0.2 s, which the summary
 * and every output would otherwise spend after the last layer). The command calls {@link #await()} before its
 * first use of Tablesaw, so no Tablesaw class is ever initialised on two threads at once.
 */
final class Warmup {

    private static volatile Thread thread;

    private Warmup() {
    }

    /** Starts the warm-up thread (once per call; a second call starts another, harmlessly). */
    static void start() {
        Thread t = new Thread(Warmup::run, "cartan-warmup");
        t.setDaemon(true);
        t.start();
        thread = t;
    }

    /** Waits for the warm-up started by {@link #start()}, if any, to finish. */
    static void await() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run() {
        GramEigenvalues.backendDescription(); // loads OpenBLAS (or finds why not)
        DoubleColumn.create("warm-up", new double[] {1});
        IntColumn.create("warm-up", new int[] {1});
        StringColumn.create("warm-up", List.of("warm-up"));
    }
}
