package cartan.spark;

import java.io.Serializable;

/**
 * A model or a layer the sweep could not measure; the others are measured all the same.
 *
 * @param model   the {@code model} column value (or the argument as typed)
 * @param step    its step, or null
 * @param layer   the layer, or null when the whole model could not be read
 * @param message why, on one line
 */
public record SweepError(String model, Long step, String layer, String message) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** "model: message" or "model, layer L: message". */
    public String oneLine() {
        return "'" + model + "'" + (layer == null ? "" : ", layer " + layer) + ": " + message;
    }
}
