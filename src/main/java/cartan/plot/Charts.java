package cartan.plot;

import cartan.Require;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * XChart factories in one house style: 640×420, logical sans-serif fonts (stable on headless
 * machines), a colour-blind-safe palette, a white plot area with a light grid, the legend inside.
 *
 * <p>A chart stays an ordinary XChart value: restyle it through {@code chart.getStyler()} before
 * rendering. Series added through {@link #line}, {@link #scatter} and {@link #errorBars} are
 * validated: NaN or infinite values are rejected, and so are non-positive values on a logarithmic
 * axis (XChart would otherwise silently drop or mis-draw them). Render with {@link #image} (a
 * {@link BufferedImage}; returned from a notebook cell it shows as PNG in every Java kernel),
 * {@link #savePng} or {@link #saveSvg}.
 */
public final class Charts {

    /** Default chart width in pixels. */
    public static final int WIDTH = 640;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 420;

    /** Okabe–Ito colour-blind-safe palette. */
    private static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)
    };

    private Charts() {
    }

    /** An XY chart with linear axes in the house style. */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        return chart;
    }

    /** An XY chart with both axes logarithmic. */
    public static XYChart logLog(String title, String xTitle, String yTitle) {
        XYChart chart = xy(title, xTitle, yTitle);
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        return chart;
    }

    /** An XY chart with a logarithmic x axis. */
    public static XYChart logX(String title, String xTitle, String yTitle) {
        XYChart chart = xy(title, xTitle, yTitle);
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
    }

    /** An XY chart with a logarithmic y axis. */
    public static XYChart logY(String title, String xTitle, String yTitle) {
        XYChart chart = xy(title, xTitle, yTitle);
        chart.getStyler().setYAxisLogarithmic(true);
        return chart;
    }

    /** Adds a line series (no markers). */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        validate(chart, name, x, y);
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2f));
        return s;
    }

    /** Adds a scatter series (markers only). */
    public static XYSeries scatter(XYChart chart, String name, double[] x, double[] y) {
        validate(chart, name, x, y);
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /** Adds a scatter series with symmetric error bars y ± err. */
    public static XYSeries errorBars(XYChart chart, String name, double[] x, double[] y, double[] err) {
        validate(chart, name, x, y);
        requireFinite(name + " errors", err);
        if (err.length != y.length) {
            throw new IllegalArgumentException(name + ": errors has " + err.length + " values but y has " + y.length);
        }
        XYStyler st = chart.getStyler();
        for (int i = 0; i < err.length; i++) {
            if (err[i] < 0) {
                throw new IllegalArgumentException(name + ": error bar " + i + " is negative (" + err[i] + ")");
            }
            if (st.isYAxisLogarithmic() && y[i] - err[i] <= 0) {
                throw new IllegalArgumentException(name + ": error bar " + i + " reaches " + (y[i] - err[i])
                        + ", not drawable on a logarithmic y axis");
            }
        }
        XYSeries s = chart.addSeries(name, x, y, err);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        st.setErrorBarsColorSeriesColor(true);
        return s;
    }

    /** Renders a chart (any XChart type) to an image; a notebook cell returning it shows a PNG. */
    public static BufferedImage image(IChart chart) {
        requireSeries(chart);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** PNG bytes of a chart. */
    public static byte[] pngBytes(IChart chart) {
        requireSeries(chart);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
    }

    /** Writes the chart as PNG, atomically (temporary file, then rename). Returns the file. */
    public static Path savePng(IChart chart, Path file) throws IOException {
        byte[] png = pngBytes(chart);
        return atomicWrite(file, out -> out.write(png));
    }

    /** Writes the chart as SVG, atomically. Returns the file. */
    public static Path saveSvg(IChart chart, Path file) throws IOException {
        requireSeries(chart);
        return atomicWrite(file, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }

    /** Applies the house style to any styler (for charts built with XChart's own builders). */
    public static <S extends Styler> S style(S st) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setSeriesColors(PALETTE);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setLegendBorderColor(new Color(200, 200, 200));
        st.setAntiAlias(true);
        if (st instanceof AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotGridLinesColor(new Color(225, 225, 225));
            a.setPlotGridLinesVisible(true);
        }
        return st;
    }

    private static void validate(XYChart chart, String name, double[] x, double[] y) {
        Require.notNull("chart", chart);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: a series needs a name");
        }
        requireFinite(name + " x", x);
        requireFinite(name + " y", y);
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": x has " + x.length + " values but y has " + y.length);
        }
        XYStyler st = chart.getStyler();
        if (st.isXAxisLogarithmic()) {
            requirePositive(name + " x (logarithmic axis)", x);
        }
        if (st.isYAxisLogarithmic()) {
            requirePositive(name + " y (logarithmic axis)", y);
        }
    }

    private static void requireFinite(String what, double[] v) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException(what + ": must not be empty");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + ": value " + i + " is " + v[i] + ", must be finite");
            }
        }
    }

    private static void requirePositive(String what, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0)) {
                throw new IllegalArgumentException(what + ": value " + i + " is " + v[i]
                        + "; a logarithmic axis needs positive values (drop or shift them first)");
            }
        }
    }

    private static void requireSeries(IChart chart) {
        Require.notNull("chart", chart);
        if (chart instanceof Chart<?, ?> c && c.getSeriesCollection().isEmpty()) {
            throw new IllegalArgumentException("chart: '" + c.getTitle() + "' has no series to draw");
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static Path atomicWrite(Path file, Writer writer) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return abs;
    }
}
