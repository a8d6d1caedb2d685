package cartan.plot;

import cartan.Require;
import cartan.fit.PowerLawFit;
import cartan.profile.LayerSpectrum;
import cartan.profile.RandomizedSpectrum;
import cartan.spectrum.MarchenkoPasturFit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A layer's empirical spectral density (ESD) with what was fitted to it, as WeightWatcher draws it ({@code esd},
 * {@code esd2}, {@code mpfit}, {@code randesd}): the histogram of the eigenvalues λ = σ² of WᵀW (density per unit
 * λ, normalised over all λ), the fitted Marchenko–Pastur density c·ρ(cλ) over [λ₋, λ₊], the power-law tail
 * (n_tail/N)·(α−1)/x_min·(λ/x_min)^{−α} above x_min, vertical lines at λ₊ and x_min, and — when the randomized
 * control was computed — the histogram of the shuffled matrix's eigenvalues on the same bins. On linear axes the
 * bins are equal in λ (the bulk), on log–log axes equal in log λ (the tail).
 */
public final class EsdPlots {

    private EsdPlots() {
    }

    /** The ESD of a layer with its fits, on linear ({@code logAxes} false) or log–log axes. */
    public static XYChart histogram(LayerSpectrum layer, boolean logAxes) {
        Require.notNull("layer", layer);
        double[] lambda = Arrays.stream(layer.eigenvalues()).filter(v -> v > 0).sorted().toArray();
        if (lambda.length < 2) {
            throw new IllegalArgumentException("layer: " + layer.name() + " has fewer than 2 positive eigenvalues");
        }
        int total = layer.eigenvalues().length;
        RandomizedSpectrum rand = layer.randomized();
        double[] shuffled = rand == null ? new double[0]
                : Arrays.stream(rand.eigenvalues()).filter(v -> v > 0).sorted().toArray();
        double lo = lambda[0];
        double hi = lambda[lambda.length - 1];
        if (shuffled.length > 0) {
            lo = Math.min(lo, shuffled[0]);
            hi = Math.max(hi, shuffled[shuffled.length - 1]);
        }
        if (hi <= lo) {
            hi = lo * 1.0001;
        }
        XYChart chart = logAxes ? Charts.logLog(title(layer), "eigenvalue λ = σ² (log)", "density (log)")
                : Charts.xy(title(layer), "eigenvalue λ = σ²", "density");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        int bins = Math.max(10, Math.min(logAxes ? 40 : 100, (int) Math.ceil(2 * Math.sqrt(lambda.length))));
        double[] edges = edges(lo, hi, bins, logAxes);
        double[][] h = density(lambda, total, edges, logAxes);
        Charts.scatter(chart, "ESD", h[0], h[1]).setMarker(SeriesMarkers.CIRCLE);
        double yMax = Arrays.stream(h[1]).max().orElse(1);
        double yMin = Arrays.stream(h[1]).min().orElse(1e-12);
        if (shuffled.length > 0) {
            double[][] r = density(shuffled, rand.eigenvalues().length, edges, logAxes);
            if (r[0].length > 0) {
                Charts.scatter(chart, "shuffled W", r[0], r[1]).setMarker(SeriesMarkers.DIAMOND);
                yMax = Math.max(yMax, Arrays.stream(r[1]).max().orElse(yMax));
                yMin = Math.min(yMin, Arrays.stream(r[1]).min().orElse(yMin));
            }
        }
        MarchenkoPasturFit mp = layer.bulk();
        if (mp != null && mp.edgesPlausible()) {
            double[][] curve = mpCurve(mp, logAxes, lo);
            if (curve[0].length >= 2) {
                Charts.line(chart, String.format(Locale.ROOT, "MP σ=%.3f", mp.sigma()), curve[0], curve[1]);
                yMax = Math.max(yMax, Arrays.stream(curve[1]).max().orElse(yMax));
            }
        }
        PowerLawFit f = layer.tail();
        if (f != null && f.xMin() < hi) {
            double frac = (double) f.tailSize() / f.sampleSize();
            int m = 60;
            double[] x = new double[m];
            double[] y = new double[m];
            for (int k = 0; k < m; k++) {
                x[k] = logAxes ? Math.exp(Math.log(f.xMin()) + (Math.log(hi) - Math.log(f.xMin())) * k / (m - 1))
                        : f.xMin() + (hi - f.xMin()) * k / (m - 1);
                y[k] = frac * (f.alpha() - 1) / f.xMin() * Math.pow(x[k] / f.xMin(), -f.alpha());
            }
            Charts.line(chart, String.format(Locale.ROOT, "power law α=%.2f", f.alpha()), x, y);
            marker(chart, "x_min", f.xMin(), logAxes ? yMin : 0, yMax, logAxes);
        }
        if (mp != null && mp.edgesPlausible() && mp.bulkMax() > 0) {
            marker(chart, "λ₊ (MP edge)", mp.bulkMax(), logAxes ? yMin : 0, yMax, logAxes);
        }
        return chart;
    }

