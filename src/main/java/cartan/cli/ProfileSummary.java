package cartan.cli;

import cartan.profile.ExponentProfile;
import cartan.profile.LayerSpectrum;

import java.util.Locale;

/** The compact fixed-width table {@code cartan profile} prints without {@code --csv}. */
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
                    f(p.value(i, "alpha"), "%.3f"), f(p.value(i, "alpha_ks"), "%.3f"), f(p.value(i, "alpha_se"), "%.3f"),
                    f(p.value(i, "alpha_p"), "%.2f"), f(p.value(i, "stable_rank"), "%.2f"),
                    f(p.value(i, "beta_chart"), "%.3f"), f(p.value(i, "chart_residual"), "%.3f"),
                    l.notes().isEmpty() ? "" : l.notes()));
        }
        return b.toString();
    }

    private static String f(double v, String fmt) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, fmt, v) : "-";
    }
}
