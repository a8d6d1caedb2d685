package cartan.plot;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.SplittableRandom;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Bad series data are rejected by name; a chart renders to the same PNG bytes every time. */
class ChartValidationProperties {

    @Test
    void handWrittenBadInput() {
        XYChart c = Charts.xy("t", "x", "y");
        rejects("chart", () -> Charts.line(null, "s", new double[]{1}, new double[]{1}));
        rejects("name", () -> Charts.line(c, null, new double[]{1}, new double[]{1}));
        rejects("s", () -> Charts.line(c, "s", new double[]{1, 2}, new double[]{1}));
        rejects("s", () -> Charts.scatter(c, "s", new double[]{1, Double.NaN}, new double[]{1, 2}));
        rejects("s", () -> Charts.scatter(c, "s", new double[0], new double[0]));
        rejects("s", () -> Charts.line(Charts.logLog("t", "x", "y"), "s", new double[]{0, 1}, new double[]{1, 2}));
        rejects("s", () -> Charts.errorBars(c, "s", new double[]{1}, new double[]{1}, new double[]{-1}));
        rejects("chart", () -> Charts.image(Charts.xy("empty", "x", "y")));
    }

    @Property(tries = 5)
    void renderingIsDeterministic(@ForAll @IntRange(min = 2, max = 50) int n, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = r.nextDouble() + 0.1;
        }
        XYChart a = Charts.logLog("t", "x", "y");
        Charts.line(a, "s", x, y);
        XYChart b = Charts.logLog("t", "x", "y");
        Charts.line(b, "s", x, y);
        assertArrayEquals(Charts.pngBytes(a), Charts.pngBytes(b));
    }
}
