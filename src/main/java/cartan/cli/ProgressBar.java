package cartan.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn with carriage returns, with the elapsed time and an ETA: the mean time
 * per finished layer times the layers left (t·(n − k)/k after k of n layers).
 */
final class ProgressBar {
    private final PrintStream err;
    private final long start = System.nanoTime();

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    void update(int done, int total, String layer) {
        int width = 30;
        int filled = (int) ((long) done * width / total);
        String name = layer.length() > 40 ? "…" + layer.substring(layer.length() - 39) : layer;
        double elapsed = (System.nanoTime() - start) / 1e9;
        String eta = done > 0 && done < total ? " ETA " + clock(elapsed * (total - done) / done) : "";
        err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d %s%s %-40s", "#".repeat(filled),
                ".".repeat(width - filled), done, total, clock(elapsed), eta, name));
        err.flush();
    }

    /** Seconds as h:mm:ss or m:ss. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    void finish(int layers, double seconds) {
        err.print("\r" + " ".repeat(110) + "\r");
        err.println(String.format(Locale.ROOT, "cartan profile: %d layers in %.1f s", layers, seconds));
    }
}
