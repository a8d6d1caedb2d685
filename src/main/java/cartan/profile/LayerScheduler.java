package cartan.profile;

import cartan.linalg.GramEigenvalues;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one independent task per layer on a fixed number of worker threads, largest layers first (SVD cost
 * ~ m·n·min(m, n)) so one big layer does not run alone at the end. Each result goes to its own slot, so
 * the order of work never changes the outcome; a task loads its own matrix, so at most {@code threads}
 * matrices are alive at once.
 */
final class LayerScheduler {

    /** Computes layer i. */
    @FunctionalInterface
    interface Task {
        void run(int i) throws IOException;
    }

    private LayerScheduler() {
    }

    /** Runs task(i) for every i in [0, costs.length), on {@code threads} workers (1: in order, on this thread). */
    static void run(double[] costs, int threads, Task task) throws IOException {
        int n = costs.length;
        if (threads == 1 || n == 1) {
            try {
                for (int i = 0; i < n; i++) {
                    task.run(i);
                }
            } finally {
                GramEigenvalues.releaseScratch();
            }
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(costs[y], costs[x]));
        AtomicInteger next = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < Math.min(threads, n); t++) {
                workers.add(pool.submit(() -> {
                    try {
                        for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                            try {
                                task.run(order[k]);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    } finally {
                        GramEigenvalues.releaseScratch();
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("profile interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
