package cartan.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.UUID;

/**
 * IJava's notebook functions, statically imported into every session ({@code import static
 * cartan.kernel.Display.*}) so that notebooks written for IJava run unchanged:
 * {@code display(value)}, {@code display(value, "text/html", …)} (both return the display id),
 * {@code render(value[, mimes…])} and {@code updateDisplay(id, value[, mimes…])}.
 *
 * <p>Without MIME types a value is shown as {@link ValueDisplay} shows a cell's value (an image as
 * PNG, a table as HTML, anything else as text); with MIME types the protocol library's renderer is
 * asked for exactly those.
 */
public final class Display {

    private Display() {
    }

    private static CartanKernel kernel() {
        CartanKernel kernel = CartanKernel.getKernelInstance();
        if (kernel == null) {
            throw new IllegalStateException("no Cartan kernel is running (display functions work inside a notebook)");
        }
        return kernel;
    }

    /** The display bundle of a value, as a cell's value would show. */
    public static DisplayData render(Object o) {
        return kernel().values().renderAlways(o);
    }

    /** The display bundle of a value in the given MIME types (plus text/plain). */
    public static DisplayData render(Object o, String... as) {
        return kernel().getRenderer().renderAs(o, as);
    }

    /** Shows a value now (not as the cell's result); returns its display id for {@link #updateDisplay}. */
    public static String display(Object o) {
        return show(render(o));
    }

    /** Shows a value in the given MIME types; returns its display id. */
    public static String display(Object o, String... as) {
        return show(render(o, as));
    }

    /** Replaces what an earlier {@code display} showed. */
    public static void updateDisplay(String id, Object o) {
        kernel().getIO().display.updateDisplay(id, render(o));
    }

    /** Replaces what an earlier {@code display} showed, in the given MIME types. */
    public static void updateDisplay(String id, Object o, String... as) {
        kernel().getIO().display.updateDisplay(id, render(o, as));
    }

    private static String show(DisplayData data) {
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
        }
        kernel().display(data);
        return id;
    }
}
