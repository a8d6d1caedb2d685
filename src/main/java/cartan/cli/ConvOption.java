package cartan.cli;

import cartan.io.ConvMode;
import cartan.io.ReadOptions;

/**
 * {@code --conv}: how a convolution kernel with k_h·k_w spatial positions, {@code in} input and {@code out}
 * output channels becomes rows of the profile.
 */
enum ConvOption {
    /** One (k_h·k_w·in) × out matrix per kernel, the im2col operator (Cartan's default). */
    FLATTEN,
    /**
     * WeightWatcher's default ({@code pool=True}): one row per kernel whose ESD pools the eigenvalues of its
     * k_h·k_w slices (in × out each).
     */
    POOLED,
    /** One row per slice, {@code name[i,j]} (WeightWatcher's {@code pool=False}, the old {@code ww2x}). */
    SLICES;

    ReadOptions readOptions() {
        return this == FLATTEN ? ReadOptions.DEFAULT : ReadOptions.DEFAULT.withConvMode(ConvMode.PER_SLICE);
    }

    boolean pool() {
        return this == POOLED;
    }
}
