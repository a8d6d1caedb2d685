package cartan.cli;

import cartan.io.MatrixSource;
import cartan.io.Models;
import cartan.io.ReadOptions;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The model of {@code cartan profile}, opened on a daemon thread while picocli builds the command line.
 * Opening MiniLM (its inflated ONNX cache checked, the graph parsed) takes about 70 ms and picocli's set-up
 * about 0.13 s; done one after the other on the main thread, both are on the path to the first layer.
 *
 * <p>The model is named by {@code bin/cartan}, which finds it among the arguments anyway (to fetch a model
 * given by short name), in the system property {@value #PROPERTY}; it leaves the property out when the
 * arguments change how the model is read ({@code --conv}). {@link #take} hands the opened sources over only
 * for the same model with the default {@link ReadOptions} and drops them otherwise; then, or if the open
 * failed, the command opens the model itself (and reports any error as before), so the prefetch changes when
 * the model is opened, never what is read. Without the property (the API, the tests) nothing is prefetched.
 */
final class ModelPrefetch {

    /** The system property naming the model to open early. */
    static final String PROPERTY = "cartan.profile.model";

    private static FutureTask<List<MatrixSource>> task;
    private static String model;

    private ModelPrefetch() {
    }

    /** Starts opening the model {@value #PROPERTY} names, if it is set and not blank. */
    static synchronized void start() {
        String m = System.getProperty(PROPERTY);
        if (m == null || m.isBlank()) {
            return;
        }
        FutureTask<List<MatrixSource>> t = new FutureTask<>(() -> Models.open(m, ReadOptions.DEFAULT));
        Thread thread = new Thread(t, "cartan-model-prefetch");
        thread.setDaemon(true);
        thread.start();
        task = t;
        model = m;
    }

    /**
     * The sources the prefetch opened for {@code source} read with {@code options} (waiting for the open if it
     * is still running), or null if there was none for them or it failed. The first call ends the prefetch
     * either way: a prefetch for another model or other options is dropped, so that what it opened (all of a
     * model read whole) is not kept for the rest of the run.
     */
    static List<MatrixSource> take(String source, ReadOptions options) {
        FutureTask<List<MatrixSource>> t;
        synchronized (ModelPrefetch.class) {
            t = task;
            boolean match = t != null && source.equals(model) && ReadOptions.DEFAULT.equals(options);
            task = null;
            model = null;
            if (!match) {
                if (t != null) {
                    t.cancel(true);
                }
                return null;
            }
        }
        try {
            return t.get();
        } catch (ExecutionException e) {
            return null; // the command opens the model again and reports the failure itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
