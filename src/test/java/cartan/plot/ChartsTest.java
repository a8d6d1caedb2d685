package cartan.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    @Test
    void seriesKeepTheirDataAndRenderAtTheHouseSize() {
        XYChart chart = Charts.logLog("t", "x", "y");
        Charts.line(chart, "a", new double[] {1, 2, 4}, new double[] {1, 0.5, 0.25});
        Charts.errorBars(chart, "b", new double[] {1, 2}, new double[] {2, 3}, new double[] {0.5, 1});
        assertArrayEquals(new double[] {1, 2, 4}, chart.getSeries("a").getXData(), 0);
        BufferedImage image = Charts.image(chart);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
    }

    @Test
    void logAxesRejectNonPositiveValuesWithTheSeriesName() {
        XYChart chart = Charts.logY("t", "x", "y");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.scatter(chart, "tail", new double[] {1, 2}, new double[] {1, 0}));
        assertTrue(e.getMessage().contains("tail") && e.getMessage().contains("logarithmic"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.errorBars(chart, "bars", new double[] {1}, new double[] {1}, new double[] {1}));
        assertTrue(e.getMessage().contains("bars"), e.getMessage());
    }

    @Test
    void rejectsNaNMismatchedAndEmptyData() {
        XYChart chart = Charts.xy("t", "x", "y");
        assertThrows(IllegalArgumentException.class, () -> Charts.line(chart, "a", new double[] {1}, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Charts.line(chart, "a", new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Charts.line(chart, "a", new double[0], new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.image(Charts.xy("empty", "x", "y")));
        assertTrue(e.getMessage().contains("no series"), e.getMessage());
    }

    @Test
    void writesPngAndSvgFiles(@TempDir Path dir) throws Exception {
        XYChart chart = Charts.xy("t", "x", "y");
        Charts.line(chart, "a", new double[] {0, 1, 2}, new double[] {0, 1, 4});
        Path png = Charts.savePng(chart, dir.resolve("c.png"));
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(Charts.WIDTH, read.getWidth());
        Path svg = Charts.saveSvg(chart, dir.resolve("c.svg"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertTrue(doc.getElementsByTagName("path").getLength() > 0);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }
}
