package cartan.cli;

import cartan.profile.ExponentProfile;
import cartan.profile.LayerSpectrum;

import java.util.Locale;

/**
 * The compact fixed-width table {@code cartan profile} prints without {@code --csv}: the same values as the
 * profile's table columns alpha, alpha_ks, alpha_se, alpha_p, stable_rank, beta_chart, chart_residual, read from the
 * rows directly so that printing it does not build the Tablesaw table (about a second of start-up CPU).
 */
final class ProfileSummary {

    private ProfileSummary() {
    }

    /** A compact fixed-width view of the main columns. */
    static String of(ExponentProfile p) {
        StringBuilder b = new StringBuilder();
        int w = 8;
        for (LayerSpectrum l : p.layers()) {
            w = Math.max(w, Math.min(60, l.name().length()));
        }
        String fmt = "%4s  %-" + w + "s  %11s  %7s  %6s  %6s  %6s  %8s  %7s  %7s  %s%n";
        b.append(String.format(Locale.ROOT, fmt, "idx", "layer", "shape", "alpha", "ks", "se", "p", "stable_r",
                "beta", "resid", "notes"));
        for (int i = 0; i < p.size(); i++) {
            LayerSpectrum l = p.layer(i);
            String name = l.name().length() > w ? "…" + l.name().substring(l.name().length() - w + 1) : l.name();
            b.append(String.format(Locale.ROOT, fmt, i, name, l.rows() + "x" + l.cols(),
                    f(l.alpha(), "%.3f"), f(l.tail() == null ? Double.NaN : l.tail().ksDistance(), "%.3f"),
                    f(l.tail() == null ? Double.NaN : l.tail().standardError(), "%.3f"),
                    f(l.tailPValue(), "%.2f"), f(l.stableRank(), "%.2f"),
                    f(l.chart() == null ? Double.NaN : l.chart().beta(), "%.3f"),
                    f(l.chart() == null ? Double.NaN : l.chart().rmsResidual(), "%.3f"),
                    l.notes().isEmpty() ? "" : l.notes()));
        }
        return b.toString();
    }

    private static String f(double v, String fmt) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, fmt, v) : "-";
    }
}