    private static String title(LayerSpectrum l) {
        StringBuilder b = new StringBuilder("ESD ").append(ProfilePlots.shortName(l.name()));
        if (l.tail() != null) {
            b.append(String.format(Locale.ROOT, ": α=%.2f", l.tail().alpha()));
        }
        if (l.bulk() != null) {
            b.append(String.format(Locale.ROOT, ", %d spike%s", l.bulk().spikes(), l.bulk().spikes() == 1 ? "" : "s"));
        }
        if (l.numTraps() > 0) {
            b.append(String.format(Locale.ROOT, ", %d trap%s", l.numTraps(), l.numTraps() == 1 ? "" : "s"));
        }
        return b.toString();
    }

    private static double[] edges(double lo, double hi, int bins, boolean log) {
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / bins) : lo + (hi - lo) * i / bins;
        }
        e[bins] = hi;
        return e;
    }

    /** Bin centres and densities count/(total·width) of the non-empty bins (all bins on linear axes). */
    private static double[][] density(double[] sorted, int total, double[] edges, boolean log) {
        int bins = edges.length - 1;
        int[] count = new int[bins];
        for (double v : sorted) {
            int b = Arrays.binarySearch(edges, v);
            b = b >= 0 ? b : -b - 2;
            count[Math.min(Math.max(b, 0), bins - 1)]++;
        }
        List<double[]> pts = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0 && log) {
                continue;
            }
            double c = log ? Math.sqrt(edges[b] * edges[b + 1]) : 0.5 * (edges[b] + edges[b + 1]);
            pts.add(new double[] {c, count[b] / (double) total / (edges[b + 1] - edges[b])});
        }
        return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(),
            pts.stream().mapToDouble(p -> p[1]).toArray()};
    }

    /** The fitted MP density at interior points of [λ₋, λ₊] (positive values only, for log axes). */
    private static double[][] mpCurve(MarchenkoPasturFit mp, boolean log, double lo) {
        double a = mp.bulkMin();
        double b = mp.bulkMax();
        int m = 200;
        List<double[]> pts = new ArrayList<>();
        double from = log ? Math.max(a, lo) : a;
        if (log && from <= 0) {
            from = b * 1e-6;
        }
        for (int k = 1; k < m; k++) {
            double t = (double) k / m;
            double x = log ? Math.exp(Math.log(from) + (Math.log(b) - Math.log(from)) * t) : a + (b - a) * t;
            double y = mp.density(x);
            if (y > 0 && Double.isFinite(y)) {
                pts.add(new double[] {x, y});
            }
        }
        return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(),
            pts.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private static void marker(XYChart chart, String name, double x, double y0, double y1, boolean log) {
        if (!(x > 0) || !(y1 > y0) || (log && !(y0 > 0))) {
            return;
        }
        XYSeries s = Charts.line(chart, name, new double[] {x, x}, new double[] {y0, y1});
        s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0));
    }
}
