package cartan.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

import java.awt.image.RenderedImage;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;

/**
 * What a value looks like in the notebook, in this order:
 * <ol>
 * <li>{@code null}, a {@link PrintStream} or {@link PrintWriter} (a cell ending in
 * {@code System.out.printf(...)}): nothing;</li>
 * <li>a {@link DisplayData}: itself;</li>
 * <li>a {@link RenderedImage} (e.g. a {@code BufferedImage}): {@code image/png}, with
 * {@code [image W x H]} as its text;</li>
 * <li>a Tablesaw table or a {@code cartan.table.HtmlTable}: {@code text/html} through Cartan's
 * {@code HtmlTable} when the notebook's class path has it (looked up by name, the kernel does not
 * depend on the library);</li>
 * <li>anything the protocol library's {@link Renderer} knows (objects implementing
 * {@code DisplayDataRenderable}, strings, images from streams);</li>
 * <li>otherwise its {@code toString()} as {@code text/plain}.</li>
 * </ol>
 */
public final class ValueDisplay {

    private static final String TABLESAW_RELATION = "tech.tablesaw.table.Relation";
    private static final String TABLESAW_TABLE = "tech.tablesaw.api.Table";
    private static final String HTML_TABLE = "cartan.table.HtmlTable";

    private final Renderer renderer;

    public ValueDisplay(Renderer renderer) {
        this.renderer = renderer;
    }

    /** The display bundle for a cell's value, or null when the value shows nothing. */
    public DisplayData render(Object value) {
        if (value == null || value instanceof PrintStream || value instanceof PrintWriter) {
            return null;
        }
        if (value instanceof DisplayData data) {
            return data;
        }
        if (value instanceof RenderedImage image) {
            DisplayData data = renderer.render(image);
            data.putText("[image " + image.getWidth() + " x " + image.getHeight() + "]");
            return data;
        }
        DisplayData html = htmlTable(value);
        if (html != null) {
            return html;
        }
        return renderer.render(value);
    }

    /** The same as {@link #render} but never null (for {@code display(...)}, which always shows something). */
    public DisplayData renderAlways(Object value) {
        DisplayData data = value == null ? null : render(value);
        return data != null ? data : renderer.render(String.valueOf(value));
    }

    private static DisplayData htmlTable(Object value) {
        Class<?> c = value.getClass();
        try {
            Object renderer;
            if (c.getName().equals(HTML_TABLE)) {
                renderer = value;
            } else if (isA(c, TABLESAW_RELATION)) {
                // the loader that loaded Tablesaw (the notebook's class path) also sees Cartan's jar
                Class<?> htmlTable = Class.forName(HTML_TABLE, true, c.getClassLoader());
                Class<?> table = Class.forName(TABLESAW_TABLE, false, htmlTable.getClassLoader());
                if (!table.isInstance(value)) {
                    return null;
                }
                renderer = htmlTable.getMethod("of", table).invoke(null, value);
            } else {
                return null;
            }
            Method render = renderer.getClass().getMethod("render");
            Method text = renderer.getClass().getMethod("renderText");
            DisplayData data = new DisplayData((String) text.invoke(renderer));
            data.putHTML((String) render.invoke(renderer));
            return data;
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null; // no Cartan on the class path: the table shows as text
        }
    }

    private static boolean isA(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (k.getName().equals(name)) {
                return true;
            }
            for (Class<?> i : k.getInterfaces()) {
                if (isA(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
