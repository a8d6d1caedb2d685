package cartan.notebook;

import cartan.plot.Charts;
import cartan.table.HtmlTable;
import org.knowm.xchart.internal.chartpart.IChart;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Base64;
import java.util.List;

/**
 * Kernel-neutral display for notebooks: shows HTML (tables) and images through whichever JShell
 * kernel runs the notebook, so cells never call a kernel's own API.
 *
 * <p>The Java kernels disagree: rapaio's {@code display(mime, value)} and IJava/JJava's
 * {@code display(value, mime…)} take their arguments in opposite orders, and IJava shows a plain
 * object only as its {@code toString()} text. This class finds the running kernel at run time by
 * reflection — Cartan's own kernel ({@code cartan.kernel.CartanKernel}, built on JJava's protocol
 * library), rapaio ({@code org.rapaio.jupyter.kernel.global.Global}), JJava
 * ({@code org.dflib.jjava.JJava}) or IJava ({@code io.github.spencerpark.ijava.IJava}) — and sends a
 * display message with {@code text/html} and a {@code text/plain} alternative. Outside a kernel (a
 * test, a plain JShell) it prints the plain text.
 *
 * <p>For a single chart, returning {@code Charts.image(chart)} from the cell is simpler and works in
 * every kernel; {@link #chart} is for several charts in one cell.
 */
public final class Show {

    private static final List<String[]> IJAVA_LIKE = List.of(
            new String[] {"cartan.kernel.CartanKernel", "org.dflib.jjava.jupyter.kernel.display.DisplayData"},
            new String[] {"org.dflib.jjava.JJava", "org.dflib.jjava.jupyter.kernel.display.DisplayData"},
            new String[] {"io.github.spencerpark.ijava.IJava", "io.github.spencerpark.jupyter.kernel.display.DisplayData"});

    private Show() {
    }

    /** Shows a Tablesaw table as compact HTML (30 rows, 4 significant digits). */
    public static void table(Table table) {
        table(HtmlTable.of(table));
    }

    /** Shows a Tablesaw table with at most {@code maxRows} rows. */
    public static void table(Table table, int maxRows) {
        table(HtmlTable.of(table).maxRows(maxRows));
    }

    /** Shows a configured HTML table renderer. */
    public static void table(HtmlTable renderer) {
        html(renderer.render(), renderer.renderText());
    }

    /** Shows an HTML fragment. */
    public static void html(String html) {
        html(html, html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim());
    }

    /** Shows a chart as an embedded PNG. */
    public static void chart(IChart chart) {
        image(Charts.image(chart));
    }

    /** Shows an image as an embedded PNG. */
    public static void image(BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("image: must not be null");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        String b64 = Base64.getEncoder().encodeToString(out.toByteArray());
        html("<img src=\"data:image/png;base64," + b64 + "\" width=\"" + image.getWidth() + "\"/>",
                "[image " + image.getWidth() + "x" + image.getHeight() + "]");
    }

    /** Which kernel display was found: {@code cartan}, {@code rapaio}, {@code jjava}, {@code ijava} or {@code none}. */
    public static String kernel() {
        if (load("org.rapaio.jupyter.kernel.global.Global") != null && rapaioDisplay() != null) {
            return "rapaio";
        }
        for (String[] names : IJAVA_LIKE) {
            if (kernelInstance(names[0]) != null) {
                return names[0].startsWith("cartan.") ? "cartan" : names[0].contains("dflib") ? "jjava" : "ijava";
            }
        }
        return "none";
    }

    private static void html(String html, String text) {
        if (html == null) {
            throw new IllegalArgumentException("html: must not be null");
        }
        try {
            Method rapaio = rapaioDisplay();
            if (rapaio != null) {
                rapaio.invoke(null, "text/html", html);
                return;
            }
            for (String[] names : IJAVA_LIKE) {
                Object kernel = kernelInstance(names[0]);
                Class<?> dataClass = load(names[1]);
                if (kernel != null && dataClass != null) {
                    Object data = dataClass.getConstructor().newInstance();
                    dataClass.getMethod("putText", String.class).invoke(data, text);
                    dataClass.getMethod("putHTML", String.class).invoke(data, html);
                    for (Method m : kernel.getClass().getMethods()) {
                        if (m.getName().equals("display") && m.getParameterCount() == 1
                                && m.getParameterTypes()[0].isAssignableFrom(dataClass)) {
                            m.invoke(kernel, data);
                            return;
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("Show: kernel display failed (" + e + "); printing text instead");
        }
        System.out.println(text);
    }

    private static Method rapaioDisplay() {
        Class<?> global = load("org.rapaio.jupyter.kernel.global.Global");
        if (global == null) {
            return null;
        }
        try {
            return global.getMethod("display", String.class, Object.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object kernelInstance(String className) {
        Class<?> c = load(className);
        if (c == null) {
            return null;
        }
        try {
            return c.getMethod("getKernelInstance").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static Class<?> load(String name) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                Show.class.getClassLoader(), ClassLoader.getSystemClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }
}
