package cartan.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn with carriage returns. */
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
        err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d %-40s", "#".repeat(filled),
                ".".repeat(width - filled), done, total, name));
        err.flush();
    }

    void finish(int layers, double seconds) {
        err.print("\r" + " ".repeat(90) + "\r");
        err.println(String.format(Locale.ROOT, "cartan profile: %d layers in %.1f s", layers, seconds));
    }
}
